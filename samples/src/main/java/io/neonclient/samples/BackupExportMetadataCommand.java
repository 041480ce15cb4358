package io.neonclient.samples;

import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.backup.MetadataExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops backup export-metadata --out FILE [--registry FILE|URL]}. */
@Command(name = "export-metadata", description = "Write nodes, tenants (policies, config, shard layout), timelines, the catalog and the"
        + " compute registry (specs without tokens) to one JSON file: enough to rebuild the controller's view with its tenant import.")
final class BackupExportMetadataCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--registry", paramLabel = "FILE|URL", description = "the compute hook's registry (file or postgresql://…; password"
            + " from $PGPASSWORD): its computes and their last applied specs are written too, without tokens")
    String registry;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        NeonOps ops = backup.parent;
        MetadataExport m;
        if (registry == null) {
            m = MetadataExport.read(ops.storcon(), backup.catalog(), Clock.systemUTC());
        } else {
            try (ComputeStore store = ComputeCommand.open(ops, spec, registry)) {
                m = MetadataExport.read(ops.storcon(), backup.catalog(), store, Clock.systemUTC());
            }
        }
        m.write(out);
        int timelines = m.tenants().stream().mapToInt(t -> t.timelines().size()).sum();
        var json = CliJson.summary("backup export-metadata").put("file", out.toString()).put("nodes", m.nodes().size())
                .put("tenants", m.tenants().size()).put("timelines", timelines).put("catalog_entries", m.catalog().size())
                .put("computes", m.computes().size());
        json.set("not_included", CliJson.MAPPER.valueToTree(m.notIncluded()));
        if (ops.json()) {
            return CliJson.print(ops, w, json, "");
        }
        w.println("wrote " + out + ": " + m.nodes().size() + " nodes, " + m.tenants().size() + " tenants, " + timelines + " timelines, "
                + m.catalog().size() + " catalog entries, " + m.computes().size() + " computes");
        m.notIncluded().forEach(n -> w.println("  not included: " + n));
        return 0;
    }
}
