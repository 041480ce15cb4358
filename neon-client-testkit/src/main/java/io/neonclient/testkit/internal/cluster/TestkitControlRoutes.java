package io.neonclient.testkit.internal.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.compute.ComputeNode;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import java.time.Duration;

/**
 * Testkit-only controls on the controller's listener under {@code /testkit/v1} (not an upstream API): stop and
 * start a pageserver, restart the controller, commit WAL on a timeline, move the clock, start and list computes. They let shell procedures run against the
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
            cluster.reAttach(ps.id());
            return Reply.nullBody();
        });
        r.add("POST", "/testkit/v1/tenant/{tenant_id}/timeline/{timeline_id}/write", admin, x -> {
            long bytes = x.query("bytes") == null ? 8192 : Long.parseLong(x.query("bytes"));
            Lsn end = cluster.timelines().write(TenantShardId.unsharded(x.tenantId()), x.timelineId(), bytes);
            return Reply.ok(Json.MAPPER.createObjectNode().put("lsn", end.toString()));
        });
        r.add("POST", "/testkit/v1/clock/advance", admin, x -> {
            long seconds = Long.parseLong(x.query("seconds") == null ? "0" : x.query("seconds"));
            cluster.timing().advance(Duration.ofSeconds(seconds));
            return Reply.ok(Json.MAPPER.createObjectNode().put("now", Rfc3339.format(cluster.timing().now())));
        });
        r.add("POST", "/testkit/v1/storage_controller/restart", admin, x -> {
            long downSeconds;
            try {
                downSeconds = x.query("down_seconds") == null ? 0 : Long.parseLong(x.query("down_seconds"));
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("down_seconds must be a whole number of seconds, got " + x.query("down_seconds"));
            }
            if (downSeconds < 0) {
                throw HttpError.badRequest("down_seconds must be >= 0, got " + downSeconds);
            }
            // This listener is the one going down: the graceful stop lets this exchange finish answering 202 first.
            Thread.ofVirtual().name("testkit-controller-restart").start(() -> {
                cluster.stopController(5);
                if (downSeconds > 0) {
                    Router.sleep(cluster.timing().millis(Duration.ofSeconds(downSeconds)));
                }
                cluster.startController();
            });
            return Reply.nullBody(202);
        });
        r.add("POST", "/testkit/v1/compute", admin, x -> {
            String tenant = x.query("tenant_id");
            String timeline = x.query("timeline_id");
            if ((tenant == null) != (timeline == null)) {
                throw HttpError.badRequest("tenant_id and timeline_id go together: give both to start a configured compute,"
                        + " or neither for an empty one");
            }
            ComputeNode c;
            if (tenant == null) {
                c = cluster.newCompute();
            } else {
                TenantId t;
                TimelineId tl;
                try {
                    t = TenantId.parse(tenant);
                    tl = TimelineId.parse(timeline);
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest(e.getMessage());
                }
                c = cluster.startCompute(t, tl);
            }
            return Reply.json(201, computeJson(c));
        });
        r.add("GET", "/testkit/v1/compute", admin, x -> {
            ArrayNode list = Json.MAPPER.createArrayNode();
            cluster.computes().forEach(c -> list.add(computeJson(c)));
            return Reply.ok(list);
        });
        r.add("GET", "/testkit/v1/clock", admin,
                x -> Reply.ok(Json.MAPPER.createObjectNode().put("now", Rfc3339.format(cluster.timing().now()))));
    }

    /** {@code {"compute_id", "url", "status", "error", "token"?}}; the token (auth on) opens only this compute. */
    private ObjectNode computeJson(ComputeNode c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("compute_id", c.computeId());
        n.put("url", cluster.computeHost(c).uri().toString());
        n.put("status", c.status().toString());
        n.put("error", c.error());
        if (cluster.auth().enabled()) {
            n.put("token", cluster.auth().issueCompute(c.computeId()));
        }
        return n;
    }

    private PageserverNode pageserver(Exchange x) {
        PageserverNode ps = cluster.pageservers().get(x.longParam("node_id"));
        if (ps == null) {
            throw HttpError.notFound("Pageserver " + x.param("node_id") + " is not part of this cluster");
        }
        return ps;
    }
}
