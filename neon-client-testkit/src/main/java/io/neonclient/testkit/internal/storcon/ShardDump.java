package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.pageserver.Location;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import java.util.TreeSet;

/**
 * A shard as {@code GET /debug/v1/tenant} dumps it: the {@code Serialize} derive of {@code TenantShard} in
 * storage_controller/src/tenant_shard.rs, field for field and in its declaration order ({@code tenant_shard_id},
 * {@code shard}, {@code sequence}, {@code generation}, {@code policy}, {@code intent}, {@code observed},
 * {@code config}, {@code splitting}, {@code importing}, {@code delayed_reconcile}, {@code last_error},
 * {@code consecutive_reconciles_count}, {@code pending_compute_notification}, {@code preferred_node},
 * {@code scheduling_policy}). Callers hold the {@link Storcon} monitor.
 */
final class ShardDump {
    /** {@code LAYOUT_V1} of libs/pageserver_api/src/shard.rs, the only layout a shard is created with. */
    private static final int LAYOUT_V1 = 1;

    private ShardDump() {
    }

    static ObjectNode of(Storcon sc, TenantState t, ShardState s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_shard_id", s.id().toString());
        // ShardIdentity (libs/pageserver_api/src/shard.rs): newtypes serialise as their number
        n.putObject("shard").put("number", s.id().shardNumber()).put("count", s.id().shardCount())
                .put("stripe_size", t.stripeSize()).put("layout", LAYOUT_V1);
        n.put("sequence", s.sequence());
        // Option<Generation>: None only for a shard onboarded through location_config and never attached
        n.put("generation", s.generation());
        n.set("policy", Json.MAPPER.valueToTree(t.policy()));
        ObjectNode intent = n.putObject("intent");
        if (s.attached() == null) {
            intent.putNull("attached");
        } else {
            intent.put("attached", s.attached());
        }
        ArrayNode secondary = intent.putArray("secondary");
        s.secondaries().forEach(secondary::add);
        intent.put("preferred_az_id", s.preferredAz());
        n.putObject("observed").set("locations", observedLocations(sc, s));
        n.set("config", t.config());
        // SplitState and TimelineImportState (storage_controller/src/persistence/split_state.rs, timeline_import.rs)
        n.put("splitting", s.splitting() ? "Splitting" : "Idle");
        n.put("importing", s.importing() ? "Importing" : "Idle");
        n.put("delayed_reconcile", false);
        n.put("last_error", s.lastError());
        n.put("consecutive_reconciles_count", s.consecutiveReconciles());
        n.put("pending_compute_notification", s.pendingNotify());
        if (s.migrationTarget() == null) {
            n.putNull("preferred_node");
        } else {
            n.put("preferred_node", s.migrationTarget());
        }
        n.put("scheduling_policy", s.scheduling().toString());
        return n;
    }

    /**
     * {@code ObservedState.locations}: per node id, {@code {"conf": LocationConfig}} as last configured there, or
     * {@code {"conf": null}} when the controller is unsure what the node holds (storage_controller/src/tenant_shard.rs,
     * {@code ObservedStateLocation}).
     */
    static ObjectNode observedLocations(Storcon sc, ShardState s) {
        ObjectNode locations = Json.MAPPER.createObjectNode();
        for (Long node : new TreeSet<>(s.observed().keySet())) {
            PageserverNode ps = sc.pageserver(node);
            Location loc = ps == null ? null : ps.location(s.id());
            ObjectNode o = locations.putObject(Long.toString(node));
            if (loc == null) {
                o.putNull("conf");
            } else {
                o.set("conf", loc.toJson());
            }
        }
        return locations;
    }
}
