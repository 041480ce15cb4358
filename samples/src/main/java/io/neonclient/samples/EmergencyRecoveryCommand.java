package io.neonclient.samples;

import io.neonclient.admin.ClusterReport;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.EmergencyRecovery;
import io.neonclient.admin.RecipeResult;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops emergency-recovery [--registry FILE|URL]}: the runbook's "Emergency Recovery" as the
 * {@link EmergencyRecovery} recipe, run after the operator has started the processes again in the runbook's order. It
 * checks, in that order, that the controller is ready, every pageserver and safekeeper is Active, every tenant is
 * placed and idle (cancelling only reconciles stuck past {@code --stuck-after}), re-points the registry's stale
 * computes last, and ends with the cluster report. Exits 0 when the report finds nothing (and every compute is in
 * place), 1 otherwise.
 */
@Command(name = "emergency-recovery",
        description = "After an outage, once the processes are started again: wait for the controller, every pageserver and safekeeper"
                + " Active, every tenant placed (un-sticking hung reconciles), re-point stale computes last, then report.")
final class EmergencyRecoveryCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "FILE|URL",
            description = "The compute registry (file or postgresql://): its computes are re-pointed last if stale. Without it computes are not touched.")
    String registry;

    @Option(names = "--stuck-after", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long a shard may reconcile before it counts as stuck and gets cancel_reconcile and a fresh reconcile_all (default 30).")
    long stuckAfterSeconds;

    @Override
    public Integer call() {
        if (stuckAfterSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stuck-after must be at least 1 second, got " + stuckAfterSeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        ComputeStore store = registry == null ? null : ComputeCommand.open(parent, spec, registry);
        try {
            EmergencyRecovery recovery = EmergencyRecovery.of(parent.storcon()).withStuckReconcileAfter(Duration.ofSeconds(stuckAfterSeconds))
                    .withJournal(parent.journal());
            if (store != null) {
                recovery = recovery.withComputes(ComputeCommand.following(parent, store));
            }
            if (parent.dryRun) {
                return RecipeRunner.planOrRun(recovery, parent, out);
            }
            RecipeResult result = RecipeRunner.run(recovery, parent, out);
            ClusterReport report = result.value(EmergencyRecovery.REPORT);
            if (!parent.json()) {
                out.println();
                out.print(report.toText());
            }
            boolean computesInPlace = store == null
                    || ComputeDrift.print(parent.storcon(), store.list(), parent.json() ? new PrintWriter(Writer.nullWriter()) : out);
            out.flush();
            return report.isHealthy() && computesInPlace ? 0 : 1;
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }
}
