package io.neonclient.samples;

import io.neonclient.admin.Recipe;
import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.RestoreInPlace;
import io.neonclient.admin.backup.RestoreToBranch;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.StorageControllerClient;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops backup restore --tenant T --snapshot NAME (--to-branch | --in-place repoint|time-travel)}: prints the
 * plan first; a restore in place then needs the tenant id typed at the terminal, or {@code --yes --confirm T} in scripts,
 * and is refused when neither is given.
 */
@Command(name = "restore", description = "Restore a snapshot: --to-branch (safe: a new branch) or --in-place repoint|time-travel"
        + " (destructive: typed confirmation, pre-restore snapshot first, prints how to undo).")
final class BackupRestoreCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--snapshot", required = true, paramLabel = "NAME")
    String snapshot;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--to-branch", description = "branch from the snapshot; nothing existing changes")
        boolean toBranch;

        @Option(names = "--in-place", paramLabel = "repoint|time-travel",
                description = "repoint: the computes of the snapshot's source timeline move to a new branch of it; time-travel: the"
                        + " whole tenant's remote storage is rewound to the snapshot's time")
        String inPlace;
    }

    @Option(names = "--into", paramLabel = "TIMELINE_ID", description = "--to-branch: the new timeline's id (default: a new id)")
    String into;

    @Option(names = "--detach-ancestor", description = "--to-branch: make the new branch independent of the snapshot")
    boolean detachAncestor;

    @Option(names = "--confirm", paramLabel = "TENANT_ID", description = "--in-place with --yes: the tenant id, as the typed confirmation")
    String confirm;

    @Option(names = "--computes-stopped", description = "--in-place: declare that no compute of the tenant runs (this command cannot stop them)")
    boolean computesStopped;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StorageControllerClient storcon = backup.parent.storcon();
        BackupCatalog catalog = backup.catalog();
        TenantId t = TenantId.parse(tenant);
        if (mode.toBranch) {
            RestoreToBranch r = RestoreToBranch.of(storcon, catalog, t, snapshot).withJournal(backup.parent.journal());
            if (into != null) {
                r = r.into(TimelineId.parse(into));
            }
            if (detachAncestor) {
                r = r.detachingAncestor();
            }
            RecipeRunner.planOrRun(r, true, out);
            if (backup.parent.dryRun) {
                return 0;
            }
            RecipeResult result = RecipeRunner.run(r, out);
            out.println("restored snapshot " + snapshot + " to new timeline " + result.value(RestoreToBranch.BRANCH)
                    + ": start a compute on it, or re-point yours to it");
            return 0;
        }
        RestoreInPlace r;
        try {
            r = switch (mode.inPlace) {
                case "repoint" -> RestoreInPlace.repointingTimeline(storcon, catalog, t, snapshot);
                case "time-travel" -> RestoreInPlace.timeTravellingTenant(storcon, catalog, t, snapshot);
                default -> throw new IllegalArgumentException("--in-place must be 'repoint' or 'time-travel', got '" + mode.inPlace + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        r = r.withJournal(backup.parent.journal());
        if (computesStopped) {
            r = r.assumingNoComputes();
        }
        RecipeRunner.planOrRun(r, true, out);
        if (backup.parent.dryRun) {
            return 0;
        }
        out.println("READ THIS: a restore in place of tenant " + tenant + " is destructive. A pinned pre-restore snapshot is taken"
                + " first; keep a logical dump elsewhere too (neon-ops backup dump).");
        out.flush();
        r = r.confirmedBy(confirmation());
        RecipeResult result = RecipeRunner.run(r, out);
        out.println(result.value(RestoreInPlace.UNDO));
        return 0;
    }

    private String confirmation() {
        // --yes is the global option (NeonOps): in place it also needs --confirm TENANT, the typed confirmation.
        boolean yes = NodeCommand.ops(spec).yes;
        if (yes) {
            if (confirm == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--yes needs --confirm " + tenant + " (the tenant id)");
            }
            return confirm;
        }
        if (confirm != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--confirm is read only with --yes; without it the tenant id is"
                    + " typed at the terminal");
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a restore in place needs a typed confirmation and there is no"
                    + " terminal to type it: pass --yes --confirm " + tenant + " in scripts");
        }
        String typed = console.readLine("Type the tenant id (%s) to restore it in place: ", tenant);
        return typed == null ? "" : typed;
    }
}
