package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.Cluster;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.storcon.ShardState;
import io.neonclient.testkit.internal.storcon.StorconNode;
import io.neonclient.testkit.internal.storcon.TenantState;

/**
 * Builds a ConfigurationRequest (fixture compute.configure.request.json) for a timeline from the controller's
 * current attachments, as a control plane would (libs/compute_api/src/spec.rs).
 */
public final class ComputeSpecs {
    private ComputeSpecs() {}

    public static ObjectNode configureRequest(Cluster cluster, TenantId tenant, TimelineId timeline) {
        ObjectNode req = Json.MAPPER.createObjectNode();
        ObjectNode spec = req.putObject("spec");
        spec.put("format_version", 1.0);
        ObjectNode cl = spec.putObject("cluster");
        cl.putArray("roles");
        cl.putArray("databases");
        cl.putNull("settings");
        spec.put("tenant_id", tenant.toString());
        spec.put("timeline_id", timeline.toString());
        ObjectNode info = spec.putObject("pageserver_connection_info");
        StringBuilder connstring = new StringBuilder();
        synchronized (cluster.storcon()) {
            TenantState t = cluster.storcon().tenantOrNull(tenant);
            int count = t == null ? 0 : t.shardCount();
            info.put("shard_count", count);
            if (count > 1) {
                info.put("stripe_size", t.stripeSize());
                spec.put("shard_stripe_size", t.stripeSize());
            } else {
                info.putNull("stripe_size");
                spec.putNull("shard_stripe_size");
            }
            ObjectNode shards = info.putObject("shards");
            if (t != null) {
                for (ShardState s : t.shards()) {
                    if (s.attached() == null) {
                        continue;
                    }
                    StorconNode n = cluster.storcon().nodeOrNull(s.attached());
                    var ps = cluster.pageservers().get(s.attached());
                    String url = n != null ? "postgresql://no_user@" + n.registration().pgAddr() + ":" + n.registration().pgPort()
                            : "postgresql://no_user@127.0.0.1:" + (ps == null ? 0 : ps.pgPort());
                    ArrayNode list = shards.putObject(ShardIndex.of(s.id().shardNumber(), count).toString()).putArray("pageservers");
                    list.addObject().put("id", s.attached()).put("libpq_url", url).putNull("grpc_url");
                    connstring.append(connstring.isEmpty() ? "" : ",").append(url);
                }
            }
        }
        info.put("prefer_protocol", "libpq");
        spec.put("pageserver_connstring", connstring.toString());
        ArrayNode sks = spec.putArray("safekeeper_connstrings");
        cluster.safekeepers().keySet().forEach(id -> sks.add("127.0.0.1:" + (5454 + id)));
        spec.put("mode", "Primary");
        spec.putNull("storage_auth_token");
        spec.put("suspend_timeout_seconds", -1);
        ObjectNode cfg = req.putObject("compute_ctl_config");
        cfg.putObject("jwks").putArray("keys");
        cfg.putNull("tls");
        return req;
    }
}
