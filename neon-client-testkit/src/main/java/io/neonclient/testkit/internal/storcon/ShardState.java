package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.testkit.internal.http.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard's intent and observed state (storage_controller/src/tenant_shard.rs): the intended attached node
 * and secondaries, what the reconciler last saw on each pageserver, the generation and reconcile status.
 * Guarded by {@link Storcon}.
 */
public final class ShardState {
    public TenantShardId id;
    public Long attached;
    public final List<Long> secondaries = new ArrayList<>();
    /** The mode of the location config the reconciler last set on each node (tenant_shard.rs {@code ObservedState}). */
    public final Map<Long, LocationConfigMode> observed = new HashMap<>();
    public int generation;
    /** {@code TenantShard.sequence}: advanced each time a reconcile is spawned for the shard. */
    public long sequence;
    /** {@code TenantShard.consecutive_reconciles_count}: reconciles in a row; 0 once one leaves nothing to do. */
    public int consecutiveReconciles;
    public String lastError = "";
    public boolean reconciling;
    public boolean again;
    public boolean pendingNotify;
    public ShardSchedulingPolicy scheduling = ShardSchedulingPolicy.ACTIVE;
    public String preferredAz;
    public boolean importing;
    public boolean splitting;
    /** Destination of a pending graceful (prewarm) migration. */
    public Long migrationTarget;
    /** A fault: the reconcile of this shard hangs until cancelled. */
    public boolean stuck;
    public boolean cancelled;
    /** Set by tenant create until its first reconcile: a 404 from the control plane is expected then. */
    public boolean creating;
    /** After a failed reconcile the background loop waits one period before retrying ({@code System.nanoTime()}). */
    public long retryAtNanos;
    /**
     * The shard's row in the controller database's {@code metadata_health} table (storage_controller/src/persistence.rs,
     * {@code MetadataHealthPersistence}), or null when it has none (e.g. a split's child before its first scrub).
     */
    public Health health;

    /** What the scrubber last reported for a shard, and when (microseconds, as the database stores it). */
    public record Health(boolean healthy, java.time.Instant lastScrubbedAt) {}

    public ShardState(TenantShardId id) {
        this.id = id;
    }

    /** Whether an observed mode is one of the attached ones ({@code AttachedSingle}, {@code AttachedMulti}, {@code AttachedStale}). */
    public static boolean isAttached(LocationConfigMode mode) {
        return mode == LocationConfigMode.ATTACHED_SINGLE || mode == LocationConfigMode.ATTACHED_MULTI
                || mode == LocationConfigMode.ATTACHED_STALE;
    }

    public boolean onNode(long node) {
        return (attached != null && attached == node) || secondaries.contains(node);
    }

    /** TenantDescribeResponseShard. */
    public ObjectNode describe() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_shard_id", id.toString());
        n.set("node_attached", attached == null ? n.nullNode() : n.numberNode(attached));
        ArrayNode sec = n.putArray("node_secondary");
        secondaries.forEach(sec::add);
        n.put("last_error", lastError);
        n.put("is_reconciling", reconciling);
        n.put("is_pending_compute_notification", pendingNotify);
        n.put("is_splitting", splitting);
        n.put("is_importing", importing);
        n.put("scheduling_policy", scheduling.toString());
        n.put("preferred_az_id", preferredAz);
        return n;
    }
}
