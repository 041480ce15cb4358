package io.neonclient.samples;

import io.neonclient.admin.backup.BackupCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops backup --catalog FILE|URL …}: named snapshots, their catalog, retention, guarded restores, the metadata
 * export and logical dumps ({@code io.neonclient.admin.backup}). The catalog lives on the same stores as journals: a
 * file, or a PostgreSQL database a team shares (password from {@code PGPASSWORD}).
 */
@Command(name = "backup", description = "Snapshots, catalog, retention, guarded restores, metadata export and logical dumps.",
        subcommands = {BackupSnapshotCommand.class, BackupListCommand.class, BackupReconcileCommand.class, BackupPruneCommand.class,
                BackupRestoreCommand.class, BackupExportMetadataCommand.class, BackupDumpCommand.class, BackupRestoreDumpCommand.class})
final class BackupCommand implements Runnable {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--catalog", required = true, paramLabel = "FILE|URL",
            description = "Where the snapshot catalog is kept: a file, or postgresql://user@host:5432/db (password from $PGPASSWORD).")
    String catalog;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a backup command, e.g. 'neon-ops backup --catalog c.json list --tenant T'");
    }

    /**
     * The catalog {@code --catalog} names, parsed exactly as {@code --journal} is (file, {@code postgresql://},
     * {@code jdbc:postgresql:}, password from the environment's {@code PGPASSWORD}).
     */
    BackupCatalog catalog() {
        String saved = parent.journal;
        parent.journal = catalog;
        try {
            return BackupCatalog.on(parent.journal());
        } catch (CommandLine.ParameterException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace("--journal", "--catalog"));
        } finally {
            parent.journal = saved;
        }
    }

    /** The password in {@code file}, else {@code PGPASSWORD} of this process, else none. */
    static String password(Path file) {
        if (file == null) {
            return System.getenv("PGPASSWORD");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("--password-file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
