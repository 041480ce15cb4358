package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitVerdict;

/**
 * A migration started by {@link ShardResource#migrateTo}. {@code await} polls {@code GET /control/v1/tenant/{tenant}}
 * until the shard's {@code node_attached} is the target and it is not reconciling (what {@code storcon_cli
 * tenant-shard-migrate --watch} waits for); a {@code last_error} on the shard, or the shard vanishing (split meanwhile),
 * fails the wait at once. Prewarm migrations take minutes: give a generous timeout.
 */
public final class ShardMigration extends Awaitable<ShardDescription, ShardDescription> {
    private final TenantShardId shardId;
    private final NodeId target;

    ShardMigration(StorageControllerClient client, TenantShardId shardId, NodeId target) {
        super(client);
        this.shardId = shardId;
        this.target = target;
    }

    /** The shard being moved. */
    public TenantShardId shardId() {
        return shardId;
    }

    /** The node the shard is moving to. */
    public NodeId target() {
        return target;
    }

    @Override
    String awaited() {
        return "shard " + shardId + " attached on node " + target + " and idle";
    }

    @Override
    ShardDescription probe() {
        return client.tenant(shardId.tenantId()).describe().shard(shardId).orElse(null);
    }

    @Override
    WaitVerdict judge(ShardDescription s) {
        if (s == null) {
            return WaitVerdict.failed("the tenant no longer has shard " + shardId + " (split?)");
        }
        if (s.hasError()) {
            return WaitVerdict.failed("last_error: " + s.lastError());
        }
        if (s.attachedNode().filter(target::equals).isPresent() && !s.isReconciling()) {
            return WaitVerdict.done();
        }
        return WaitVerdict.pending(s.summary());
    }

    @Override
    ShardDescription result(ShardDescription s) {
        return s;
    }

    @Override
    public String toString() {
        return "ShardMigration[" + shardId + " -> node " + target + "]";
    }
}
