package io.neonclient.samples;

import io.neonclient.core.TenantId;
import io.neonclient.core.internal.Json;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops tenant create|describe|list|split}: the runbook's "Create tenant" and "Check tenant status". */
@Command(name = "tenant", description = "Tenants through the controller: create, describe, list, split.",
        subcommands = {TenantCommand.Create.class, TenantCommand.Describe.class, TenantCommand.ListTenants.class, TenantCommand.Split.class})
final class TenantCommand {

    /** {@code POST /v1/tenant}, then waits until every shard is attached. */
    @Command(name = "create", description = "Create a tenant (POST /v1/tenant) and wait until every shard is attached; --dry-run prints the request.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        NewTenantOptions options;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            PrintWriter out = spec.commandLine().getOut();
            boolean generated = options.generated();
            TenantId id = generated ? TenantId.generate() : options.tenant;
            CreateTenantRequest request = options.request(spec, id);
            if (ops.dryRun) {
                String body = Json.encodeToString(request);
                out.println(ops.json() ? body : "would send POST /v1/tenant " + body
                        + (generated ? "\n(the id was generated for this dry run: pass --tenant " + id + " to create exactly this)" : ""));
                return 0;
            }
            TenantDescription d = ops.storcon().tenants().create(request).await(Duration.ofMinutes(5));
            return Printed.print(ops, out, d, "created tenant " + d.tenantId() + " " + d.policy() + ", " + d.shardCount() + " shard(s)\n" + shards(d));
        }
    }

    /** {@code GET /control/v1/tenant/{tenant_id}}. */
    @Command(name = "describe", description = "Describe a tenant's shards (GET /control/v1/tenant/{tenant_id}).")
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        TenantId tenant;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            TenantDescription d = ops.storcon().tenant(tenant).describe();
            return Printed.print(ops, spec.commandLine().getOut(), d, "tenant " + d.tenantId() + " " + d.policy() + ", " + d.shardCount()
                    + " shard(s), stripe " + d.stripeSize().pages() + " pages\n" + shards(d));
        }
    }

    /** {@code GET /control/v1/tenant}, paged. */
    @Command(name = "list", description = "List tenants (GET /control/v1/tenant, paged).")
    static final class ListTenants implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            List<TenantDescription> all = ops.storcon().tenants().list().toList();
            String text = all.isEmpty() ? "no tenants (neon-ops tenant create …)" : all.stream()
                    .map(d -> d.tenantId() + " " + d.policy() + " " + d.shardCount() + " shard(s) " + d.shards().stream()
                            .map(s -> s.id().shardIndex() + "@" + s.attachedNode().map(Object::toString).orElse("-")).collect(Collectors.joining(" ")))
                    .collect(Collectors.joining("\n"));
            return Printed.print(ops, spec.commandLine().getOut(), all, text);
        }
    }

    /** {@code PUT /control/v1/tenant/{tenant_id}/shard_split}, then waits for the new shards. */
    @Command(name = "split", description = "Split every shard of a tenant (PUT /control/v1/tenant/{tenant_id}/shard_split) and wait until the new shards are attached.")
    static final class Split implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        TenantId tenant;

        @Option(names = "--shards", required = true, paramLabel = "N", description = "the new shard count (more than today's)")
        int shards;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            PrintWriter out = spec.commandLine().getOut();
            StorageControllerClient storcon = ops.storcon();
            TenantDescription before = storcon.tenant(tenant).describe();
            if (shards <= Math.max(1, before.shardCount())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--shards must be more than the tenant's " + before.shardCount()
                        + " shard(s), got " + shards);
            }
            if (ops.dryRun) {
                out.println("would split tenant " + tenant + " from " + before.shardCount() + " to " + shards
                        + " shards (PUT /control/v1/tenant/{tenant_id}/shard_split {\"new_shard_count\":" + shards + "})");
                return 0;
            }
            TenantDescription after = storcon.tenant(tenant).split(shards).await(Duration.ofMinutes(10));
            return Printed.print(ops, out, after, "split tenant " + tenant + " from " + before.shardCount() + " to " + after.shardCount()
                    + " shards\n" + shards(after));
        }
    }

    /** One line per shard: id, attached node, secondaries, and what is going on. */
    static String shards(TenantDescription d) {
        return d.shards().stream().map(TenantCommand::shard).collect(Collectors.joining("\n"));
    }

    private static String shard(ShardDescription s) {
        return String.format("  %-40s attached %-4s secondaries %-8s%s", s.id(), s.attachedNode().map(Object::toString).orElse("-"),
                s.secondaryNodes().isEmpty() ? "-" : s.secondaryNodes().stream().map(Object::toString).collect(Collectors.joining(",")),
                (s.isReconciling() ? " reconciling" : "") + (s.lastError().isEmpty() ? "" : " last_error: " + s.lastError()));
    }
}
