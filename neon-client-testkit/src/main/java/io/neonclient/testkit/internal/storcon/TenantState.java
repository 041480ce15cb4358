package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.testkit.internal.http.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A tenant in the controller: placement policy, stripe size, config and its shards (storage_controller/src/service.rs
 * keeps these per {@code TenantShard}; the testkit keeps the tenant-wide ones once). Guarded by {@link Storcon}: every
 * method is called with its monitor held.
 */
public final class TenantState {
    private final TenantId id;
    private PlacementPolicy policy;
    private int stripeSize;
    private int shardCount;
    private ObjectNode config = Json.MAPPER.createObjectNode();
    private final List<ShardState> shards = new ArrayList<>();
    private final List<ShardState> shardsView = Collections.unmodifiableList(shards);
    /** The last notify-attach body the control plane accepted. */
    private String lastNotified;

    public TenantState(TenantId id) {
        this.id = id;
    }

    /** The tenant's id. */
    public TenantId id() {
        return id;
    }

    /** The placement policy. */
    public PlacementPolicy policy() {
        return policy;
    }

    /** Sets the placement policy. */
    public void setPolicy(PlacementPolicy policy) {
        this.policy = policy;
    }

    /** The stripe size, in pages. */
    public int stripeSize() {
        return stripeSize;
    }

    /** Sets the stripe size, in pages. */
    public void setStripeSize(int stripeSize) {
        this.stripeSize = stripeSize;
    }

    /** The shard count as the shard ids spell it (0 for an unsharded tenant). */
    public int shardCount() {
        return shardCount;
    }

    /** Sets the shard count (0 for an unsharded tenant). */
    public void setShardCount(int shardCount) {
        this.shardCount = shardCount;
    }

    /** A copy of the tenant's config ({@code TenantConfig}). */
    public ObjectNode config() {
        return config.deepCopy();
    }

    /** Replaces the tenant's config with a copy of {@code config}. */
    public void setConfig(ObjectNode config) {
        this.config = config.deepCopy();
    }

    /** The shards, in shard-number order; a read-only view. */
    public List<ShardState> shards() {
        return shardsView;
    }

    /** Adds a shard after the others. */
    public void addShard(ShardState shard) {
        shards.add(shard);
    }

    /** Replaces every shard (a split's children take their parents' place). */
    public void replaceShards(Collection<ShardState> next) {
        shards.clear();
        shards.addAll(next);
    }

    /** The last notify-attach body the control plane accepted, or null. */
    public String lastNotified() {
        return lastNotified;
    }

    /** Records the notify-attach body the control plane accepted (null to forget it). */
    public void setLastNotified(String body) {
        lastNotified = body;
    }

    /** TenantDescribeResponse. */
    public ObjectNode describe() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_id", id.toString());
        ArrayNode arr = n.putArray("shards");
        shards.forEach(s -> arr.add(s.describe()));
        n.put("stripe_size", stripeSize);
        n.set("policy", Json.MAPPER.valueToTree(policy));
        n.set("config", config.deepCopy());
        return n;
    }

    public boolean fullyDetached() {
        if (!(policy instanceof PlacementPolicy.Detached)) {
            return false;
        }
        for (ShardState s : shards) {
            if (s.attached() != null || !s.secondaries().isEmpty() || !s.observed().isEmpty() || s.reconciling()) {
                return false;
            }
        }
        return true;
    }

    public List<ShardState> shardsCopy() {
        return new ArrayList<>(shards);
    }
}
