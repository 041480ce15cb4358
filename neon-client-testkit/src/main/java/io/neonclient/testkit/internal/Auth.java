package io.neonclient.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token issuing and checking for a cluster with auth on. Tokens are JWTs signed with HS256 under a per-cluster
 * random secret (upstream signs with EdDSA; the simulation only needs the claims and a signature it can check).
 * Header checks and messages mirror libs/http-utils/src/endpoint.rs ({@code check_permission_with}) and
 * libs/utils/src/auth.rs: missing header → 401, bad token or wrong scope → 403.
 */
public final class Auth {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final boolean enabled;
    private final byte[] secret;

    public Auth(boolean enabled, byte[] secret) {
        this.enabled = enabled;
        this.secret = secret.clone();
    }

    public boolean enabled() {
        return enabled;
    }

    /** A signed token with {@code {"scope": scope, "tenant_id": tenantId?}}. */
    public String issue(String scope, String tenantId) {
        ObjectNode claims = Json.MAPPER.createObjectNode().put("scope", scope);
        if (tenantId != null) {
            claims.put("tenant_id", tenantId);
        }
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(Json.encode(claims));
        return header + "." + payload + "." + B64.encodeToString(sign(header + "." + payload));
    }

    /** Verifies an {@code Authorization} header value and returns its claims. */
    public Claims verify(String header) {
        if (header == null) {
            throw HttpError.unauthorized("missing authorization header");
        }
        if (!header.startsWith("Bearer ")) {
            throw HttpError.unauthorized("malformed authorization header");
        }
        String[] parts = header.substring(7).split("\\.", -1);
        if (parts.length != 3) {
            throw HttpError.forbidden();
        }
        byte[] expected = sign(parts[0] + "." + parts[1]);
        byte[] actual;
        try {
            actual = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw HttpError.forbidden();
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw HttpError.forbidden();
        }
        try {
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.get("exp");
            if (exp != null && exp.isNumber() && exp.asLong() * 1000 < System.currentTimeMillis()) {
                throw HttpError.forbidden();
            }
            String tenant = claims.hasNonNull("tenant_id") ? claims.get("tenant_id").asText() : null;
            return new Claims(claims.path("scope").asText(null), tenant);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw HttpError.forbidden();
        }
    }

    private byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
