package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.TimelineCreation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Controller timeline routes and the pageserver passthrough (storage_controller/src/http.rs
 * {@code handle_tenant_timeline_*}, {@code handle_tenant_timeline_passthrough}): they decode the request, call
 * {@link StorconTimelines} (service.rs {@code tenant_timeline_create}, {@code tenant_timeline_delete}, the fan-out for
 * leases, archival, detach and GC blocking, {@code tenant_timeline_describe}, {@code tenant_shard0_node}) and encode
 * its answer; any other GET under {@code /v1/tenant/T} is proxied to shard 0's pageserver.
 */
public final class StorconTimelineRoutes {
    private final StorconTimelines timelines;

    public StorconTimelineRoutes(StorconTimelines timelines) {
        this.timelines = timelines;
    }

    public void register(Router r) {
        RouteAuth ps = RouteAuth.storcon("pageserverapi");
        String tl = "/v1/tenant/{tenant_id}/timeline/{timeline_id}";
        r.add("POST", "/v1/tenant/{tenant_id}/timeline", ps,
                x -> Reply.json(201, timelines.tenantTimelineCreate(x.tenantId(), TimelineCreation.parse(x.object()), x.body())));
        r.add("DELETE", tl, ps, x -> {
            timelines.tenantTimelineDelete(x.tenantId(), x.timelineId());
            return Reply.nullBody();
        });
        r.add("POST", tl + "/lsn_lease", ps, x -> fanOut(x, "POST", "/lsn_lease", true));
        r.add("PUT", tl + "/archival_config", ps, x -> fanOut(x, "PUT", "/archival_config", true));
        r.add("PUT", tl + "/detach_ancestor", ps, x -> fanOut(x, "PUT", "/detach_ancestor", false));
        r.add("POST", tl + "/block_gc", ps, x -> fanOut(x, "POST", "/block_gc", true));
        r.add("POST", tl + "/unblock_gc", ps, x -> fanOut(x, "POST", "/unblock_gc", true));
        r.add("PUT", tl + "/mark_invisible", ps, this::passthrough);
        r.add("POST", tl + "/safekeeper_migrate", ps, x -> {
            TenantId id = x.tenantId();
            timelines.requireTenant(id);
            JsonNode set = Bodies.required(x.object(), "new_sk_set");
            List<Long> ids = new ArrayList<>();
            set.forEach(n -> ids.add(n.asLong()));
            return timelines.tenantTimelineSafekeeperMigrate(id, x.timelineId(), ids);
        });
        r.add("POST", tl + "/safekeeper_migrate_abort", ps, x -> {
            timelines.tenantTimelineSafekeeperMigrateAbort(x.tenantId(), x.timelineId());
            return Reply.nullBody();
        });
        r.add("GET", "/control/v1/tenant/{tenant_id}/timeline/{timeline_id}", RouteAuth.storcon("scrubber"),
                x -> Reply.ok(timelines.tenantTimelineDescribe(x.tenantId(), x.timelineId())));
        r.add("GET", "/v1/tenant/{tenant_id}", ps, this::passthrough);
        r.add("GET", "/v1/tenant/{tenant_id}/{*rest}", ps, this::passthrough);
    }

    private Reply fanOut(Exchange x, String method, String suffix, boolean nullResult) {
        TenantId id = x.tenantId();
        String rawQuery = x.query().isEmpty() ? null : queryString(x);
        Reply first = timelines.tenantTimelineFanOut(id, x.timelineId(), method, suffix, rawQuery, x.body());
        return nullResult ? Reply.nullBody() : first;
    }

    private Reply passthrough(Exchange x) {
        return timelines.tenantTimelinePassthrough(x.tenantId(), x.method(), x.path(), x.query().isEmpty() ? null : queryString(x), x.body());
    }

    private static String queryString(Exchange x) {
        StringBuilder sb = new StringBuilder();
        x.query().forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }
}
