package io.neonclient.testkit.internal;

import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import java.time.Duration;

/**
 * Testkit-only controls on the controller's listener under {@code /testkit/v1} (not an upstream API): stop and
 * start a pageserver, commit WAL on a timeline, move the clock. They let shell procedures run against the
 * standalone jar; with auth on they need an {@code admin} token.
 */
public final class TestkitControlRoutes {
    private final Cluster cluster;

    public TestkitControlRoutes(Cluster cluster) {
        this.cluster = cluster;
    }

    public void register(Router r) {
        RouteAuth admin = RouteAuth.storcon("admin");
        r.add("POST", "/testkit/v1/pageserver/{node_id}/stop", admin, x -> {
            pageserver(x).stop();
            return Reply.nullBody();
        });
        r.add("POST", "/testkit/v1/pageserver/{node_id}/start", admin, x -> {
            PageserverNode ps = pageserver(x);
            ps.start();
            cluster.heartbeats.reAttach(ps.id());
            return Reply.nullBody();
        });
        r.add("POST", "/testkit/v1/tenant/{tenant_id}/timeline/{timeline_id}/write", admin, x -> {
            long bytes = x.query("bytes") == null ? 8192 : Long.parseLong(x.query("bytes"));
            TimelineData t = cluster.timelines.find(TenantShardId.unsharded(x.tenantId()), x.timelineId());
            synchronized (cluster.timelines.remote().tenant(x.tenantId())) {
                return Reply.ok(Json.MAPPER.createObjectNode().put("lsn", t.write(bytes, cluster.timing.now()).toString()));
            }
        });
        r.add("POST", "/testkit/v1/clock/advance", admin, x -> {
            long seconds = Long.parseLong(x.query("seconds") == null ? "0" : x.query("seconds"));
            cluster.timing.advance(Duration.ofSeconds(seconds));
            return Reply.ok(Json.MAPPER.createObjectNode().put("now", Rfc3339.format(cluster.timing.now())));
        });
        r.add("GET", "/testkit/v1/clock", admin,
                x -> Reply.ok(Json.MAPPER.createObjectNode().put("now", Rfc3339.format(cluster.timing.now()))));
    }

    private PageserverNode pageserver(Exchange x) {
        PageserverNode ps = cluster.pageservers.get(x.longParam("node_id"));
        if (ps == null) {
            throw HttpError.notFound("Pageserver " + x.param("node_id") + " is not part of this cluster");
        }
        return ps;
    }
}
