package io.neonclient.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import java.util.List;

/**
 * A safekeeper's HTTP API (safekeeper/src/http/routes.rs): status, timeline status (TimelineStatus built from
 * the timeline's WAL end in remote storage) and utilization. Scope {@code safekeeperdata} or a tenant token.
 */
public final class SafekeeperRoutes {
    private final long id;
    private final List<Long> members;
    private final Timelines timelines;

    public SafekeeperRoutes(long id, List<Long> members, Timelines timelines) {
        this.id = id;
        this.members = members;
        this.timelines = timelines;
    }

    public Router register(Router r) {
        RouteAuth sk = RouteAuth.component("safekeeperdata");
        r.add("GET", "/v1/status", RouteAuth.OPEN, x -> Reply.ok(Json.MAPPER.createObjectNode().put("id", id)));
        r.add("GET", "/v1/utilization", sk,
                x -> Reply.ok(Json.MAPPER.createObjectNode().put("timeline_count", timelines.remote().timelineCount())));
        r.add("GET", "/v1/tenant/{tenant_id}/timeline/{timeline_id}", sk, x -> {
            TimelineData t = timelines.find(TenantShardId.unsharded(x.tenantId()), x.timelineId());
            return Reply.ok(status(x.tenantId().toString(), t));
        });
        return r;
    }

    private ObjectNode status(String tenant, TimelineData t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_id", tenant);
        n.put("timeline_id", t.id.toString());
        ObjectNode mconf = n.putObject("mconf");
        mconf.put("generation", Math.max(1, t.skGeneration));
        ArrayNode m = mconf.putArray("members");
        for (Long member : t.skGeneration > 0 ? t.skSet : members) {
            m.addObject().put("id", member).put("host", "127.0.0.1").put("pg_port", 5454);
        }
        mconf.putNull("new_members");
        ObjectNode acceptor = n.putObject("acceptor_state");
        acceptor.put("term", 1);
        acceptor.put("epoch", 1);
        acceptor.putArray("term_history").addObject().put("term", 1).put("lsn", t.initdbLsn.toString());
        ObjectNode pg = n.putObject("pg_info");
        pg.put("pg_version", t.pgVersion * 10000);
        pg.put("system_id", 7_000_000_000_000_000_000L + Math.abs(t.id.hashCode()));
        pg.put("wal_seg_size", 16 * 1024 * 1024);
        String end = t.lastRecordLsn.toString();
        n.put("flush_lsn", end);
        n.put("timeline_start_lsn", t.initdbLsn.toString());
        n.put("local_start_lsn", t.initdbLsn.toString());
        n.put("commit_lsn", end);
        n.put("backup_lsn", end);
        n.put("peer_horizon_lsn", end);
        n.put("remote_consistent_lsn", end);
        n.putArray("peers");
        n.putArray("walsenders");
        n.putArray("walreceivers");
        return n;
    }
}
