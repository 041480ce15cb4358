package io.neonclient.samples;

import io.neonclient.admin.ClusterReport;
import io.neonclient.admin.ComputeStore;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.StorageControllerClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops report [--json] [--no-pageservers] [--registry FILE|URL]}: the {@link ClusterReport}, and computes whose spec disagrees with placement. */
@Command(name = "report", description = "Diagnostics: nodes, intended vs observed shard placement, errors, timelines, safekeepers.")
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables (the same as --output json).")
    boolean json;

    @Option(names = "--no-pageservers", description = "Do not ask each pageserver what it holds (GET /v1/location_config).")
    boolean noPageservers;

    @Option(names = "--concurrency", defaultValue = "16", paramLabel = "N",
            description = "Calls in flight at most while collecting (one per pageserver, one per tenant's timelines); default 16.")
    int concurrency;

    @Option(names = "--registry", paramLabel = "FILE|URL",
            description = "Also compare each compute in this compute registry with the controller's placement and list those that disagree.")
    String registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StorageControllerClient storcon = parent.storcon();
        if (concurrency < 1 || concurrency > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--concurrency must be 1..256, got " + concurrency);
        }
        // A progress bar only for a person at a terminal, on stderr, so that stdout stays the report.
        ProgressBar bar = System.console() != null && !parent.json() && !json ? new ProgressBar(spec.commandLine().getErr()) : null;
        // The pageserver clients share the controller client's per-scope tokens (NEON_PAGESERVER_TOKEN for pageserverapi).
        ClusterReport report = ClusterReport.collect(storcon, noPageservers ? null : n ->
                parent.closedAtEnd(PageserverClient.builder().baseUri("http://" + n.listenHttpAddr() + ":" + n.listenHttpPort())
                        .config(storcon.config()).build()),
                concurrency, bar == null ? p -> { } : bar::show);
        if (bar != null) {
            bar.clear();
        }
        out.print(json || parent.json() ? report.toJson() + "\n" : report.toText());
        boolean computesInPlace = true;
        if (registry != null) {
            try (ComputeStore store = ComputeCommand.open(parent, spec, registry)) {
                computesInPlace = ComputeDrift.print(storcon, store.list(), out);
            }
        }
        out.flush();
        return report.isHealthy() && computesInPlace ? 0 : 1;
    }

    /** {@code timelines  4123/10000 [########------------]} redrawn in place, at most every 100 ms. */
    static final class ProgressBar {
        private final PrintWriter err;
        private long lastDrawn;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        void show(ClusterReport.Progress p) {
            long now = System.nanoTime();
            if (p.done() < p.total() && now - lastDrawn < 100_000_000L) {
                return;
            }
            lastDrawn = now;
            int width = 30;
            int filled = p.total() == 0 ? width : (int) ((long) p.done() * width / p.total());
            err.print("\r" + String.format("%-16s %6d/%-6d [%s%s]", p.phase(), p.done(), p.total(), "#".repeat(filled), "-".repeat(width - filled)));
            err.flush();
        }

        void clear() {
            err.print("\r" + " ".repeat(70) + "\r");
            err.flush();
        }
    }
}
