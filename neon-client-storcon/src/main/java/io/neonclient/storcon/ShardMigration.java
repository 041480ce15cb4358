package io.neonclient.storcon;

import io.neonclient.core.Acceptor;
import io.neonclient.core.Awaitable;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.internal.Polling;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A migration started by {@link ShardResource#migrateTo}. {@code await} polls {@code GET /control/v1/tenant/{tenant}}
 * until the shard's {@code node_attached} is the target and it is not reconciling (what {@code storcon_cli
 * tenant-shard-migrate --watch} waits for); a {@code last_error} on the shard, or the shard vanishing (split meanwhile),
 * fails the wait at once. Prewarm migrations take minutes: give a generous timeout.
 */
public final class ShardMigration implements Awaitable<ShardDescription> {
    private final TenantShardId shardId;
    private final NodeId target;
    private final Polling<ShardDescription, ShardDescription> polling;

    ShardMigration(StorageControllerClient client, TenantShardId shardId, NodeId target) {
        this.shardId = shardId;
        this.target = target;
        this.polling = Polling.<ShardDescription>of("shard " + shardId + " attached on node " + target + " and idle",
                client.settings(), () -> client.tenant(shardId.tenantId()).describe().shard(shardId).orElse(null),
                Acceptor.judge(ShardDescription::summary, List.of(
                        Acceptor.failedWhenGone("the tenant no longer has shard " + shardId + " (split?)"),
                        Acceptor.failed(ShardDescription::hasError, s -> "last_error: " + s.lastError()),
                        Acceptor.done(s -> s.attachedNode().filter(target::equals).isPresent() && !s.isReconciling()))));
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
    public ShardDescription await() {
        return polling.await();
    }

    @Override
    public ShardDescription await(Duration timeout) {
        return polling.await(timeout);
    }

    @Override
    public ShardDescription await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return polling.await(policy, progress);
    }

    @Override
    public String toString() {
        return "ShardMigration[" + shardId + " -> node " + target + "]";
    }
}
