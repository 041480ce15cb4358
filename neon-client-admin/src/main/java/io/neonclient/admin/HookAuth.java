package io.neonclient.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the storage controller's {@code Authorization: Bearer <control_plane_jwt_token>}
 * ({@code storage_controller/src/compute_hook.rs} sends it on every notification): either equal to a static token
 * (compared in constant time) or a JWT signed with EdDSA by one of the operator's Ed25519 public keys and not expired
 * ({@code exp}), as Neon's components verify tokens ({@code libs/utils/src/auth.rs}). Never logs a token.
 */
final class HookAuth {
    private final byte[] token;
    private final List<PublicKey> keys;
    private final Clock clock;

    private HookAuth(byte[] token, List<PublicKey> keys, Clock clock) {
        this.token = token;
        this.keys = keys;
        this.clock = clock;
    }

    static HookAuth none() {
        return new HookAuth(null, List.of(), Clock.systemUTC());
    }

    static HookAuth token(String token) {
        return new HookAuth(token.getBytes(StandardCharsets.UTF_8), List.of(), Clock.systemUTC());
    }

    static HookAuth jwt(List<PublicKey> keys) {
        return new HookAuth(null, List.copyOf(keys), Clock.systemUTC());
    }

    boolean enabled() {
        return token != null || !keys.isEmpty();
    }

    /** Null when {@code authorization} (the header, or null) is accepted, else why not (no token text in it). */
    String refusal(String authorization) {
        if (!enabled()) {
            return null;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "missing bearer token";
        }
        String presented = authorization.substring(7).strip();
        if (token != null) {
            return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8)) ? null : "token does not match";
        }
        return jwtRefusal(presented);
    }

    private String jwtRefusal(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return "token is not a JWT";
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = Json.tree(b64.decode(parts[0]));
            if (!"EdDSA".equals(header.path("alg").asText())) {
                return "token is not signed with EdDSA";
            }
            byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = b64.decode(parts[2]);
            boolean verified = false;
            for (PublicKey key : keys) {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(signed);
                if (s.verify(signature)) {
                    verified = true;
                    break;
                }
            }
            if (!verified) {
                return "token signature does not verify with any configured public key";
            }
            JsonNode claims = Json.tree(b64.decode(parts[1]));
            if (claims.has("exp") && claims.get("exp").asLong() <= clock.instant().getEpochSecond()) {
                return "token expired";
            }
            return null;
        } catch (RuntimeException | GeneralSecurityException e) {
            // not base64url, not JSON, not a key of the right kind: a token we cannot read is a token we refuse
            return "token is malformed";
        }
    }

    /**
     * The Ed25519 public keys in {@code path}: a PEM {@code PUBLIC KEY} file, or every regular file in a directory (as
     * upstream's {@code --auth-public-key-path} reads them).
     *
     * @throws IllegalArgumentException naming the file that is not an Ed25519 public key in PEM
     */
    static List<PublicKey> readPublicKeys(Path path) {
        try {
            List<Path> files;
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = List.of(path);
            }
            List<PublicKey> keys = new ArrayList<>();
            for (Path f : files) {
                keys.add(publicKey(f, Files.readString(f, StandardCharsets.US_ASCII)));
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("JWT public key directory " + path + " holds no key files");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JWT public key " + path + ": " + e.getMessage(), e);
        }
    }

    private static PublicKey publicKey(Path file, String pem) {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("JWT public key " + file + " must be an Ed25519 public key in PEM"
                    + " (-----BEGIN PUBLIC KEY-----), e.g. from openssl pkey -pubout", e);
        }
    }
}
