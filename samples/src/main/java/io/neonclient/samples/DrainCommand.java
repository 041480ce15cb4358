package io.neonclient.samples;

import io.neonclient.admin.NodeEvacuation;
import io.neonclient.admin.NodeRestarter;
import io.neonclient.core.NodeId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops drain --node 2}: the {@link NodeEvacuation} recipe (drain, restart with {@code --restart-command} or wait for your restart, fill). */
@Command(name = "drain", aliases = "evacuate", description = "Drain a pageserver for a restart, wait while you restart it, then fill it again.")
final class DrainCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "NODE_ID")
    NodeId node;

    @Option(names = "--restart-command", paramLabel = "TEMPLATE",
            description = "run with /bin/sh -c to restart the node, {id} replaced by its id, e.g. 'docker restart pageserver{id}'"
                    + " (default: wait while you restart it)")
    String restartCommand;

    @Override
    public Integer call() {
        NodeRestarter restarter = RecipeRunner.restarter(restartCommand, spec);
        var recipe = NodeEvacuation.of(parent.storcon(), node).withRestarter(restarter).withJournal(parent.journal());
        return RecipeRunner.planOrRun(recipe, parent, spec.commandLine().getOut());
    }
}
