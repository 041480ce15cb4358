package io.neonclient.samples;

import io.neonclient.admin.Recipe;
import io.neonclient.admin.WalRecovery;
import io.neonclient.admin.WalReplayCheck;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.storcon.StorageControllerClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops wal-recovery --tenant T --timeline TL --safekeeper URL… --computes-stopped}: the {@link WalRecovery}
 * recipe (rebuild a corrupt timeline from its preserved initdb and the safekeepers' WAL); with {@code --check-only}, the
 * {@link WalReplayCheck} recipe (copy, compare digests, replay the copy, clean up) that changes nothing of the timeline.
 */
@Command(name = "wal-recovery", description = "Rebuild a timeline whose pageserver state is corrupt from its initdb and the safekeepers' WAL"
        + " (or, with --check-only, prove on a copy that replay reaches the same LSN).")
final class WalRecoveryCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--timeline", required = true, paramLabel = "TIMELINE_ID")
    String timeline;

    @Option(names = "--safekeeper", required = true, paramLabel = "URL", description = "HTTP URL of a safekeeper holding the timeline's WAL (repeat for each)")
    List<String> safekeepers;

    @Option(names = "--computes-stopped", description = "Confirm that no compute runs on the timeline (this command cannot stop them).")
    boolean computesStopped;

    @Option(names = "--check-only", description = "Check on a copy instead of rebuilding: copy the WAL on the safekeepers, compare digests, replay the copy and delete it.")
    boolean checkOnly;

    @Option(names = "--until", paramLabel = "LSN", description = "With --check-only: copy up to this LSN (default: the lowest commit_lsn).")
    String until;

    @Option(names = "--into", paramLabel = "TIMELINE_ID", description = "With --check-only: the copy's id (default: a new random id).")
    String into;

    @Override
    public Integer call() {
        TenantId t = TenantId.parse(tenant);
        TimelineId tl = TimelineId.parse(timeline);
        StorageControllerClient storcon = parent.storcon();
        List<SafekeeperClient> sks = safekeepers.stream()
                .map(u -> parent.closedAtEnd(SafekeeperClient.builder().baseUri(u).config(storcon.config()).build())).toList();
        Recipe recipe;
        if (checkOnly) {
            WalReplayCheck check = WalReplayCheck.of(storcon, t, tl).withSafekeepers(sks).withJournal(parent.journal());
            if (until != null) {
                check = check.upTo(Lsn.parse(until));
            }
            if (into != null) {
                check = check.into(TimelineId.parse(into));
            }
            recipe = check;
        } else {
            if (until != null || into != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--until and --into go with --check-only");
            }
            if (!computesStopped && !parent.dryRun) {
                throw new CommandLine.ParameterException(spec.commandLine(), "stop the timeline's computes first and pass --computes-stopped:"
                        + " the timeline is deleted on the pageservers and re-created");
            }
            recipe = WalRecovery.of(storcon, t, tl).withSafekeepers(sks).assumingNoComputes().withJournal(parent.journal());
        }
        return RecipeRunner.planOrRun(recipe, parent, spec.commandLine().getOut());
    }
}
