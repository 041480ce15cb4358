package io.neonclient.samples;

import io.neonclient.admin.ClusterReport;
import io.neonclient.admin.ComputeStore;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.StorageControllerClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
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

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--no-pageservers", description = "Do not ask each pageserver what it holds (GET /v1/location_config).")
    boolean noPageservers;

    @Option(names = "--registry", paramLabel = "FILE|URL",
            description = "Also compare each compute in this compute registry with the controller's placement and list those that disagree.")
    String registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StorageControllerClient storcon = parent.storcon();
        // The pageserver clients share the controller client's per-scope tokens (NEON_PAGESERVER_TOKEN for pageserverapi).
        ClusterReport report = noPageservers ? ClusterReport.collect(storcon) : ClusterReport.collect(storcon, n ->
                PageserverClient.builder().baseUri("http://" + n.listenHttpAddr() + ":" + n.listenHttpPort()).config(storcon.config()).build());
        out.print(json ? report.toJson() + "\n" : report.toText());
        boolean computesInPlace = true;
        if (registry != null) {
            try (ComputeStore store = ComputeCommand.open(parent, spec, registry)) {
                computesInPlace = ComputeDrift.print(storcon, store.list(), out);
            }
        }
        out.flush();
        return report.isHealthy() && computesInPlace ? 0 : 1;
    }
}
