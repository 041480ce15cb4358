package io.neonclient.samples;

import io.neonclient.admin.TimeTravel;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops time-travel --tenant T --to 2025-01-01T12:00:00Z --computes-stopped}: the {@link TimeTravel} recipe. */
@Command(name = "time-travel", description = "Rewind a tenant's remote storage to a point in time (detach, rewind, re-attach, verify).")
final class TimeTravelCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--to", required = true, paramLabel = "RFC3339", description = "UTC time to rewind to, e.g. 2025-01-01T12:00:00Z")
    String to;

    @Option(names = "--shard-counts", split = ",", paramLabel = "N", description = "Every shard count the tenant ever had (0 = unsharded), e.g. 0,4. Default: read from remote storage; a list that disagrees with it is refused.")
    List<Integer> shardCounts;

    @Option(names = "--computes-stopped", description = "Confirm that every compute of the tenant is stopped (this command cannot stop them).")
    boolean computesStopped;

    @Option(names = "--erase-newer-timelines", description = "Go on when the target is before some timelines existed: the rewind erases them (without this flag they are listed and nothing changes).")
    boolean eraseNewerTimelines;

    @Override
    public Integer call() {
        if (!computesStopped && !parent.dryRun) {
            throw new CommandLine.ParameterException(spec.commandLine(), "stop the tenant's computes first and pass --computes-stopped: "
                    + "a compute running during the rewind later fails with 'Timeline not found'");
        }
        parent.confirm(spec, "time-travel rewinds every shard of tenant " + tenant + " to " + to + ": what was written after it is gone", tenant);
        TimeTravel travel = TimeTravel.of(parent.storcon(), TenantId.parse(tenant)).to(Rfc3339.parse(to)).assumingNoComputes()
                .withJournal(parent.journal());
        if (eraseNewerTimelines) {
            travel = travel.erasingTimelinesCreatedAfter();
        }
        if (shardCounts != null) {
            travel = travel.withShardCounts(shardCounts.toArray(Integer[]::new));
        }
        return RecipeRunner.planOrRun(travel, parent, spec.commandLine().getOut());
    }
}
