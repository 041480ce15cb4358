package io.neonclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neonclient.core.ClientConfig;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
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
 * Four paths interleaved call by call inside one JMH benchmark: every invocation sends one
 * {@code storcon.tenant(t).describe()} ({@code sdk}) and one describe by each of three raw clients, in each of the 24
 * orders in turn, and adds each call's wall time to its path's counter ({@code sdkNanos}, {@code rawTreeNanos},
 * {@code rawMapNanos}, {@code rawTreeBuiltNanos}; JMH prints their totals). The raw clients send with a plain
 * {@code HttpClient} and decode with a plain {@code ObjectMapper}:
 * <ul>
 *   <li>{@code rawTree} and {@code rawMap} reuse one {@code HttpRequest} built at set-up, and read the body into a
 *       {@code JsonNode} tree or a {@code Map}: the strictest reference, which no client given a tenant per call can
 *       be;</li>
 *   <li>{@code rawTreeBuilt} builds its request on every call, from the tenant id as the SDK is given it
 *       ({@link PublicDescribeBenchmark#rawRequest}), and reads a tree: what a raw client describing a tenant it is
 *       given does.</li>
 * </ul>
 * A 2-core VM moves a loopback call's throughput between levels ±15 % apart from one fork to the next, and within a
 * fork over seconds: measured apart, the two nearly identical raw clients came out up to 19 % apart; interleaved per
 * call, every level and drift falls on all paths alike, so the ratio of the counters is the SDK's throughput as a
 * fraction of a raw client's.
 *
 * <p>Four {@code HttpClient}s (each a connection and a selector thread) serve the four paths, and the paths change
 * clients as the invocations go: each path uses each client equally often, one call per client per invocation. With a
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
        public long rawTreeBuiltNanos;
        int invocation;

        @Setup(Level.Iteration)
        public void clear() {
            sdkNanos = 0;
            rawTreeNanos = 0;
            rawMapNanos = 0;
            rawTreeBuiltNanos = 0;
        }
    }

    /** The fixture server, four shared clients, an SDK client on each, and the raw clients' request and mapper. */
    @State(Scope.Benchmark)
    public static class Paths {
        FixtureServer server;
        String base;
        final HttpClient[] clients = new HttpClient[PATHS];
        final StorageControllerClient[] sdk = new StorageControllerClient[PATHS];
        ObjectMapper rawMapper;
        HttpRequest rawRequest;

        @Setup(Level.Trial)
        public void start() throws IOException {
            server = FixtureServer.inOwnProcess("/storcon.tenant_describe.response.json");
            base = server.baseUri();
            for (int k = 0; k < clients.length; k++) {
                clients[k] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                sdk[k] = StorageControllerClient.builder().baseUri(base)
                        .config(ClientConfig.defaults().withBearerToken(PublicDescribeBenchmark.TOKEN).withHttpClient(clients[k])).build();
            }
            rawMapper = new ObjectMapper();
            rawRequest = PublicDescribeBenchmark.rawRequest(base, PublicDescribeBenchmark.TENANT);
            for (int k = 0; k < clients.length; k++) {
                if (sdk(k).shards().size() != 2 || rawTree(k).path("shards").size() != 2 || ((List<?>) rawMap(k).get("shards")).size() != 2
                        || rawTreeBuilt(k).path("shards").size() != 2) {
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

        JsonNode rawTreeBuilt(int client) throws IOException {
            HttpRequest request = PublicDescribeBenchmark.rawRequest(base, PublicDescribeBenchmark.TENANT);
            return rawMapper.readTree(PublicDescribeBenchmark.rawBody(clients[client], request));
        }
    }

    /** The paths: 0 {@code sdk}, 1 {@code rawTree}, 2 {@code rawMap}, 3 {@code rawTreeBuilt}. */
    static final int PATHS = 4;

    /** Every order of the four paths, taken in turn: each path runs first, last, and right after each other as often. */
    private static final int[][] ORDERS = orders(new int[PATHS], 0, new boolean[PATHS], new ArrayList<>()).toArray(new int[0][]);

    private static List<int[]> orders(int[] prefix, int length, boolean[] used, List<int[]> out) {
        if (length == prefix.length) {
            out.add(prefix.clone());
            return out;
        }
        for (int p = 0; p < prefix.length; p++) {
            if (!used[p]) {
                used[p] = true;
                prefix[length] = p;
                orders(prefix, length + 1, used, out);
                used[p] = false;
            }
        }
        return out;
    }

    @Benchmark
    public void interleaved(Paths paths, Nanos nanos, Blackhole sink) throws IOException {
        int invocation = nanos.invocation++;
        // after all 24 orders, each path moves on to the next client: over 96 invocations every path has sent 24
        // calls on each client, and each order has run once on each of the four assignments
        int shift = invocation / ORDERS.length % PATHS;
        for (int path : ORDERS[invocation % ORDERS.length]) {
            int client = (path + shift) % PATHS;
            long start = System.nanoTime();
            switch (path) {
                case 0 -> sink.consume(paths.sdk(client));
                case 1 -> sink.consume(paths.rawTree(client));
                case 2 -> sink.consume(paths.rawMap(client));
                default -> sink.consume(paths.rawTreeBuilt(client));
            }
            long took = System.nanoTime() - start;
            switch (path) {
                case 0 -> nanos.sdkNanos += took;
                case 1 -> nanos.rawTreeNanos += took;
                case 2 -> nanos.rawMapNanos += took;
                default -> nanos.rawTreeBuiltNanos += took;
            }
        }
    }
}
