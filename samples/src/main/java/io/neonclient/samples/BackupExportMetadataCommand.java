package io.neonclient.samples;

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

/** {@code neon-ops backup export-metadata --out FILE}. */
@Command(name = "export-metadata", description = "Write nodes, tenants (policies, config, shard layout), timelines and the catalog to one"
        + " JSON file: enough to rebuild the controller's view with its tenant import.")
final class BackupExportMetadataCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        MetadataExport m = MetadataExport.read(backup.parent.storcon(), backup.catalog(), Clock.systemUTC());
        m.write(out);
        w.println("wrote " + out + ": " + m.nodes().size() + " nodes, " + m.tenants().size() + " tenants, "
                + m.tenants().stream().mapToInt(t -> t.timelines().size()).sum() + " timelines, " + m.catalog().size() + " catalog entries");
        m.notIncluded().forEach(n -> w.println("  not included: " + n));
        return 0;
    }
}
