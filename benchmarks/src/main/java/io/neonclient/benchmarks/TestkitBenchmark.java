package io.neonclient.benchmarks;

import io.neonclient.core.TenantId;
import io.neonclient.testkit.NeonTestCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The testkit as a server: {@code GET /control/v1/tenant/{tenant_id}} throughput against a 2-pageserver cluster with a
 * 2-shard tenant (4 client threads, one shared HTTP/1.1 client), and the time to start and close a cluster.
 */
public class TestkitBenchmark {

    @State(Scope.Benchmark)
    public static class Cluster {
        NeonTestCluster cluster;
        HttpClient client;
        HttpRequest describe;

        @Setup(Level.Trial)
        public void start() throws IOException, InterruptedException {
            cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start();
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            TenantId tenant = TenantId.generate();
            URI base = cluster.storageController();
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(base.resolve("/v1/tenant"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"new_tenant_id\": \"" + tenant
                            + "\", \"shard_parameters\": {\"count\": 2, \"stripe_size\": 2048}}")).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("tenant create answered " + created.statusCode() + ": " + created.body());
            }
            describe = HttpRequest.newBuilder(base.resolve("/control/v1/tenant/" + tenant)).GET().build();
        }

        @TearDown(Level.Trial)
        public void stop() {
            cluster.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(4)
    public byte[] tenantDescribe(Cluster c) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = c.client.send(c.describe, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("describe answered " + r.statusCode());
        }
        return r.body();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public URI clusterStartAndClose() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(3).build().start()) {
            return cluster.storageController();
        }
    }
}
