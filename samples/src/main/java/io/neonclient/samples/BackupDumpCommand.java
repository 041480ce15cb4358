package io.neonclient.samples;

import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.backup.DumpRecord;
import io.neonclient.admin.backup.LogicalDump;
import io.neonclient.admin.backup.SnapshotDump;
import io.neonclient.compute.ComputeClient;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.TenantId;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops backup dump --tenant T --snapshot NAME (--from postgresql://… | --compute ID|URL [--registry R]) --out FILE}:
 * with {@code --compute} the compute_ctl is set read-only at the snapshot's LSN for the dump and put back afterwards
 * ({@link SnapshotDump}, journaled with {@code --journal}).
 */
@Command(name = "dump", description = "pg_dump a compute's Postgres into FILE and record it against the snapshot; checks the pg_dump and"
        + " server versions first. With --compute, that compute_ctl runs read-only at the snapshot's LSN for the dump and is put back.")
final class BackupDumpCommand implements Callable<Integer> {
    @ParentCommand
    BackupCommand backup;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--snapshot", required = true, paramLabel = "NAME")
    String snapshot;

    @Option(names = "--from", paramLabel = "URL", description = "postgresql://user@host:port/database of the compute's Postgres (with"
            + " --compute: default postgresql://cloud_admin@<compute_ctl host>:55432/postgres, compute_ctl's --connstr in neon_local)")
    String from;

    @Option(names = "--compute", paramLabel = "ID|URL", description = "a compute_ctl to run read-only at the snapshot's LSN for the dump:"
            + " a registered compute's id (needs --registry; its spec is put back afterwards) or an http(s) URL (of an empty compute_ctl,"
            + " stopped afterwards, unless the registry has it)")
    String compute;

    @Option(names = "--registry", paramLabel = "FILE|URL", description = "the compute hook's registry, to find --compute and its spec")
    String registry;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--pg-bin", paramLabel = "DIR", description = "directory of the pg_dump to use (default: PATH's)")
    Path pgBin;

    @Option(names = "--password-file", paramLabel = "FILE", description = "the Postgres password (default: $PGPASSWORD)")
    Path passwordFile;

    @Override
    public Integer call() {
        NeonOps ops = backup.parent;
        PrintWriter w = spec.commandLine().getOut();
        if (compute != null) {
            return throughCompute(ops, w);
        }
        if (from == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --from postgresql://… or --compute ID|URL");
        }
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
        LogicalDump.VersionCheck v = dump.checkVersions();
        var json = summary(v);
        if (!ops.json()) {
            w.println("versions: " + v.advice());
        }
        if (ops.dryRun) {
            return ops.json() ? CliJson.print(ops, w, json, "") : 0;
        }
        DumpRecord d = dump.to(out);
        json.set("dump", BackupJson.dump(d));
        return CliJson.print(ops, w, json, "dumped " + d.database() + " to " + d.file() + " (" + d.bytes() + " bytes), recorded against"
                + " snapshot " + snapshot);
    }

    private com.fasterxml.jackson.databind.node.ObjectNode summary(LogicalDump.VersionCheck v) {
        var json = CliJson.summary("backup dump").put("tenant_id", tenant).put("snapshot", snapshot).put("dry_run", backup.parent.dryRun);
        if (v != null) {
            json.putObject("versions").put("pg_dump", v.client()).put("server", v.server()).put("compatible", v.compatible())
                    .put("advice", v.advice());
        }
        return json;
    }

    private int throughCompute(NeonOps ops, PrintWriter w) {
        boolean url = compute.startsWith("http://") || compute.startsWith("https://");
        Optional<ComputeRecord> record = Optional.empty();
        if (registry != null) {
            try (ComputeStore store = ComputeCommand.open(ops, spec, registry)) {
                record = url ? store.list().stream().filter(r -> r.computeCtlUrl().toString().equals(compute)).findFirst()
                        : store.find(compute);
            }
        }
        if (!url && record.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), registry == null
                    ? "--compute " + compute + " is not a URL: give --registry to find it, or compute_ctl's http(s) URL"
                    : "--compute " + compute + " is not in the registry " + registry);
        }
        URI ctl = record.map(ComputeRecord::computeCtlUrl).orElseGet(() -> URI.create(compute));
        String pg = from != null ? from : "postgresql://cloud_admin@" + ctl.getHost() + ":55432/postgres";
        SnapshotDump d;
        try {
            ComputeClient client = ops.closedAtEnd(ComputeClient.builder().baseUri(ctl).config(ClientConfig.defaults().withTokens(ops.tokens())).build());
            d = SnapshotDump.of(ops.storcon(), backup.catalog(), TenantId.parse(tenant), snapshot, client, LogicalDump.Target.parse(pg),
                    BackupCommand.password(passwordFile), out).withJournal(ops.journal());
            if (record.isPresent()) {
                d = d.puttingBack(record.get().spec());
            }
            if (pgBin != null) {
                d = d.withBinaries(pgBin);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        BackupJson.plan(d, ops, w);
        var json = summary(null).put("compute_ctl_url", ctl.toString()).put("postgres", pg);
        if (ops.dryRun) {
            return ops.json() ? CliJson.print(ops, w, json, "") : 0;
        }
        RecipeResult r = BackupJson.run(d, ops, w);
        DumpRecord dump = r.value(SnapshotDump.DUMP);
        json.set("dump", BackupJson.dump(dump));
        json.put("static_lsn", backup.catalog().find(TenantId.parse(tenant), snapshot).orElseThrow().lsn().toString());
        json.put("put_back", r.value(SnapshotDump.PUT_BACK));
        return CliJson.print(ops, w, json, "dumped " + dump.database() + " to " + dump.file() + " (" + dump.bytes() + " bytes) from"
                + " compute_ctl " + ctl + " read-only at the snapshot's LSN, recorded against snapshot " + snapshot + "; the compute was put"
                + " back (" + r.value(SnapshotDump.PUT_BACK) + ")");
    }
}
