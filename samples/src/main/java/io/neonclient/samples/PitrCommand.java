package io.neonclient.samples;

import io.neonclient.admin.PointInTimeRecovery;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops pitr --tenant T --timeline TL --at 2024-08-22T19:35:44Z [--into NEW]}: the {@link PointInTimeRecovery} recipe. */
@Command(name = "pitr", description = "Branch a timeline at a point in time (LSN by timestamp with a lease, branch, verify) and print the compute spec.")
final class PitrCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--timeline", required = true, paramLabel = "TIMELINE_ID", description = "the timeline to recover from")
    String timeline;

    @Option(names = "--at", required = true, paramLabel = "RFC3339", description = "UTC time to recover, e.g. 2024-08-22T19:35:44Z")
    String at;

    @Option(names = "--into", paramLabel = "TIMELINE_ID", description = "id of the new timeline (default: a new random id)")
    String into;

    @Override
    public Integer call() {
        PointInTimeRecovery pitr = PointInTimeRecovery.of(parent.storcon(), TenantId.parse(tenant), TimelineId.parse(timeline))
                .at(Rfc3339.parse(at)).withJournal(parent.journal());
        if (into != null) {
            pitr = pitr.into(TimelineId.parse(into));
        }
        return RecipeRunner.planOrRun(pitr, parent, spec.commandLine().getOut());
    }
}
