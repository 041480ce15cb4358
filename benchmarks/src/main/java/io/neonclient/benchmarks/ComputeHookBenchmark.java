package io.neonclient.benchmarks;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.neonclient.admin.ClusterBootstrap;
import io.neonclient.admin.ComputeHook;
import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.Placements;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.TestCompute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A whole-process timing of the compute hook: {@code N} computes (default 100) registered for one 2-shard tenant on the
 * testkit, then notify-attach bodies sent one after another as the controller sends them (shard 0102 alternating
 * between the two pageservers), each applied to every compute ({@code POST /configure}) before the hook answers.
 * Prints notifications applied per second, compute re-configurations per second, and the notification-to-applied lag
 * (the hook's own {@code neon_compute_hook_lag_seconds} timer, and the controller-side answer time).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.neonclient.benchmarks.ComputeHookBenchmark [computes] [notifications] [memory|file]}
 */
public final class ComputeHookBenchmark {
    private ComputeHookBenchmark() {}

    public static void main(String[] args) throws Exception {
        int computes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int notifications = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String storeKind = args.length > 2 ? args[2] : "memory";
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            StorageControllerClient storcon = StorageControllerClient.create(cluster.storageController().toString());
            TenantId tenant = TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            ClusterBootstrap.Builder bootstrap = ClusterBootstrap.builder(storcon);
            cluster.pageservers().forEach((id, uri) -> bootstrap.pageserver(RegisterNodeRequest.of(NodeId.of(id), uri.getHost(),
                    cluster.pageserverPgPort(id), uri.getHost(), uri.getPort(), "az-a")));
            bootstrap.tenant(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT)).timeline(timeline, 16).build().run(e -> { });
            ComputeStore store = storeKind.equals("file")
                    ? ComputeStore.file(Files.createTempDirectory("hook-bench-").resolve("computes.json")) : ComputeStore.inMemory();
            ComputeSpec spec = ComputeSpec.minimal(tenant, timeline).withPlacement(Placements.of(storcon, tenant));
            for (int i = 0; i < computes; i++) {
                TestCompute c = cluster.newCompute();
                ComputeClient.create(c.uri().toString()).configure(spec, ComputeCtlConfig.empty());
                store.put(ComputeRecord.of("compute-" + i, c.uri(), spec));
            }
            long shard0Node = storcon.tenant(tenant).describe().shards().get(0).attachedNode().orElseThrow().value();
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (ComputeHook hook = ComputeHook.builder().store(store).storageController(storcon).meterRegistry(meters)
                    .reconcileOnStart(false).start();
                 HttpClient http = HttpClient.newHttpClient()) {
                URI attach = hook.uri().resolve("/notify-attach");
                String body = "{\"tenant_id\":\"" + tenant + "\",\"preferred_az\":null,\"stripe_size\":2048,\"shards\":["
                        + "{\"node_id\":" + shard0Node + ",\"shard_number\":0},{\"node_id\":%d,\"shard_number\":1}]}";
                int warmup = Math.min(20, notifications);
                for (int i = 0; i < warmup; i++) {
                    try {
                        send(http, attach, body.formatted(1 + i % 2));
                    } catch (IllegalStateException e) {
                        hook.pending().forEach(r -> System.out.println("pending: " + r));
                        throw e;
                    }
                }
                meters.clear();
                long[] answered = new long[notifications];
                long start = System.nanoTime();
                for (int i = 0; i < notifications; i++) {
                    long t0 = System.nanoTime();
                    send(http, attach, body.formatted(1 + (i + warmup) % 2));
                    answered[i] = System.nanoTime() - t0;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Arrays.sort(answered);
                Timer lag = meters.find("neon.compute.hook.lag").timer();
                System.out.printf("compute hook, %d computes of one 2-shard tenant, %s registry, %d notifications (after %d warm-up)%n",
                        computes, storeKind, notifications, warmup);
                System.out.printf("  notifications applied: %.1f/s; compute re-configurations: %.0f/s%n", notifications / seconds,
                        notifications * (double) computes / seconds);
                System.out.printf("  notify-attach answer (applied to all %d): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", computes,
                        answered[notifications / 2] / 1e6, answered[(int) (notifications * 0.99)] / 1e6, answered[notifications - 1] / 1e6);
                if (lag != null) {
                    System.out.printf("  notification-to-applied lag per compute (hook timer): mean %.1f ms, max %.1f ms over %d re-configurations%n",
                            lag.mean(TimeUnit.MILLISECONDS), lag.max(TimeUnit.MILLISECONDS), lag.count());
                }
                List<ComputeRecord> pending = new ArrayList<>(hook.pending());
                System.out.println("  pending computes at the end: " + pending.size());
            }
        }
    }

    private static void send(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("notify-attach answered " + r.statusCode() + ": " + r.body());
        }
    }
}
