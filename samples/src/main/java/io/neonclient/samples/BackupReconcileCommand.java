package io.neonclient.samples;

import io.neonclient.admin.backup.CatalogReconciliation;
import io.neonclient.core.TenantId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops backup reconcile --tenant T}: exit 1 when the catalog and the cluster disagree. */
@Command(name = "reconcile", description = "Compare the catalog with the tenant's timelines: entries whose branch is gone, branches not in"
        + " the catalog. Changes nothing; exits 1 when they disagree.")
final class BackupReconcileCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatalogReconciliation r = backup.catalog().reconcile(backup.parent.storcon(), TenantId.parse(tenant));
        out.println(r.present().size() + " snapshots have their branch");
        r.gone().forEach(e -> out.println("gone from the cluster: " + e.name() + " (" + e.timeline() + "): nothing can be restored from it"));
        r.strays().forEach(s -> out.println("not in the catalog: " + s));
        if (r.clean()) {
            out.println("catalog and cluster agree");
            return 0;
        }
        return 1;
    }
}
