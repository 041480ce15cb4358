package io.neonclient.testkit.internal.pageserver;

import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;

/**
 * The pageserver's {@code GET /v1/tenant/{tenant_shard_id}/synthetic_size} ({@code tenant_size_handler} in
 * pageserver/src/http/routes.rs): shard zero only, attached tenants only, {@code ?inputs_only=true} for the model's
 * inputs without the calculation. The storage controller reaches it through its {@code GET /v1/tenant/{tenant_id}/*}
 * passthrough to shard zero.
 */
public final class PageserverSizeRoutes {
    private final PageserverTimelines timelines;

    public PageserverSizeRoutes(PageserverTimelines timelines) {
        this.timelines = timelines;
    }

    public Router register(Router r) {
        r.add("GET", "/v1/tenant/{tenant_shard_id}/synthetic_size", RouteAuth.component("pageserverapi"), x -> {
            TenantShardId shard = x.tenantShardId();
            boolean inputsOnly = x.queryFlag("inputs_only", false);
            if (x.query().containsKey("retention_period")) {
                try {
                    Long.parseUnsignedLong(x.query().get("retention_period"));
                } catch (NumberFormatException e) {
                    throw HttpError.badRequest("Failed to parse query parameter retention_period: '"
                            + x.query().get("retention_period") + "' is not an unsigned integer");
                }
            }
            return Reply.ok(timelines.syntheticSize(shard, inputsOnly));
        });
        return r;
    }
}
