package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code POST /v1/tenant/{tenant_shard_id}/wait_lsn} (pageserver/src/http/routes.rs {@code wait_lsn_handler}): the
 * body is {@code TenantWaitLsnRequest} (libs/pageserver_api/src/models.rs), the timeline ids flattened beside
 * {@code timeout} (serde's {@code {"secs", "nanos"}}); waits until each listed timeline of the attached shard has
 * ingested its LSN: 200 when all did within the timeout, 202 when one did not, 404 when none of them is here. The route
 * decodes the body and calls {@link PageserverTimelines#waitLsn}.
 */
public final class PageserverWaitLsnRoutes {
    private final PageserverTimelines timelines;

    public PageserverWaitLsnRoutes(PageserverTimelines timelines) {
        this.timelines = timelines;
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
        timelines.getAttachedTenantShard(shard);
        Map<TimelineId, Lsn> lsns = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("timeout")) {
                continue;
            }
            try {
                lsns.put(TimelineId.parse(e.getKey()), Lsn.parse(e.getValue().asText()));
            } catch (IllegalArgumentException bad) {
                throw HttpError.badRequest("Failed to parse json request: " + bad.getMessage());
            }
        }
        Duration limit = Duration.ofSeconds(timeout.path("secs").asLong(), timeout.path("nanos").asLong(0));
        return Reply.nullBody(timelines.waitLsn(shard, lsns, limit));
    }
}
