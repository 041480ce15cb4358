package io.neonclient.samples;

import io.neonclient.admin.backup.LogicalDump;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops backup restore-dump --file FILE --into postgresql://…}. */
@Command(name = "restore-dump", description = "pg_restore a dump into an empty database, e.g. of a compute on a new timeline.")
final class BackupRestoreDumpCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "FILE")
    Path file;

    @Option(names = "--into", required = true, paramLabel = "URL", description = "postgresql://user@host:port/database (empty)")
    String into;

    @Option(names = "--pg-bin", paramLabel = "DIR", description = "directory of the pg_restore to use (default: PATH's)")
    Path pgBin;

    @Option(names = "--password-file", paramLabel = "FILE", description = "the Postgres password (default: $PGPASSWORD)")
    Path passwordFile;

    @Override
    public Integer call() {
        LogicalDump.Target target;
        try {
            target = LogicalDump.Target.parse(into);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        var json = CliJson.summary("backup restore-dump").put("file", file.toString()).put("into", target.toString())
                .put("dry_run", backup.parent.dryRun);
        if (backup.parent.dryRun) {
            return CliJson.print(backup.parent, spec.commandLine().getOut(), json, "would pg_restore " + file + " into " + target);
        }
        LogicalDump.restore(file, target, BackupCommand.password(passwordFile), pgBin);
        return CliJson.print(backup.parent, spec.commandLine().getOut(), json, "restored " + file + " into " + target);
    }
}
