package io.neonclient.samples;

import io.neonclient.admin.RollingRestart;
import io.neonclient.core.NodeId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code neon-ops rolling-restart [--node 1,2,3] [--restart-command 'docker restart pageserver{id}' | --restart-pod-labels
 * 'app=pageserver,neon/node-id={id}' [--namespace NS]]}: the
 * {@link RollingRestart} recipe, every pageserver in turn (drain, restart, fill, balanced), one node out at a time.
 */
@Command(name = "rolling-restart", description = {
        "Restart every pageserver in turn: drain, restart (your command, or wait while you restart it), fill, wait until",
        "balanced; stops before the next node when the cluster is not healthy. Without --node, restarts every registered",
        "pageserver in id order (GET /control/v1/node, even with --dry-run)."})
final class RollingRestartCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", split = ",", paramLabel = "NODE_ID",
            description = "the pageservers to restart, in order (default: every registered one)")
    List<NodeId> nodes;

    @Mixin
    RestartOptions restart;

    @Override
    public Integer call() {
        try (RestartOptions.Restarter r = restart.restarter(spec)) {
            var storcon = parent.storcon();
            RollingRestart recipe = (nodes == null || nodes.isEmpty() ? RollingRestart.ofAllNodes(storcon) : RollingRestart.of(storcon, nodes))
                    .withRestarter(r.restarter()).withJournal(parent.journal());
            return RecipeRunner.planOrRun(recipe, parent, spec.commandLine().getOut());
        }
    }
}
