package io.neonclient.storcon;

import io.neonclient.core.Awaitable;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.internal.Polling;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A finished split from {@link TenantResource#split}: {@link #newShards()} lists the new shard ids. The split itself is
 * synchronous, but the new shards' secondaries and notifications settle afterwards: {@code await} polls
 * {@code GET /control/v1/tenant/{id}} until every shard has the new count, is attached, not splitting and not
 * reconciling; a {@code last_error} fails the wait at once.
 */
public final class ShardSplit implements Awaitable<TenantDescription> {
    private final Polling<TenantDescription, TenantDescription> polling;
    private final TenantId tenantId;
    private final int newShardCount;
    private final List<TenantShardId> newShards;

    ShardSplit(StorageControllerClient client, TenantId tenantId, int newShardCount, List<TenantShardId> newShards) {
        this.tenantId = tenantId;
        this.newShardCount = newShardCount;
        this.newShards = List.copyOf(newShards);
        this.polling = Polling.<TenantDescription>of("tenant " + tenantId + " split into " + newShardCount + " shards and idle",
                client.settings(), () -> client.tenant(tenantId).describe(), this::judge);
    }

    /** The tenant that was split. */
    public TenantId tenantId() {
        return tenantId;
    }

    /** The shard ids after the split ({@code new_shards}). */
    public List<TenantShardId> newShards() {
        return newShards;
    }

    private WaitVerdict judge(TenantDescription d) {
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
    public TenantDescription await() {
        return polling.await();
    }

    @Override
    public TenantDescription await(Duration timeout) {
        return polling.await(timeout);
    }

    @Override
    public TenantDescription await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return polling.await(policy, progress);
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
