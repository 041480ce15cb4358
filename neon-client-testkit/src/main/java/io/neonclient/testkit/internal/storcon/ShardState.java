package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.testkit.internal.http.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard's intent and observed state (storage_controller/src/tenant_shard.rs): the intended attached node
 * and secondaries, what the reconciler last saw on each pageserver, the generation and reconcile status.
 * Guarded by {@link Storcon}.
 */
public final class ShardState {
    private final TenantShardId id;
    private Long attached;
    private final List<Long> secondaries = new ArrayList<>();
    private final List<Long> secondariesView = Collections.unmodifiableList(secondaries);
    /** The mode of the location config the reconciler last set on each node (tenant_shard.rs {@code ObservedState}). */
    private final Map<Long, LocationConfigMode> observed = new HashMap<>();
    private final Map<Long, LocationConfigMode> observedView = Collections.unmodifiableMap(observed);
    private int generation;
    /** {@code TenantShard.sequence}: advanced each time a reconcile is spawned for the shard. */
    private long sequence;
    /** {@code TenantShard.consecutive_reconciles_count}: reconciles in a row; 0 once one leaves nothing to do. */
    private int consecutiveReconciles;
    private String lastError = "";
    private boolean reconciling;
    private boolean again;
    private boolean pendingNotify;
    private ShardSchedulingPolicy scheduling = ShardSchedulingPolicy.ACTIVE;
    private String preferredAz;
    private boolean importing;
    private boolean splitting;
    /** Destination of a pending graceful (prewarm) migration. */
    private Long migrationTarget;
    /** A fault: the reconcile of this shard hangs until cancelled. */
    private boolean stuck;
    private boolean cancelled;
    /** Set by tenant create until its first reconcile: a 404 from the control plane is expected then. */
    private boolean creating;
    /** After a failed reconcile the background loop waits one period before retrying ({@code System.nanoTime()}). */
    private long retryAtNanos;
    /**
     * The shard's row in the controller database's {@code metadata_health} table (storage_controller/src/persistence.rs,
     * {@code MetadataHealthPersistence}), or null when it has none (e.g. a split's child before its first scrub).
     */
    private Health health;

    /** What the scrubber last reported for a shard, and when (microseconds, as the database stores it). */
    public record Health(boolean healthy, java.time.Instant lastScrubbedAt) {}

    public ShardState(TenantShardId id) {
        this.id = id;
    }

    /** The shard's id ({@code TenantShard.tenant_shard_id}). */
    public TenantShardId id() {
        return id;
    }

    /** The intended attached node ({@code IntentState.attached}), or null. */
    public Long attached() {
        return attached;
    }

    /** Sets the intended attached node, or null for none. */
    public void setAttached(Long node) {
        attached = node;
    }

    /** The intended secondary locations ({@code IntentState.secondary}), in order; a read-only view. */
    public List<Long> secondaries() {
        return secondariesView;
    }

    /** Adds a secondary location at the end. */
    public void addSecondary(long node) {
        secondaries.add(node);
    }

    /** Adds a secondary location at {@code index}. */
    public void addSecondary(int index, long node) {
        secondaries.add(index, node);
    }

    /** Removes a secondary location; whether it was one. */
    public boolean removeSecondary(long node) {
        return secondaries.remove(Long.valueOf(node));
    }

    /** Removes the secondary location at {@code index}. */
    public void removeSecondaryAt(int index) {
        secondaries.remove(index);
    }

    /** Forgets every secondary location. */
    public void clearSecondaries() {
        secondaries.clear();
    }

    /** What the reconciler last set on each node ({@code ObservedState.locations}); a read-only view. */
    public Map<Long, LocationConfigMode> observed() {
        return observedView;
    }

    /** Records the mode the reconciler set on a node. */
    public void observe(long node, LocationConfigMode mode) {
        observed.put(node, mode);
    }

    /** Forgets what was observed on a node (its location is unknown or gone). */
    public void forgetObserved(long node) {
        observed.remove(node);
    }

    /** Forgets every observed location. */
    public void clearObserved() {
        observed.clear();
    }

    /** The attachment generation. */
    public int generation() {
        return generation;
    }

