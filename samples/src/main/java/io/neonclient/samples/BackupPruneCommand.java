package io.neonclient.samples;

import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.backup.BackupPrune;
import io.neonclient.admin.backup.RetentionPolicy;
import io.neonclient.core.TenantId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops [--dry-run] backup prune --tenant T --keep-last N …}: retention, always listing the decisions first. */
@Command(name = "prune", description = "Apply retention (restic/pgBackRest style). Lists what goes and why first; with --dry-run deletes"
        + " nothing. Never deletes a pinned snapshot or one with child timelines.")
final class BackupPruneCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--keep-last", paramLabel = "N")
    int keepLast;

    @Option(names = "--keep-daily", paramLabel = "N")
    int keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N")
    int keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N")
    int keepMonthly;

    @Override
    public Integer call() {
        RetentionPolicy policy;
        try {
            policy = new RetentionPolicy(keepLast, keepDaily, keepWeekly, keepMonthly);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        BackupPrune prune = BackupPrune.of(backup.parent.storcon(), backup.catalog(), TenantId.parse(tenant), policy)
                .withJournal(backup.parent.journal());
        NeonOps ops = backup.parent;
        var decisions = prune.preview();
        var json = CliJson.summary("backup prune").put("tenant_id", tenant).put("dry_run", ops.dryRun);
        json.putObject("policy").put("keep_last", keepLast).put("keep_daily", keepDaily).put("keep_weekly", keepWeekly)
                .put("keep_monthly", keepMonthly);
        var listed = json.putArray("decisions");
        decisions.forEach(d -> listed.addObject().put("name", d.entry().name()).put("timeline_id", d.entry().timeline().toString())
                .put("keep", d.keep()).set("reasons", CliJson.MAPPER.valueToTree(d.reasons())));
        if (!ops.json()) {
            out.println("retention " + policy + " on tenant " + tenant + (ops.dryRun ? " (dry run: nothing is deleted)" : "") + ":");
            decisions.forEach(d -> out.println("  " + d));
        }
        if (ops.dryRun) {
            json.putArray("deleted");
            return ops.json() ? CliJson.print(ops, out, json, "") : 0;
        }
        RecipeResult r = BackupJson.run(prune, ops, out);
        json.set("deleted", CliJson.MAPPER.valueToTree(r.value(BackupPrune.DELETE)));
        return CliJson.print(ops, out, json, "deleted " + r.value(BackupPrune.DELETE).size() + ": "
                + String.join(", ", r.value(BackupPrune.DELETE)));
    }
}
