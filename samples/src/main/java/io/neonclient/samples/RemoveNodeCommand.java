package io.neonclient.samples;

import io.neonclient.admin.NodeRemoval;
import io.neonclient.core.NodeId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops remove-node --node 2}: the {@link NodeRemoval} recipe. */
@Command(name = "remove-node", description = "Drain a pageserver and delete it from the controller gracefully.")
final class RemoveNodeCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "NODE_ID")
    NodeId node;

    @Override
    public Integer call() {
        parent.confirm(spec, "remove-node drains pageserver " + node + " and deletes it from the controller", node.toString());
        var recipe = NodeRemoval.of(parent.storcon(), node).withJournal(parent.journal());
        return RecipeRunner.planOrRun(recipe, parent, spec.commandLine().getOut());
    }
}
