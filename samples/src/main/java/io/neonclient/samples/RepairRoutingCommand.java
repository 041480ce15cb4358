package io.neonclient.samples;

import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.ShardRoutingRepair;
import io.neonclient.core.TenantId;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops repair-routing --tenant T --registry FILE|URL}: the runbook's fix for "request routed to wrong shard"
 * ({@code docker restart compute_hook}, then the compute) as the {@link ShardRoutingRepair} recipe over the computes
 * in the compute registry: wait until the controller's placement is settled, re-point only the computes whose spec
 * disagrees with it ({@code POST /configure}), check each is running, then print every compute of the tenant against
 * the placement. Exits 0 when all are in place, 1 when one is not.
 */
@Command(name = "repair-routing",
        description = "Fix 'request routed to wrong shard' without restarts: wait until the tenant's placement is settled, re-point the"
                + " registered computes that disagree with it (compute_ctl POST /configure), check each runs.")
final class RepairRoutingCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    TenantId tenant;

    @Option(names = "--registry", required = true, paramLabel = "FILE|URL",
            description = "The compute registry (file or postgresql://) that names the tenant's computes and the specs they run with.")
    String registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ComputeStore store = ComputeCommand.open(parent, spec, registry)) {
            ShardRoutingRepair repair = ShardRoutingRepair.of(parent.storcon(), ComputeCommand.following(parent, store), tenant)
                    .withJournal(parent.journal());
            if (parent.dryRun) {
                return RecipeRunner.planOrRun(repair, parent, out);
            }
            RecipeRunner.run(repair, parent, out);
            // Read back what the registry now records for each compute (compute_ctl accepted it) against the placement.
            List<ComputeRecord> computes = store.list().stream().filter(r -> r.tenantId().equals(tenant)).toList();
            boolean inPlace = ComputeDrift.print(parent.storcon(), computes, parent.json() ? new PrintWriter(Writer.nullWriter()) : out);
            out.flush();
            return inPlace ? 0 : 1;
        }
    }
}
