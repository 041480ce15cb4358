package io.neonclient.samples;

import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeRegistry;
import io.neonclient.admin.ComputeStore;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.core.ClientConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops compute register|list|forget --registry FILE|URL}: the computes a {@code neon-ops compute-hook} keeps
 * pointed at their shards. A running hook sees the change on its next notification or retry.
 */
@Command(name = "compute", description = "Computes: the registry the compute hook follows (register, list, forget) and the config a compute_ctl starts from (config).",
        subcommands = {ComputeCommand.Register.class, ComputeCommand.ListComputes.class, ComputeCommand.Forget.class,
                ComputeConfigCommand.class})
final class ComputeCommand implements Runnable {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. 'neon-ops compute list --registry FILE'");
    }

    /** Opens {@code --registry} (a file, or PostgreSQL with the password from {@code PGPASSWORD}). */
    static ComputeStore open(NeonOps root, CommandSpec spec, String registry) {
        String password = System.getenv("PGPASSWORD");
        try {
            return ComputeStore.open(registry, password == null || password.isEmpty() ? null : password);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--registry: " + e.getMessage());
        }
    }

    /**
     * The computes in {@code store} as a registry a recipe re-points ({@link ComputeRegistry#following}): one client per
     * compute_ctl, with {@code NEON_COMPUTE_TOKEN}, closed when the run ends. Sends nothing.
     */
    static ComputeRegistry following(NeonOps ops, ComputeStore store) {
        ClientConfig config = ClientConfig.defaults().withTokens(ops.tokens());
        return ComputeRegistry.following(store, r -> ops.closedAtEnd(ComputeClient.builder().baseUri(r.computeCtlUrl()).config(config).build()),
                ComputeCtlConfig.empty());
    }

    /** {@code compute register}: records a running compute with the spec it was started with. */
    @Command(name = "register", description = "Register a running compute: its id, compute_ctl URL and the spec it runs with.")
    static final class Register implements Callable<Integer> {
        @ParentCommand
        ComputeCommand group;

        @Spec
        CommandSpec spec;

        @Option(names = "--registry", required = true, paramLabel = "FILE|URL", description = "The compute registry (file or postgresql://).")
        String registry;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The compute's name, e.g. compute-1.")
        String id;

        @Option(names = "--url", required = true, paramLabel = "URL", description = "compute_ctl's external HTTP address, e.g. http://10.0.0.7:3080.")
        String url;

        @Option(names = "--spec", required = true, paramLabel = "FILE",
                description = "The spec the compute runs with (compute_ctl's JSON): re-configures send it back with only the storage fields changed.")
        Path specFile;

        @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "The tenant, when the spec does not name it.")
        String tenant;

        @Option(names = "--timeline", paramLabel = "TIMELINE_ID", description = "The timeline, when the spec does not name it.")
        String timeline;

        @Override
        public Integer call() {
            ComputeRecord record;
            try {
                ComputeSpec s = ComputeSpec.parse(Files.readString(specFile));
                TenantId t = tenant != null ? TenantId.parse(tenant) : s.tenantId().orElseThrow(
                        () -> new IllegalArgumentException("the spec names no tenant_id: give --tenant"));
                TimelineId tl = timeline != null ? TimelineId.parse(timeline) : s.timelineId().orElseThrow(
                        () -> new IllegalArgumentException("the spec names no timeline_id: give --timeline"));
                URI address;
                try {
                    address = new URI(url);
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException("--url must be compute_ctl's http(s) address, e.g. http://10.0.0.7:3080, got '" + url + "'");
                }
                record = new ComputeRecord(id, t, tl, address, s, Optional.empty());
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--spec " + specFile + " cannot be read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try (ComputeStore store = open(group.parent, spec, registry)) {
                boolean replaced = store.find(id).isPresent();
                store.put(record);
                var json = CliJson.summary("compute register").put("replaced", replaced);
                json.set("compute", CliJson.compute(record));
                return CliJson.print(group.parent, spec.commandLine().getOut(), json, (replaced ? "updated " : "registered ") + record);
            }
        }
    }

    /** {@code compute list}: every registered compute, where its spec points and whether it is pending. */
    @Command(name = "list", description = "List the registered computes, where each one's spec points, and pending errors.")
    static final class ListComputes implements Callable<Integer> {
        @ParentCommand
        ComputeCommand group;

        @Spec
        CommandSpec spec;

        @Option(names = "--registry", required = true, paramLabel = "FILE|URL", description = "The compute registry (file or postgresql://).")
        String registry;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ComputeStore store = open(group.parent, spec, registry)) {
                List<ComputeRecord> computes = store.list();
                long pending = computes.stream().filter(r -> r.lastError().isPresent()).count();
                if (group.parent.json()) {
                    var json = CliJson.summary("compute list").put("pending", pending);
                    computes.forEach(r -> json.withArray("computes").add(CliJson.compute(r)));
                    json.withArray("computes");
                    return CliJson.print(group.parent, out, json, "");
                }
                out.printf("%-20s %-32s %-32s %-28s %-5s %s%n", "id", "tenant", "timeline", "compute_ctl", "sk gen", "pageservers / state");
                for (ComputeRecord r : computes) {
                    out.printf("%-20s %-32s %-32s %-28s %-5s %s%s%n", r.computeId(), r.tenantId(), r.timelineId(), r.computeCtlUrl(),
                            r.spec().safekeepersGeneration().map(String::valueOf).orElse("-"), r.pageservers(),
                            r.lastError().map(e -> "  PENDING: " + e).orElse(""));
                }
                out.println(computes.size() + " computes, " + pending + " pending");
                out.flush();
            }
            return 0;
        }
    }

    /** {@code compute forget}: drops a compute from the registry (the hook stops re-configuring it). */
    @Command(name = "forget", description = "Forget a compute: the hook no longer re-configures it.")
    static final class Forget implements Callable<Integer> {
        @ParentCommand
        ComputeCommand group;

        @Spec
        CommandSpec spec;

        @Option(names = "--registry", required = true, paramLabel = "FILE|URL", description = "The compute registry (file or postgresql://).")
        String registry;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The compute to forget.")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ComputeStore store = open(group.parent, spec, registry)) {
                boolean removed = store.remove(id);
                CliJson.print(group.parent, out, CliJson.summary("compute forget").put("compute_id", id).put("removed", removed),
                        removed ? "forgot " + id : "no compute " + id + " in " + registry);
                return removed ? 0 : 1;
            }
        }
    }
}
