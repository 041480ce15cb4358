package io.neonclient.testkit.internal.http;

import java.util.List;

/**
 * The verified claims of a request's token; {@code NONE} when auth is off or the route is open. Storage tokens carry
 * {@code scope} and maybe {@code tenant_id} (libs/utils/src/auth.rs, {@code Claims}); compute_ctl tokens carry
 * {@code compute_id}, {@code scope} and {@code aud} (libs/compute_api/src/requests.rs, {@code ComputeClaims}).
 */
public record Claims(String scope, String tenantId, String computeId, List<String> audience) {
    public static final Claims NONE = new Claims(null, null, null, null);

    public Claims(String scope, String tenantId) {
        this(scope, tenantId, null, null);
    }
}
