package io.neonclient.storcon;

import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitVerdict;
import java.util.List;

/**
 * A finished split from {@link TenantResource#split}: {@link #newShards()} lists the new shard ids. The split itself is
 * synchronous, but the new shards' secondaries and notifications settle afterwards: {@code await} polls
 * {@code GET /control/v1/tenant/{id}} until every shard has the new count, is attached, not splitting and not
 * reconciling; a {@code last_error} fails the wait at once.
 */
public final class ShardSplit extends Awaitable<TenantDescription, TenantDescription> {
    private final TenantId tenantId;
    private final int newShardCount;
    private final List<TenantShardId> newShards;

    ShardSplit(StorageControllerClient client, TenantId tenantId, int newShardCount, List<TenantShardId> newShards) {
        super(client);
        this.tenantId = tenantId;
        this.newShardCount = newShardCount;
        this.newShards = List.copyOf(newShards);
    }

    /** The tenant that was split. */
    public TenantId tenantId() {
        return tenantId;
    }

    /** The shard ids after the split ({@code new_shards}). */
    public List<TenantShardId> newShards() {
        return newShards;
    }

    @Override
    String awaited() {
        return "tenant " + tenantId + " split into " + newShardCount + " shards and idle";
    }

    @Override
    TenantDescription probe() {
        return client.tenant(tenantId).describe();
    }

    @Override
    WaitVerdict judge(TenantDescription d) {
        for (ShardDescription s : d.shards()) {
            if (s.hasError()) {
                return WaitVerdict.failed("shard " + s.id() + " last_error: " + s.lastError());
            }
            if (s.id().shardCount() != newShardCount || s.isSplitting()) {
                return WaitVerdict.pending(s.summary());
            }
        }
        return Judges.allAttachedAndIdle(d, -1);
    }

    @Override
    TenantDescription result(TenantDescription d) {
        return d;
    }

    /** {@code TenantShardSplitResponse}. */
    record Split(List<TenantShardId> newShards) {
        Split {
            newShards = newShards == null ? List.of() : List.copyOf(newShards);
        }
    }

    @Override
    public String toString() {
        return "ShardSplit[" + tenantId + " -> " + newShards + "]";
    }
}
