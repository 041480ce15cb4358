package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;

/**
 * A safekeeper's read routes (safekeeper/src/http/routes.rs): status, utilization, the timeline list and timeline
 * status (TimelineStatus of {@link SafekeeperNode}). Timeline creation, deletion, membership, copy and pull are in
 * {@link SafekeeperTimelineRoutes} and {@link SafekeeperPullRoutes}. Scope {@code safekeeperdata}, or a tenant token
 * where the handler checks the path's tenant.
 */
public final class SafekeeperRoutes {
    /** Routes whose handler calls {@code check_permission(&request, None)}: a tenant token is refused (safekeeper/src/auth.rs). */
    static final RouteAuth SAFEKEEPER_DATA = (c, p) -> {
        if (!"safekeeperdata".equals(c.scope())) {
            throw HttpError.forbidden();
        }
    };

    private final SafekeeperNode node;

    public SafekeeperRoutes(SafekeeperNode node) {
        this.node = node;
    }

    public Router register(Router r) {
        RouteAuth sk = RouteAuth.component("safekeeperdata");
        r.add("GET", "/v1/status", RouteAuth.OPEN, x -> Reply.ok(Json.MAPPER.createObjectNode().put("id", node.id())));
        // utilization_handler: GlobalTimelines::get_timeline_counts
        r.add("GET", "/v1/utilization", SAFEKEEPER_DATA,
                x -> Reply.ok(Json.MAPPER.createObjectNode().put("timeline_count", node.list().size())));
        // timeline_list_handler: every (not deleted) timeline, as TenantTimelineId
        r.add("GET", "/v1/tenant/timeline", SAFEKEEPER_DATA, x -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.list().forEach(t -> out.addObject().put("tenant_id", t.tenant().toString()).put("timeline_id", t.timeline().toString()));
            return Reply.ok(out);
        });
        r.add("GET", "/v1/tenant/{tenant_id}/timeline/{timeline_id}", sk,
                x -> Reply.ok(node.status(new SafekeeperNode.Ttid(x.tenantId(), x.timelineId()))));
        return r;
    }
}