    /** Sets the attachment generation. */
    public void setGeneration(int generation) {
        this.generation = generation;
    }

    /** Increments the generation ({@code persistence.rs} {@code increment_generation}) and returns the new one. */
    public int incrementGeneration() {
        return ++generation;
    }

    /** {@code TenantShard.sequence}. */
    public long sequence() {
        return sequence;
    }

    /** Advances {@code TenantShard.sequence} as a reconcile is spawned; returns the new value. */
    public long advanceSequence() {
        return ++sequence;
    }

    /** {@code TenantShard.consecutive_reconciles_count}. */
    public int consecutiveReconciles() {
        return consecutiveReconciles;
    }

    /** Sets {@code TenantShard.consecutive_reconciles_count}. */
    public void setConsecutiveReconciles(int count) {
        consecutiveReconciles = count;
    }

    /** The last reconcile error, empty when none. */
    public String lastError() {
        return lastError;
    }

    /** Sets the last reconcile error (empty for none). */
    public void setLastError(String error) {
        lastError = error;
    }

    /** Whether a reconcile is running. */
    public boolean reconciling() {
        return reconciling;
    }

    /** Marks a reconcile as running or finished. */
    public void setReconciling(boolean reconciling) {
        this.reconciling = reconciling;
    }

    /** Whether another reconcile was requested while one ran. */
    public boolean again() {
        return again;
    }

    /** Requests (or clears the request for) another reconcile after the running one. */
    public void setAgain(boolean again) {
        this.again = again;
    }

    /** Whether the compute hook still has to be told of this shard's attachment. */
    public boolean pendingNotify() {
        return pendingNotify;
    }

    /** Sets whether a compute notification is pending. */
    public void setPendingNotify(boolean pending) {
        pendingNotify = pending;
    }

    /** The shard's scheduling policy. */
    public ShardSchedulingPolicy scheduling() {
        return scheduling;
    }

    /** Sets the shard's scheduling policy. */
    public void setScheduling(ShardSchedulingPolicy policy) {
        scheduling = policy;
    }

    /** The preferred availability zone, or null. */
    public String preferredAz() {
        return preferredAz;
    }

    /** Sets the preferred availability zone (null for none). */
    public void setPreferredAz(String az) {
        preferredAz = az;
    }

    /** Whether the shard is being imported. */
    public boolean importing() {
        return importing;
    }

    /** Sets whether the shard is being imported. */
    public void setImporting(boolean importing) {
        this.importing = importing;
    }

    /** Whether the shard is being split. */
    public boolean splitting() {
        return splitting;
    }

    /** Sets whether the shard is being split. */
    public void setSplitting(boolean splitting) {
        this.splitting = splitting;
    }

    /** Destination of a pending graceful (prewarm) migration, or null. */
    public Long migrationTarget() {
        return migrationTarget;
    }

    /** Sets the destination of a pending graceful migration (null for none). */
    public void setMigrationTarget(Long node) {
        migrationTarget = node;
    }

    /** Whether the reconcile of this shard hangs until cancelled (a fault). */
    public boolean stuck() {
        return stuck;
    }

    /** Sets the stuck-reconcile fault. */
    public void setStuck(boolean stuck) {
        this.stuck = stuck;
    }

    /** Whether the running reconcile was cancelled. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Sets whether the running reconcile was cancelled. */
    public void setCancelled(boolean cancelled) {
        this.cancelled = cancelled;
    }

    /** Whether tenant create has not yet seen this shard's first reconcile. */
    public boolean creating() {
        return creating;
    }

    /** Sets whether the shard is still being created. */
    public void setCreating(boolean creating) {
        this.creating = creating;
    }

    /** When the background loop may retry after a failed reconcile ({@code System.nanoTime()}). */
    public long retryAtNanos() {
        return retryAtNanos;
    }

    /** Sets when the background loop may retry a failed reconcile ({@code System.nanoTime()}). */
    public void setRetryAtNanos(long nanos) {
        retryAtNanos = nanos;
    }

    /** The shard's {@code metadata_health} row, or null when it has none. */
    public Health health() {
        return health;
    }

    /** Records what the scrubber reported (null for no row). */
    public void setHealth(Health health) {
        this.health = health;
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
