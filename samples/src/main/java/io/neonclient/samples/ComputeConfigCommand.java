package io.neonclient.samples;

import io.neonclient.admin.ComputeConfigs;
import io.neonclient.compute.ComputeConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neon-ops compute config --tenant T --timeline TL [--compute-id ID] [--out FILE]}: the
 * {@code {"spec", "compute_ctl_config"}} file {@code compute_ctl -c} reads, from {@link ComputeConfigs}: each shard's
 * attached pageserver, every safekeeper of the timeline as {@code host:port}, the quorum checked. Replaces the seed
 * runbook's {@code sed} over {@code spec_prep_docker.json}.
 */
@Command(name = "config", description = {
        "Print (or write with --out) the config.json compute_ctl starts from: the tenant's pageservers per shard, the stripe",
        "size, every safekeeper of the timeline listed as host:port (refused when they are no quorum), tenant and timeline ids.",
        "Sends only reads: GET /control/v1/tenant/{id}, /control/v1/node, /control/v1/safekeeper, …/timeline/{id}/locate."})
final class ComputeConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--timeline", required = true, paramLabel = "TIMELINE_ID")
    String timeline;

    @Option(names = "--compute-id", paramLabel = "ID",
            description = "the id compute_ctl runs with (its required --compute-id), shown in the start command")
    String computeId;

    @Option(names = "--out", paramLabel = "FILE", description = "write the config to FILE instead of printing it")
    Path out;

    @Option(names = "--safekeepers", split = ",", paramLabel = "SK_ID",
            description = "the timeline's safekeepers when the controller does not place timelines on safekeepers"
                    + " (default then: every registered one); must match the controller's set when it does")
    List<NodeId> safekeepers;

    @Option(names = "--allow-single-safekeeper", description = "accept one safekeeper (a dev cluster: no quorum survives its loss)")
    boolean allowSingleSafekeeper;

    @Option(names = "--storage-auth-token-file", paramLabel = "FILE",
            description = "a file holding the JWT (tenant scope) the compute presents to pageservers and safekeepers")
    Path tokenFile;

    @Override
    public Integer call() {
        NeonOps root = (NeonOps) spec.root().userObject();
        TenantId t = parse("--tenant", () -> TenantId.parse(tenant));
        TimelineId tl = parse("--timeline", () -> TimelineId.parse(timeline));
        if (computeId != null && !computeId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--compute-id must be letters, digits, '.', '_' or '-', got '" + computeId + "'");
        }
        ComputeConfigs.Builder builder = ComputeConfigs.forTimeline(root.storcon(), t, tl);
        if (safekeepers != null && !safekeepers.isEmpty()) {
            parse("--safekeepers", () -> builder.safekeepers(safekeepers));
        }
        if (allowSingleSafekeeper) {
            builder.allowSingleSafekeeper();
        }
        if (tokenFile != null) {
            String token;
            try {
                token = Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--storage-auth-token-file: cannot read " + tokenFile);
            }
            parse("--storage-auth-token-file", () -> builder.storageAuthToken(token));
        }
        ComputeConfig config = builder.build();
        PrintWriter printed = spec.commandLine().getOut();
        if (out == null) {
            printed.print(config.toJson());
            printed.flush();
            return 0;
        }
        try {
            config.writeTo(out);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        ComputeSpec s = config.spec().orElseThrow();
        String shards = s.pageserverConnectionInfo().map(i -> i.shards().entrySet().stream()
                .map(e -> e.getKey() + "@" + e.getValue().pageservers().getFirst().id().map(NodeId::toString).orElse("?"))
                .collect(Collectors.joining(" "))).orElse("-");
        printed.println("Wrote " + out + ": tenant " + t + " timeline " + tl + ", shards " + shards + ", safekeepers "
                + String.join(",", s.safekeeperConnstrings()) + " (generation " + s.safekeepersGeneration().orElse(0L) + ")");
        printed.println("Start the compute with: compute_ctl -c " + out + " --compute-id " + (computeId != null ? computeId : "<compute-id>")
                + " (and your usual -D, -C, -b)");
        printed.flush();
        return 0;
    }

    private <T> T parse(String option, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
