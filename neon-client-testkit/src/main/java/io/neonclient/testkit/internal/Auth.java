package io.neonclient.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token issuing and checking for a cluster with auth on. Tokens are JWTs signed with HS256 under a per-cluster
 * random secret (upstream signs with EdDSA; the simulation only needs the claims and a signature it can check).
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
    private final byte[] secret;

    public Auth(boolean enabled, byte[] secret) {
        this.enabled = enabled;
        this.secret = secret.clone();
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
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(Json.encode(claims));
        return header + "." + payload + "." + B64.encodeToString(sign(header + "." + payload));
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
            byte[] actual = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), actual)) {
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
