package io.neonclient.samples;

import io.neonclient.admin.NodeEvacuation;
import io.neonclient.core.NodeId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops drain --node 2}: the {@link NodeEvacuation} recipe (drain, restart with {@code --restart-command}, {@code --restart-pod-labels} or wait for your restart, fill). */
@Command(name = "drain", aliases = "evacuate", description = "Drain a pageserver for a restart, wait while you restart it, then fill it again.")
final class DrainCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "NODE_ID")
    NodeId node;

    @Mixin
    RestartOptions restart;

    @Override
    public Integer call() {
        try (RestartOptions.Restarter r = restart.restarter(spec)) {
            var recipe = NodeEvacuation.of(parent.storcon(), node).withRestarter(r.restarter()).withJournal(parent.journal());
            return RecipeRunner.planOrRun(recipe, parent, spec.commandLine().getOut());
        }
    }
}
