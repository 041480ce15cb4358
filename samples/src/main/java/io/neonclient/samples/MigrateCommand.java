package io.neonclient.samples;

import io.neonclient.admin.ShardMove;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops migrate --shard T-0102 --node 1}: the {@link ShardMove} recipe. */
@Command(name = "migrate", description = "Move a shard's attachment to a pageserver and wait until it is settled there.")
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--shard", required = true, paramLabel = "TENANT_SHARD_ID", description = "e.g. <tenant>-0102 (shard 1 of 2)")
    String shard;

    @Option(names = "--node", required = true, paramLabel = "NODE_ID", description = "target pageserver id")
    NodeId node;

    @Option(names = "--override-scheduler", description = "Allow a worse-scoring node and pin the tenant's scheduling to Essential.")
    boolean override;

    @Option(names = "--no-prewarm", description = "Cut over at once instead of warming a secondary on the target first.")
    boolean noPrewarm;

    @Override
    public Integer call() {
        ShardMove move = ShardMove.of(parent.storcon(), TenantShardId.parse(shard), node).withJournal(parent.journal());
        if (override) {
            move = move.overridingScheduler();
        }
        if (noPrewarm) {
            move = move.withoutPrewarm();
        }
        return RecipeRunner.planOrRun(move, parent, spec.commandLine().getOut());
    }
}
