package io.neonclient.testkit.internal.storcon;

import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;

/**
 * {@code GET /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate} (storage_controller/src/http.rs
 * {@code handle_tenant_timeline_locate}, scope admin): where the controller placed a timeline's WAL, read from the
 * same record {@code safekeeper_migrate} updates.
 */
public final class StorconTimelineLocateRoutes {
    private final SafekeeperPlacement placement;

    public StorconTimelineLocateRoutes(Storcon sc) {
        this.placement = new SafekeeperPlacement(sc);
    }

    public void register(Router r) {
        r.add("GET", "/debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate", RouteAuth.storcon("admin"),
                x -> Reply.ok(placement.locate(x.tenantId(), x.timelineId())));
    }
}
