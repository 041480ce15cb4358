package io.neonclient.samples;

import io.neonclient.admin.ClusterBootstrap;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops bootstrap}: the runbook's "Quick Infrastructure Startup" (register safekeepers and pageservers,
 * create the tenant with its shards and placement, create its timeline) as the {@link ClusterBootstrap} recipe. Every
 * step looks before it acts, so a second run changes nothing; with {@code --journal} a run that stopped resumes.
 */
@Command(name = "bootstrap",
        description = "The runbook's start-up in one resumable run: register pageservers (or wait for those that register themselves) and"
                + " safekeepers, create a tenant and its first timeline, wait until every shard is placed. A second run changes nothing.")
final class BootstrapCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--pageserver", paramLabel = "id=N,host=H,az=AZ[,pg-port=6400][,http-port=9898]",
            description = "A pageserver to register (POST /control/v1/node), unless the controller knows its id; repeat for each."
                    + " Pageservers that register themselves (control_plane_api set) need --expect-pageservers instead.")
    List<String> pageservers = new ArrayList<>();

    @Option(names = "--expect-pageservers", paramLabel = "N", description = "Wait until N pageservers that register themselves are Active.")
    Integer expectPageservers;

    @Option(names = "--safekeeper", paramLabel = "id=N,host=H,az=AZ[,pg-port=5454][,http-port=7676][,region=local]",
            description = "A safekeeper to register (POST /control/v1/safekeeper/{id}, an upsert) and wait for until Active; repeat for each.")
    List<String> safekeepers = new ArrayList<>();

    @Mixin
    NewTenantOptions tenant;

    @Option(names = "--timeline", paramLabel = "TIMELINE_ID", description = "the first timeline's id (default: a new random id, printed)")
    TimelineId timeline;

    @Option(names = "--pg-version", defaultValue = "16", paramLabel = "VERSION", description = "PostgreSQL major version of the timeline, 14 to 17 (default 16)")
    int pgVersion;

    @Option(names = "--preserve-initdb", description = "Also keep the timeline's initdb archive, which wal-recovery needs to rebuild it from WAL.")
    boolean preserveInitdb;

    @Override
    public Integer call() {
        if (pageservers.isEmpty() == (expectPageservers == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), pageservers.isEmpty()
                    ? "give --pageserver id=N,host=H,az=AZ for each pageserver to register, or --expect-pageservers N for pageservers that register themselves"
                    : "give --pageserver or --expect-pageservers, not both");
        }
        if (pgVersion < 14 || pgVersion > 17) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pg-version must be 14 to 17, got " + pgVersion);
        }
        TenantId tenantId = tenant.generated() ? TenantId.generate() : tenant.tenant;
        TimelineId timelineId = timeline == null ? TimelineId.generate() : timeline;
        ClusterBootstrap.Builder b = ClusterBootstrap.builder(parent.storcon()).tenant(tenant.request(spec, tenantId))
                .timeline(timelineId, pgVersion).journal(parent.journal());
        unique("--pageserver", parse("--pageserver", pageservers, Map.of("pg-port", "6400", "http-port", "9898"), v ->
                RegisterNodeRequest.of(v.id(), v.text("host"), v.port("pg-port"), v.text("host"), v.port("http-port"), v.text("az"))),
                RegisterNodeRequest::nodeId).forEach(b::pageserver);
        unique("--safekeeper", parse("--safekeeper", safekeepers, Map.of("pg-port", "5454", "http-port", "7676", "region", "local"), v ->
                UpsertSafekeeperRequest.of(v.id(), v.text("region"), v.text("host"), v.port("pg-port"), v.port("http-port"), v.text("az"))),
                UpsertSafekeeperRequest::id).forEach(b::safekeeper);
        if (expectPageservers != null) {
            if (expectPageservers < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--expect-pageservers must be at least 1, got " + expectPageservers);
            }
            b.expectPageservers(expectPageservers);
        }
        if (preserveInitdb) {
            b.preserveInitdb();
        }
        ClusterBootstrap bootstrap = b.build();

        PrintWriter out = spec.commandLine().getOut();
        List<String> chosen = new ArrayList<>();
        if (tenant.generated()) {
            chosen.addAll(List.of("--tenant", tenantId.toString()));
        }
        if (timeline == null) {
            chosen.addAll(List.of("--timeline", timelineId.toString()));
        }
        if (!chosen.isEmpty()) {
            // A resumed run must ask for the same ids, or its journal refuses it as another procedure.
            parent.resumeAlsoWith(chosen.toArray(String[]::new));
            if (!parent.json()) {
                out.println("generated " + String.join(" ", chosen) + (parent.dryRun ? ": pass them to run exactly this plan"
                        : ": pass them to run this bootstrap again"));
            }
        }
        if (parent.dryRun) {
            return RecipeRunner.planOrRun(bootstrap, parent, out);
        }
        RecipeRunner.run(bootstrap, parent, out);
        if (!parent.json()) {
            TenantDescription d = parent.storcon().tenant(tenantId).describe();
            out.println("tenant " + d.tenantId() + " " + d.policy() + ", " + d.shardCount() + " shard(s), timeline " + timelineId + "\n"
                    + TenantCommand.shards(d));
            out.flush();
        }
        return 0;
    }

    /** One {@code key=value,…} option value, its keys checked. */
    private record Values(Map<String, String> values) {
        String text(String key) {
            return values.get(key);
        }

        NodeId id() {
            try {
                return NodeId.parse(values.get("id"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("id: " + e.getMessage(), e);
            }
        }

        int port(String key) {
            String v = values.get(key);
            if (!v.matches("[0-9]{1,5}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
                throw new IllegalArgumentException(key + " must be a port 1 to 65535, got '" + v + "'");
            }
            return Integer.parseInt(v);
        }
    }

    /**
     * Parses each {@code id=N,host=H,az=AZ[,key=value…]} of {@code option} into a request; a missing or unknown key, a bad
     * value or a value the request refuses is a usage error naming the option and the text, before anything is sent.
     */
    private <T> List<T> parse(String option, List<String> texts, Map<String, String> defaults, Function<Values, T> build) {
        List<T> out = new ArrayList<>();
        for (String text : texts) {
            Map<String, String> values = new LinkedHashMap<>(defaults);
            Set<String> given = new HashSet<>();
            for (String pair : text.split(",", -1)) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
                if (eq < 0 || !(key.equals("id") || key.equals("host") || key.equals("az") || defaults.containsKey(key))) {
                    throw usage(option, text, "expected key=value pairs with keys id, host, az" + (defaults.isEmpty() ? "" : ", "
                            + String.join(", ", defaults.keySet().stream().sorted().toList())) + "; got '" + pair + "'");
                }
                if (!given.add(key)) {
                    throw usage(option, text, "'" + key + "' is given twice");
                }
                values.put(key, pair.substring(eq + 1).strip());
            }
            for (String key : List.of("id", "host", "az")) {
                if (!given.contains(key)) {
                    throw usage(option, text, "'" + key + "' is missing");
                }
            }
            try {
                out.add(build.apply(new Values(values)));
            } catch (IllegalArgumentException e) {
                throw usage(option, text, e.getMessage());
            }
        }
        return out;
    }

    private <T> List<T> unique(String option, List<T> requests, Function<T, NodeId> id) {
        Set<NodeId> seen = new HashSet<>();
        for (T r : requests) {
            if (!seen.add(id.apply(r))) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": id " + id.apply(r) + " is given twice");
            }
        }
        return requests;
    }

    private CommandLine.ParameterException usage(String option, String text, String why) {
        return new CommandLine.ParameterException(spec.commandLine(), option + " '" + text + "': " + why);
    }
}
