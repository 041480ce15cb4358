package io.neonclient.samples;

import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops timeline create|list}: the runbook's "Create timeline" and the branch of its PITR. */
@Command(name = "timeline", description = "Timelines through the controller: create (bootstrap or branch), list.",
        subcommands = {TimelineCommand.Create.class, TimelineCommand.ListTimelines.class})
final class TimelineCommand {

    /** {@code POST /v1/tenant/{tenant_id}/timeline}. */
    @Command(name = "create", description = "Create a timeline (POST /v1/tenant/{tenant_id}/timeline): a new database (bootstrap), or a branch of"
            + " --ancestor at --at LSN (default: its last record).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        TenantId tenant;

        @Option(names = "--timeline", paramLabel = "TIMELINE_ID", description = "the new timeline's id (default: a new random id, printed)")
        TimelineId timeline;

        @Option(names = "--pg-version", defaultValue = "16", description = "PostgreSQL major version of a bootstrap (default 16)")
        int pgVersion;

        @Option(names = "--ancestor", paramLabel = "TIMELINE_ID", description = "branch from this timeline instead of bootstrapping")
        TimelineId ancestor;

        @Option(names = "--at", paramLabel = "LSN", description = "the branch point, e.g. 0/169AD58 (sent as ancestor_start_lsn); only with --ancestor")
        Lsn at;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            PrintWriter out = spec.commandLine().getOut();
            if (at != null && ancestor == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--at needs --ancestor (the timeline the LSN is on)");
            }
            boolean generated = timeline == null;
            TimelineId id = generated ? TimelineId.generate() : timeline;
            CreateTimelineRequest request = ancestor == null ? CreateTimelineRequest.bootstrap(id, pgVersion)
                    : at == null ? CreateTimelineRequest.branch(id, ancestor) : CreateTimelineRequest.branch(id, ancestor).at(at);
            if (ops.dryRun) {
                String body = Json.encodeToString(request);
                out.println(ops.json() ? body : "would send POST /v1/tenant/" + tenant + "/timeline " + body
                        + (generated ? "\n(the id was generated for this dry run: pass --timeline " + id + " to create exactly this)" : ""));
                return 0;
            }
            Timeline t = ops.storcon().tenant(tenant).timelines().create(request);
            return Printed.print(ops, out, t, "created timeline " + t.timelineId() + " of " + tenant
                    + t.ancestorTimelineId().map(a -> ", a branch of " + a + " at " + t.ancestorLsn().map(Lsn::toString).orElse("?")).orElse("")
                    + ": last_record_lsn " + t.lastRecordLsn() + ", " + t.state());
        }
    }

    /** {@code GET /v1/tenant/{tenant_id}/timeline} through the controller. */
    @Command(name = "list", description = "List a tenant's timelines (GET /v1/tenant/{tenant_id}/timeline, as shard 0 reports them).")
    static final class ListTimelines implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        TenantId tenant;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            List<Timeline> all = ops.storcon().tenant(tenant).timelines().list();
            String text = all.isEmpty() ? "no timelines (neon-ops timeline create --tenant " + tenant + ")" : all.stream()
                    .map(t -> String.format("%s %-8s last_record_lsn %-12s%s", t.timelineId(), t.state(), t.lastRecordLsn(),
                            t.ancestorTimelineId().map(a -> " branch of " + a + " at " + t.ancestorLsn().map(Lsn::toString).orElse("?")).orElse("")))
                    .collect(Collectors.joining("\n"));
            return Printed.print(ops, spec.commandLine().getOut(), all, text);
        }
    }
}
