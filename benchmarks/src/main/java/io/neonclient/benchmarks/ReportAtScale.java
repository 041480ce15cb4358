package io.neonclient.benchmarks;

import io.neonclient.admin.ClusterReport;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code neon-ops report} at fleet scale, timed as a whole: a testkit cluster with 3 pageservers and {@code N} tenants of 4
 * shards each ({@code Attached(1)}), then {@link ClusterReport#collect} with the pageservers asked, at a given concurrency.
 * Prints the set-up time, the collection time, the number of shards and findings, and the text report's line count.
 *
 * <p>Run: {@code benchmarks/report-at-scale.sh [TENANTS] [CONCURRENCY]} (defaults 10000 and 16).
 */
public final class ReportAtScale {
    private ReportAtScale() {}

    public static void main(String[] args) throws Exception {
        int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        long t0 = System.nanoTime();
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(0).registerNodes(true).build().start()) {
            StorageControllerClient storcon = StorageControllerClient.builder().baseUri(cluster.storageController()).config(cluster.clientConfig()).build();
            WaitPolicy wait = new WaitPolicy(Duration.ofMinutes(10), Duration.ofMillis(20), Duration.ofMillis(500), 0.2);
            Waiter.await("pageservers Active", wait, () -> storcon.nodes().list(),
                    nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE) ? WaitVerdict.done() : WaitVerdict.pending("not yet"),
                    p -> { });
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<?>> created = new ArrayList<>();
                for (int i = 0; i < tenants; i++) {
                    TenantId t = TenantId.generate();
                    created.add(pool.submit(() -> storcon.tenants().create(CreateTenantRequest.sharded(t, 4, StripeSize.DEFAULT)
                            .withPlacement(PlacementPolicy.attached(1)))));
                }
                for (Future<?> f : created) {
                    f.get();
                }
            }
            Waiter.await("every shard placed and idle", wait, () -> storcon.tenants().list().toList(),
                    all -> all.stream().allMatch(d -> d.shards().stream().noneMatch(s -> s.isReconciling() || s.attachedNode().isEmpty()))
                            ? WaitVerdict.done() : WaitVerdict.pending("reconciling"), p -> { });
            long setUp = System.nanoTime() - t0;

            long t1 = System.nanoTime();
            int[] calls = {0};
            ClusterReport report = ClusterReport.collect(storcon,
                    n -> PageserverClient.builder().baseUri("http://" + n.listenHttpAddr() + ":" + n.listenHttpPort()).config(storcon.config()).build(),
                    concurrency, p -> calls[0]++);
            long collect = System.nanoTime() - t1;
            long t2 = System.nanoTime();
            String text = report.toText();
            String json = report.toJson();
            long render = System.nanoTime() - t2;
            System.out.printf(Locale.ROOT, "tenants=%d shards=%d nodes=%s concurrency=%d%n", tenants, report.shards().size(),
                    report.nodes().stream().map(r -> r.id() + ":" + r.attached() + "/" + r.secondaries()).toList(), concurrency);
            System.out.printf(Locale.ROOT, "set-up %.1f s; collect %.2f s (%d calls, %.0f calls/s); text+json %.2f s%n", setUp / 1e9, collect / 1e9,
                    calls[0], calls[0] / (collect / 1e9), render / 1e9);
            System.out.printf(Locale.ROOT, "findings=%d healthy=%s text lines=%d json bytes=%d%n", report.findings().size(), report.isHealthy(),
                    text.lines().count(), json.length());
            report.findings().stream().limit(5).forEach(f -> System.out.println("  finding: " + f));
        }
    }
}
