package io.neonclient.testkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Token issuing and checking for a cluster with auth on. Tokens are JWTs signed with EdDSA (Ed25519), as upstream's
 * {@code libs/utils/src/auth.rs} ({@code JwtAuth}, {@code encode_from_key_file}) signs and verifies them: the cluster
 * generates its own key pair for the tokens it hands out, and also accepts tokens signed by any public key the
 * operator gives ({@code --auth-public-key FILE|DIR}, PEM {@code PUBLIC KEY} files as upstream's
 * {@code JwtAuth::from_key_path} reads them), so tokens minted by an operator's own tooling work.
 * Header checks and messages mirror libs/http-utils/src/endpoint.rs ({@code auth_middleware},
 * {@code check_permission_with}) and libs/utils/src/auth.rs: missing header → 401, bad token or wrong scope → 403;
 * compute_ctl's rules are compute_tools/src/http/middleware/authorize.rs.
 */
public final class Auth {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** compute_api::requests::ComputeClaimsScope::Admin. */
    public static final String COMPUTE_ADMIN = "compute_ctl:admin";
    /** compute_api::requests::COMPUTE_AUDIENCE. */
    public static final String COMPUTE_AUDIENCE = "compute";
    /** jsonwebtoken's default {@code Validation::leeway}. */
    private static final long LEEWAY_SECONDS = 60;
    private final boolean enabled;
    private final KeyPair own;
    private volatile List<PublicKey> accepted;
    /** Where the operator's keys were read from, read again by {@link #reload()}. */
    private final List<Path> keyPaths;

    /** Auth with a fresh Ed25519 key pair for the cluster's own tokens, also accepting tokens signed by {@code extra}. */
    public Auth(boolean enabled, List<PublicKey> extra) {
        this(enabled, extra, List.of());
    }

    /** As {@link #Auth(boolean, List)}, remembering the files {@code extra} was read from for {@link #reload()}. */
    public Auth(boolean enabled, List<PublicKey> extra, List<Path> keyPaths) {
        this.enabled = enabled;
        this.keyPaths = List.copyOf(keyPaths);
        try {
            this.own = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JDK", e);
        }
        List<PublicKey> keys = new ArrayList<>(extra);
        keys.add(own.getPublic());
        this.accepted = List.copyOf(keys);
    }

    /**
     * The Ed25519 public keys in {@code path}: a PEM {@code PUBLIC KEY} file, or every such file in a directory (as
     * upstream's {@code JwtAuth::from_key_path} reads a directory of keys).
     *
     * @throws IllegalArgumentException naming the file that is not an Ed25519 public key in PEM
     */
    public static List<PublicKey> readPublicKeys(Path path) {
        List<Path> files = new ArrayList<>();
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
            List<PublicKey> keys = new ArrayList<>();
            for (Path f : files) {
                keys.add(publicKey(f, Files.readString(f, StandardCharsets.US_ASCII)));
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("auth public key directory " + path + " holds no key files");
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read auth public key " + path + ": " + e.getMessage(), e);
        }
    }

