package io.neonclient.samples;

import io.neonclient.admin.backup.DumpRecord;
import io.neonclient.admin.backup.LogicalDump;
import io.neonclient.core.TenantId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops backup dump --tenant T --snapshot NAME --from postgresql://… --out FILE}. */
@Command(name = "dump", description = "pg_dump a compute's Postgres (ideally a read-only one at the snapshot's LSN) into FILE and record it"
        + " against the snapshot; checks the pg_dump and server versions first.")
final class BackupDumpCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--snapshot", required = true, paramLabel = "NAME")
    String snapshot;

    @Option(names = "--from", required = true, paramLabel = "URL", description = "postgresql://user@host:port/database of the compute")
    String from;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--pg-bin", paramLabel = "DIR", description = "directory of the pg_dump to use (default: PATH's)")
    Path pgBin;

    @Option(names = "--password-file", paramLabel = "FILE", description = "the Postgres password (default: $PGPASSWORD)")
    Path passwordFile;

    @Override
    public Integer call() {
        LogicalDump dump;
        try {
            dump = LogicalDump.of(backup.catalog(), TenantId.parse(tenant), snapshot, LogicalDump.Target.parse(from),
                    BackupCommand.password(passwordFile));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (pgBin != null) {
            dump = dump.withBinaries(pgBin);
        }
        PrintWriter w = spec.commandLine().getOut();
        LogicalDump.VersionCheck v = dump.checkVersions();
        w.println("versions: " + v.advice());
        if (backup.parent.dryRun) {
            return 0;
        }
        DumpRecord d = dump.to(out);
        w.println("dumped " + d.database() + " to " + d.file() + " (" + d.bytes() + " bytes), recorded against snapshot " + snapshot);
        return 0;
    }
}
