package io.neonclient.samples;

import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.core.TenantId;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops backup list [--tenant T] [--manifest]}: the catalog; reads no cluster. */
@Command(name = "list", description = "List the catalogued snapshots (oldest first).")
final class BackupListCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "only this tenant's")
    String tenant;

    @Option(names = "--manifest", description = "also print what each snapshot covers and does not")
    boolean manifest;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CatalogEntry> entries = tenant == null ? backup.catalog().list() : backup.catalog().list(TenantId.parse(tenant));
        if (backup.parent.json()) {
            var json = CliJson.summary("backup list");
            var list = json.putArray("snapshots");
            for (CatalogEntry e : entries) {
                var n = BackupJson.entry(e);
                if (manifest) {
                    n.set("covers", CliJson.MAPPER.valueToTree(e.manifest().covers()));
                    n.set("does_not_cover", CliJson.MAPPER.valueToTree(e.manifest().doesNotCover()));
                }
                list.add(n);
            }
            return CliJson.print(backup.parent, out, json, "");
        }
        if (entries.isEmpty()) {
            out.println("no snapshots in the catalog" + (tenant == null ? "" : " for tenant " + tenant));
        }
        for (CatalogEntry e : entries) {
            out.println(e);
            if (manifest) {
                printManifest(e, out);
            }
        }
        return 0;
    }

    static void printManifest(CatalogEntry e, PrintWriter out) {
        e.manifest().covers().forEach(c -> out.println("  covers: " + c));
        e.manifest().doesNotCover().forEach(c -> out.println("  does not cover: " + c));
    }
}
