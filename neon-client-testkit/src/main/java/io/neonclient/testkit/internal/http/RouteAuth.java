package io.neonclient.testkit.internal.http;

import java.util.Map;

/**
 * Which token a route accepts. Storage controller routes take their scope or {@code admin}
 * (storage_controller/src/http.rs, {@code check_permissions}); pageserver and safekeeper routes take their
 * component scope or a {@code tenant} token for the tenant in the path (pageserver/src/auth.rs,
 * safekeeper/src/auth.rs), never {@code admin}.
 */
@FunctionalInterface
public interface RouteAuth {

    /** Throws {@link HttpError#forbidden()} when the claims do not allow the route. */
    void check(Claims claims, Map<String, String> params);

    /** Routes without any auth ({@code /status}, {@code /v1/status}, …). */
    RouteAuth OPEN = (c, p) -> { };

    /** Any valid token (e.g. the controller's secondary download, the pageserver's location_config list). */
    RouteAuth ANY = (c, p) -> { };

    static RouteAuth storcon(String scope) {
        return (c, p) -> {
            if (!scope.equals(c.scope()) && !"admin".equals(c.scope())) {
                throw HttpError.forbidden();
            }
        };
    }

    /** {@code componentScope}, or {@code tenant} with the path's tenant id. */
    static RouteAuth component(String componentScope) {
        return (c, p) -> {
            if (componentScope.equals(c.scope())) {
                return;
            }
            String inPath = p.getOrDefault("tenant_id", p.get("tenant_shard_id"));
            if ("tenant".equals(c.scope()) && inPath != null && c.tenantId() != null
                    && inPath.toLowerCase().startsWith(c.tenantId().toLowerCase())) {
                return;
            }
            throw HttpError.forbidden();
        };
    }
}
