package io.neonclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neonclient.core.ClientConfig;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link PublicDescribeBenchmark}'s three paths interleaved call by call inside one JMH benchmark: every invocation
 * sends one {@code storcon.tenant(t).describe()} and one describe by each raw client ({@code rawTree}, {@code rawMap}),
 * in each of the six orders in turn, and adds each call's wall time to its path's counter ({@code sdkNanos},
 * {@code rawTreeNanos}, {@code rawMapNanos}; JMH prints their totals). A 2-core VM moves a loopback call's throughput
 * between levels ±15 % apart from one fork to the next, and within a fork over seconds: measured apart, the two nearly
 * identical raw clients came out up to 19 % apart; interleaved per call, every level and drift falls on all three paths
 * alike, so the ratio of the counters is the SDK's throughput as a fraction of a raw client's.
 *
 * <p>Three {@code HttpClient}s (each a connection and a selector thread) serve the three paths, and every invocation
 * shifts which path sends on which: each path uses each client equally often, one call per client per invocation. With a
 * client fixed per path, the raw clients, which differ only in their last decode (60 ns apart alone), still came out
 * 0.5–3.4 % apart in three runs, {@code rawTree} the slower each time: a client's own pace went to one path. The SDK sends on the shared
 * clients through {@code ClientConfig.withHttpClient}; built alone it would make a client just like these
 * ({@code HTTP/1.1}; measured side by side, the two kinds send at the same cost).
 * {@code benchmarks/describe-jmh.sh} runs it and prints the ratios ({@link JmhRatios}).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar InterleavedDescribeBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InterleavedDescribeBenchmark {

    /** Wall time per path, summed over the iteration's calls. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Nanos {
        public long sdkNanos;
        public long rawTreeNanos;
        public long rawMapNanos;
        int invocation;

        @Setup(Level.Iteration)
        public void clear() {
            sdkNanos = 0;
            rawTreeNanos = 0;
            rawMapNanos = 0;
        }
    }

    /** The fixture server, three shared clients, an SDK client on each, and the raw clients' request and mapper. */
    @State(Scope.Benchmark)
    public static class Paths {
        FixtureServer server;
        final HttpClient[] clients = new HttpClient[3];
        final StorageControllerClient[] sdk = new StorageControllerClient[3];
        ObjectMapper rawMapper;
        HttpRequest rawRequest;

        @Setup(Level.Trial)
        public void start() throws IOException {
            server = FixtureServer.inOwnProcess("/storcon.tenant_describe.response.json");
            String base = server.baseUri();
            for (int k = 0; k < clients.length; k++) {
                clients[k] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                sdk[k] = StorageControllerClient.builder().baseUri(base)
                        .config(ClientConfig.defaults().withBearerToken(PublicDescribeBenchmark.TOKEN).withHttpClient(clients[k])).build();
            }
            rawMapper = new ObjectMapper();
            rawRequest = PublicDescribeBenchmark.rawRequest(base, PublicDescribeBenchmark.TENANT);
            for (int k = 0; k < clients.length; k++) {
                if (sdk(k).shards().size() != 2 || rawTree(k).path("shards").size() != 2 || ((List<?>) rawMap(k).get("shards")).size() != 2) {
                    throw new IllegalStateException("the fixture should describe 2 shards on every path and client");
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            for (HttpClient c : clients) {
                c.close();
            }
            server.close();
        }

        TenantDescription sdk(int client) {
            return sdk[client].tenant(PublicDescribeBenchmark.TENANT).describe();
        }

        JsonNode rawTree(int client) throws IOException {
            return rawMapper.readTree(PublicDescribeBenchmark.rawBody(clients[client], rawRequest));
        }

        Map<?, ?> rawMap(int client) throws IOException {
            return rawMapper.readValue(PublicDescribeBenchmark.rawBody(clients[client], rawRequest), Map.class);
        }
    }

    /** Every order of the three paths, taken in turn: each path runs first, last, and right after each other as often. */
    private static final int[][] ORDERS = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

    @Benchmark
    public void interleaved(Paths paths, Nanos nanos, Blackhole sink) throws IOException {
        int invocation = nanos.invocation++;
        // after all six orders, each path moves on to the next client: over 18 invocations every path has sent 6
        // calls on each client, and each order has run once on each of the three assignments
        int shift = invocation / ORDERS.length % 3;
        for (int path : ORDERS[invocation % ORDERS.length]) {
            int client = (path + shift) % 3;
            long start = System.nanoTime();
            switch (path) {
                case 0 -> sink.consume(paths.sdk(client));
                case 1 -> sink.consume(paths.rawTree(client));
                default -> sink.consume(paths.rawMap(client));
            }
            long took = System.nanoTime() - start;
            switch (path) {
                case 0 -> nanos.sdkNanos += took;
                case 1 -> nanos.rawTreeNanos += took;
                default -> nanos.rawMapNanos += took;
            }
        }
    }
}
