package io.neonclient.samples;

import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.RestoreInPlace;
import io.neonclient.admin.backup.RestoreToBranch;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.StorageControllerClient;
import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
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
 * and is refused when neither is given. In place, the computes are either the compute registry's ({@code --registry}:
 * asked first, then re-pointed or stopped through compute_ctl) or declared stopped by the operator
 * ({@code --computes-stopped}).
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

    @Option(names = "--registry", paramLabel = "FILE|URL", description = "--in-place: the compute hook's registry (file or postgresql://…;"
            + " password from $PGPASSWORD). Its computes of the tenant are asked first (one that does not answer is refused: it may"
            + " still run); repoint then re-points those of the source timeline to the new branch (POST /configure), time-travel"
            + " stops them all first (POST /terminate)")
    String registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        NeonOps ops = backup.parent;
        StorageControllerClient storcon = ops.storcon();
        BackupCatalog catalog = backup.catalog();
        TenantId t = TenantId.parse(tenant);
        if (mode.toBranch) {
            if (registry != null || computesStopped) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--registry and --computes-stopped are read by --in-place only");
            }
            RestoreToBranch r = RestoreToBranch.of(storcon, catalog, t, snapshot).withJournal(ops.journal());
            if (into != null) {
                r = r.into(TimelineId.parse(into));
            }
            if (detachAncestor) {
                r = r.detachingAncestor();
            }
            BackupJson.plan(r, ops, out);
            if (ops.dryRun) {
                return 0;
            }
            RecipeResult result = BackupJson.run(r, ops, out);
            TimelineId branch = result.value(RestoreToBranch.BRANCH);
            var json = CliJson.summary("backup restore").put("mode", "to-branch").put("tenant_id", tenant).put("snapshot", snapshot)
                    .put("new_timeline_id", branch.toString()).put("detached_ancestor", result.value(RestoreToBranch.DETACH_ANCESTOR));
            return CliJson.print(ops, out, json, "restored snapshot " + snapshot + " to new timeline " + branch
                    + ": start a compute on it, or re-point yours to it");
        }
        if (registry != null && computesStopped) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --registry (its computes are handled) or --computes-stopped"
                    + " (you stopped them), not both");
        }
        RestoreInPlace r;
        boolean timeTravel = "time-travel".equals(mode.inPlace);
        try {
            r = switch (mode.inPlace) {
                case "repoint" -> RestoreInPlace.repointingTimeline(storcon, catalog, t, snapshot);
                case "time-travel" -> RestoreInPlace.timeTravellingTenant(storcon, catalog, t, snapshot);
                default -> throw new IllegalArgumentException("--in-place must be 'repoint' or 'time-travel', got '" + mode.inPlace + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        r = r.withJournal(ops.journal());
        BackupRegistry computes = null;
        ComputeStore store = null;
        try {
            if (registry != null) {
                store = ComputeCommand.open(ops, spec, registry);
                CatalogEntry e = catalog.find(t, snapshot).orElseThrow();
                try {
                    computes = BackupRegistry.of(store, ops, t, timeTravel ? Optional.empty() : Optional.of(e.source()));
                } catch (IllegalStateException unreachable) {
                    throw new CommandLine.ParameterException(spec.commandLine(), unreachable.getMessage());
                }
            }
            if (computesStopped || computes != null) {
                // With --registry this command stops or re-points the registered computes itself (below).
                r = r.assumingNoComputes();
            }
            BackupJson.plan(r, ops, out);
            if (computes != null && !ops.json()) {
                out.println("  computes in the registry: " + (computes.computes().isEmpty() ? "none" : computes.computes().stream()
                        .map(c -> c.computeId()).toList()) + (timeTravel ? ", stopped before the rewind (POST /terminate)"
                        : ", re-pointed to the new branch after it is made (POST /configure)"));
            }
            if (ops.dryRun) {
                return 0;
            }
            PrintWriter warn = ops.json() ? spec.commandLine().getErr() : out;
            warn.println("READ THIS: a restore in place of tenant " + tenant + " is destructive. A pinned pre-restore snapshot is taken"
                    + " first; keep a logical dump elsewhere too (neon-ops backup dump).");
            warn.flush();
            String typed = confirmation();
            r = r.confirmedBy(typed);
            List<String> stopped = List.of();
            if (computes != null && timeTravel && typed.strip().equals(tenant)) {
                stopped = computes.stopAll();
            }
            RecipeResult result = BackupJson.run(r, ops, out);
            List<String> repointed = List.of();
            if (computes != null && !timeTravel) {
                repointed = computes.repointAll(storcon, t, result.value(RestoreToBranch.BRANCH));
            }
            String undo = result.value(RestoreInPlace.UNDO);
            CatalogEntry pre = result.value(RestoreInPlace.PRE_RESTORE).snapshot();
            var json = CliJson.summary("backup restore").put("mode", mode.inPlace).put("tenant_id", tenant).put("snapshot", snapshot);
            if (!timeTravel) {
                json.put("new_timeline_id", result.value(RestoreToBranch.BRANCH).toString());
            }
            json.set("pre_restore", BackupJson.entry(pre));
            json.set("computes_stopped", CliJson.MAPPER.valueToTree(stopped));
            json.set("computes_repointed", CliJson.MAPPER.valueToTree(repointed));
            json.put("undo", undo);
            StringBuilder text = new StringBuilder(undo);
            if (!stopped.isEmpty()) {
                text.append("\nstopped ").append(String.join(", ", stopped)).append(": start them again once you checked the tenant");
            }
            if (!repointed.isEmpty()) {
                text.append("\nre-pointed ").append(String.join(", ", repointed)).append(" to the new branch; the registry records it");
            }
            return CliJson.print(ops, out, json, text.toString());
        } finally {
            if (store != null) {
                store.close();
            }
        }
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
