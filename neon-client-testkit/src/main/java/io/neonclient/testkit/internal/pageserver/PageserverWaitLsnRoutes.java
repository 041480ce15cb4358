package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code POST /v1/tenant/{tenant_shard_id}/wait_lsn} (pageserver/src/http/routes.rs {@code wait_lsn_handler}): the
 * body is {@code TenantWaitLsnRequest} (libs/pageserver_api/src/models.rs), the timeline ids flattened beside
 * {@code timeout} (serde's {@code {"secs", "nanos"}}); waits until each listed timeline of the attached shard has
 * ingested its LSN: 200 when all did within the timeout, 202 when one did not, 404 when none of them is here.
 */
public final class PageserverWaitLsnRoutes {
    private final PageserverNode node;
    private final Timelines timelines;
    private final Timing timing;

    public PageserverWaitLsnRoutes(PageserverNode node, Timelines timelines, Timing timing) {
        this.node = node;
        this.timelines = timelines;
        this.timing = timing;
    }

    public Router register(Router r) {
        r.add("POST", "/v1/tenant/{tenant_shard_id}/wait_lsn", RouteAuth.component("pageserverapi"), this::waitLsn);
        return r;
    }

    private Reply waitLsn(Exchange x) {
        TenantShardId shard = x.tenantShardId();
        ObjectNode body = x.object();
        JsonNode timeout = body.get("timeout");
        if (timeout == null || !timeout.path("secs").isIntegralNumber()) {
            throw HttpError.badRequest("Failed to parse json request: missing field `timeout`");
        }
        node.attached(shard);
        Map<TimelineData, Lsn> waits = new HashMap<>();
        RemoteStorage.TenantData tenant = timelines.remote().existing(shard.tenantId());
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("timeout")) {
                continue;
            }
            TimelineId id;
            Lsn lsn;
            try {
                id = TimelineId.parse(e.getKey());
                lsn = Lsn.parse(e.getValue().asText());
            } catch (IllegalArgumentException bad) {
                throw HttpError.badRequest("Failed to parse json request: " + bad.getMessage());
            }
            TimelineData t = tenant == null ? null : tenant.timeline(id);
            if (t != null) {
                waits.put(t, lsn);
            }
        }
        if (waits.isEmpty()) {
            return Reply.nullBody(404);
        }
        Duration limit = Duration.ofSeconds(timeout.path("secs").asLong(), timeout.path("nanos").asLong(0));
        long deadline = System.nanoTime() + timing.millis(limit) * 1_000_000;
        while (true) {
            boolean all = waits.entrySet().stream().allMatch(w -> !w.getKey().lastRecordLsn.isBefore(w.getValue()));
            if (all) {
                return Reply.nullBody(200);
            }
            if (System.nanoTime() >= deadline) {
                return Reply.nullBody(202);
            }
            Router.sleep(2);
        }
    }
}
