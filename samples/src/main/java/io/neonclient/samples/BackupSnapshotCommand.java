package io.neonclient.samples;

import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.backup.BackupSnapshot;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.OncePer;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops backup snapshot --tenant T --timeline TL [--name N] [--at T | --lsn L] [--once-per day] [--archive]}. */
@Command(name = "snapshot", description = "Take a named snapshot (a branch at an exact LSN) and record it in the catalog.")
final class BackupSnapshotCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--timeline", required = true, paramLabel = "TIMELINE_ID", description = "the timeline to snapshot")
    String timeline;

    @Option(names = "--name", paramLabel = "NAME", description = "default: snap-<yyyyMMddTHHmmssZ>")
    String name;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "a label (repeatable)")
    Map<String, String> labels = Map.of();

    @Option(names = "--at", paramLabel = "RFC3339", description = "snapshot the LSN of this UTC time (default: the tip now)")
    String at;

    @Option(names = "--lsn", paramLabel = "LSN", description = "snapshot exactly this LSN")
    String lsn;

    @Option(names = "--once-per", paramLabel = "day|hour", description = "a second run in the same UTC day/hour is a no-op that says so")
    String oncePer;

    @Option(names = "--archive", description = "archive the snapshot branch so it costs nothing on the pageservers")
    boolean archive;

    @Option(names = "--pin", description = "retention never deletes it")
    boolean pin;

    @Override
    public Integer call() {
        if (at != null && lsn != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --at or --lsn, not both");
        }
        BackupSnapshot s;
        try {
            s = BackupSnapshot.of(backup.parent.storcon(), backup.catalog(), TenantId.parse(tenant), TimelineId.parse(timeline))
                    .withJournal(backup.parent.journal());
            if (name != null) {
                s = s.named(name);
            }
            for (var l : labels.entrySet()) {
                s = s.label(l.getKey(), l.getValue());
            }
            if (at != null) {
                s = s.at(Rfc3339.parse(at));
            }
            if (lsn != null) {
                s = s.atLsn(Lsn.parse(lsn));
            }
            if (oncePer != null) {
                s = s.oncePer(OncePer.parse(oncePer));
            }
            if (archive) {
                s = s.archived();
            }
            if (pin) {
                s = s.pinned();
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        NeonOps ops = backup.parent;
        if (ops.dryRun) {
            BackupJson.plan(s, ops, out);
            return 0;
        }
        RecipeResult r = BackupJson.run(s, ops, out);
        BackupSnapshot.Start start = r.value(BackupSnapshot.CHECK);
        CatalogEntry e = r.value(BackupSnapshot.RECORD);
        boolean taken = start.alreadyTaken().isEmpty();
        var json = CliJson.summary("backup snapshot").put("taken", taken);
        json.set("snapshot", BackupJson.entry(e));
        if (ops.json()) {
            json.set("covers", CliJson.MAPPER.valueToTree(e.manifest().covers()));
            json.set("does_not_cover", CliJson.MAPPER.valueToTree(e.manifest().doesNotCover()));
        }
        if (!taken) {
            return CliJson.print(ops, out, json, "snapshot: none taken, " + e.name() + " was already taken this " + oncePer
                    + " (at " + e.takenAt() + ")");
        }
        if (ops.json()) {
            return CliJson.print(ops, out, json, "");
        }
        out.println("snapshot " + e.name() + ": timeline " + e.timeline() + " = " + e.source() + " at " + e.lsn() + ", taken "
                + e.takenAt() + " (this machine's clock) by " + e.takenBy() + (e.archived() ? ", archived" : ""));
        BackupListCommand.printManifest(e, out);
        return 0;
    }
}