    private static PublicKey publicKey(Path file, String pem) {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
                throw new IllegalArgumentException("no '-----BEGIN PUBLIC KEY-----' block");
            }
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("auth public key " + file + " must be an Ed25519 public key in PEM"
                    + " (openssl genpkey -algorithm ed25519 | openssl pkey -pubout): " + e.getMessage(), e);
        }
    }

    /**
     * Reads the operator's public keys again from the paths they came from and verifies with those from now on
     * (pageserver/src/http/routes.rs {@code reload_auth_validation_keys_handler} swapping its {@code JwtAuth}); the
     * cluster's own key stays. One key set serves every simulated server, so the reload applies to all of them.
     *
     * @throws IllegalArgumentException when a file cannot be read as a key (the old keys stay)
     */
    public void reload() {
        List<PublicKey> keys = new ArrayList<>();
        for (Path p : keyPaths) {
            keys.addAll(readPublicKeys(p));
        }
        keys.add(own.getPublic());
        this.accepted = List.copyOf(keys);
    }

    /** The public key of the cluster's own tokens, as PEM (what an operator would give upstream's servers). */
    public String ownPublicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(own.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * A signed token with {@code {"scope": scope, "tenant_id": tenantId?}}; a {@code compute_ctl:admin} token also
     * gets {@code "aud": ["compute"]}, as neon_local's {@code Endpoint::generate_jwt} issues it
     * (control_plane/src/endpoint.rs).
     */
    public String issue(String scope, String tenantId) {
        ObjectNode claims = Json.MAPPER.createObjectNode().put("scope", scope);
        if (tenantId != null) {
            claims.put("tenant_id", tenantId);
        }
        if (COMPUTE_ADMIN.equals(scope)) {
            claims.putArray("aud").add(COMPUTE_AUDIENCE);
        }
        return sign(claims);
    }

    /** A compute_ctl token for one compute: {@code {"compute_id": computeId}} (no scope, no audience). */
    public String issueCompute(String computeId) {
        return sign(Json.MAPPER.createObjectNode().put("compute_id", computeId));
    }

    /** A token with exactly these claims (tests build expired or malformed ones with it). */
    public String sign(ObjectNode claims) {
        String header = B64.encodeToString("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(Json.encode(claims));
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(own.getPrivate());
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Verifies a storage component's {@code Authorization} header value and returns its claims
     * (libs/http-utils/src/endpoint.rs, {@code auth_middleware}: missing header or another scheme → 401, a token
     * that does not verify → 403 {@code JWT authentication error}).
     */
    public Claims verify(String header) {
        if (header == null) {
            throw HttpError.unauthorized("missing authorization header");
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equals("Bearer")) {
            throw HttpError.unauthorized("malformed authorization header");
        }
        JsonNode claims = decode(header.substring(space + 1));
        if (claims == null) {
            throw HttpError.forbidden();
        }
        JsonNode scope = claims.get("scope");
        JsonNode tenant = claims.get("tenant_id");
        if (scope == null || !scope.isTextual() || (tenant != null && !tenant.isNull() && !tenant.isTextual())) {
            throw HttpError.forbidden();
        }
        return new Claims(scope.asText(), tenant == null || tenant.isNull() ? null : tenant.asText());
    }

    /**
     * Verifies a compute_ctl {@code Authorization} header for the compute {@code computeId}, as
     * compute_tools/src/http/middleware/authorize.rs does: no bearer header → 400 {@code invalid authorization
     * token}; a token that does not verify or whose claims do not deserialize (another scope, {@code aud} not a
     * list) → 401; {@code compute_ctl:admin} without the {@code compute} audience → 401; any other token without
     * this compute's {@code compute_id} → 403.
     */
    public Claims verifyCompute(String header, String computeId) {
        if (header == null || !header.startsWith("Bearer ") || header.substring(7).isBlank()) {
            throw HttpError.of(400, "invalid authorization token");
        }
        JsonNode c = decode(header.substring(7).strip());
        if (c == null) {
            throw HttpError.of(401, "failed to verify authorization token");
        }
        JsonNode scope = c.get("scope");
        JsonNode aud = c.get("aud");
        JsonNode id = c.get("compute_id");
        boolean scopeOk = scope == null || scope.isNull() || COMPUTE_ADMIN.equals(scope.textValue());
        boolean audOk = aud == null || aud.isNull() || (aud.isArray() && allText(aud));
        boolean idOk = id == null || id.isNull() || id.isTextual();
        if (!scopeOk || !audOk || !idOk) {
            throw HttpError.of(401, "failed to verify authorization token");
        }
        List<String> audience = null;
        if (aud != null && aud.isArray()) {
            audience = new ArrayList<>();
            for (JsonNode a : aud) {
                audience.add(a.asText());
            }
        }
        String claimedId = id == null || id.isNull() ? null : id.asText();
        if (scope != null && !scope.isNull()) {
            if (audience == null) {
                throw HttpError.of(401, "missing audience in authorization token claims");
            }
            if (!audience.contains(COMPUTE_AUDIENCE)) {
                throw HttpError.of(401, "invalid audience in authorization token claims");
            }
        } else if (claimedId == null) {
            throw HttpError.of(403, "missing compute_id in authorization token claims");
        } else if (!claimedId.equals(computeId)) {
            throw HttpError.of(403, "invalid compute ID in authorization token claims");
        }
        return new Claims(scope == null || scope.isNull() ? null : scope.asText(), null, claimedId, audience);
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode a : array) {
            if (!a.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The token's claims when its signature verifies and it has not expired (jsonwebtoken's default 60 s leeway
     * applies to {@code exp}), else null.
     */
    private JsonNode decode(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (header == null || !"EdDSA".equals(header.path("alg").asText())) {
                return null; // upstream validates with Algorithm::EdDSA only
            }
            if (!verifies(parts[0] + "." + parts[1], Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims == null || !claims.isObject()) {
                return null;
            }
            JsonNode exp = claims.get("exp");
            if (exp != null && !exp.isNull()) {
                if (!exp.isNumber() || (exp.asLong() + LEEWAY_SECONDS) * 1000 < System.currentTimeMillis()) {
                    return null;
                }
            }
            return claims;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private boolean verifies(String signed, byte[] signature) {
        for (PublicKey key : accepted) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature for this key: try the next one
            }
        }
        return false;
    }
}
