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
        if (backup.parent.json()) {
            var json = CliJson.summary("backup reconcile").put("tenant_id", r.tenant().toString()).put("clean", r.clean());
            r.present().forEach(e -> json.withArray("present").add(e.name()));
            r.gone().forEach(e -> json.withArray("gone").addObject().put("name", e.name()).put("timeline_id", e.timeline().toString()));
            r.strays().forEach(s -> json.withArray("strays").addObject().put("timeline_id", s.timeline().toString())
                    .put("ancestor_timeline_id", s.ancestor().toString()).put("ancestor_lsn", s.ancestorLsn().toString()).put("archived", s.archived()));
            json.withArray("present");
            json.withArray("gone");
            json.withArray("strays");
            CliJson.print(backup.parent, out, json, "");
            return r.clean() ? 0 : 1;
        }
        out.println(r.present().size() + " snapshots have their branch");
        r.gone().forEach(e -> out.println("gone from the cluster: " + e.name() + " (" + e.timeline() + "): nothing can be restored from it"));
        r.strays().forEach(s -> out.println("not in the catalog: timeline " + s.timeline() + ", a branch of " + s.ancestor() + " at "
                + s.ancestorLsn() + (s.archived() ? " (archived)" : "")));
        if (r.clean()) {
            out.println("catalog and cluster agree");
            return 0;
        }
        return 1;
    }
}
