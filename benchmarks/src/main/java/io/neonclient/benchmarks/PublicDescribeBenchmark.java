package io.neonclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.TenantId;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
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

/**
 * The public API against raw {@code java.net.http} + Jackson, in the same run: {@code sdk} is
 * {@code storcon.tenant(t).describe()} ({@code GET /control/v1/tenant/{tenant_id}} with a token, retry wrapper, status
 * mapping and the decoded {@link TenantDescription} records); {@code rawTree} and {@code rawMap} send the same request
 * with a plain {@code HttpClient} and read the body into a {@link JsonNode} tree or a {@code Map}.
 *
 * <p>The server is a fixed HTTP server answering every request with {@code storcon.tenant_describe.response.json}, not
 * the testkit: the testkit's describe takes its model's lock and builds the answer on every call, which would make the
 * server the bottleneck and hide the client's share. It runs in a JVM of its own, as a real controller does: in the
 * benchmark's JVM its threads and JIT compete with the client for the same cores ({@link FixtureServer#inOwnProcess}).
 * Each path runs in forks of its own here, so a fork's level (±15 % on a 2-core VM) lands on one path only; the
 * ratios come from {@link InterleavedDescribeBenchmark}, which calls all three in every invocation.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar PublicDescribeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PublicDescribeBenchmark {

    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");
    static final String TOKEN = "benchmark-token";

    FixtureServer server;
    StorageControllerClient storcon;
    HttpClient rawClient;
    /** {@code rawMap}'s own client, so that each path has a connection and a selector thread of its own, as the SDK has. */
    HttpClient rawMapClient;
    ObjectMapper rawMapper;
    HttpRequest rawRequest;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = FixtureServer.inOwnProcess("/storcon.tenant_describe.response.json");
        String base = server.baseUri();

        storcon = StorageControllerClient.builder().baseUri(base).config(ClientConfig.defaults().withBearerToken(TOKEN)).build();
        rawClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        rawMapClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        rawMapper = new ObjectMapper();
        rawRequest = rawRequest(base, TENANT);
        if (sdk().shards().size() != 2 || rawTree().path("shards").size() != 2 || ((java.util.List<?>) rawMap().get("shards")).size() != 2) {
            throw new IllegalStateException("the fixture should describe 2 shards on every path");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }

    @Benchmark
    public TenantDescription sdk() {
        return storcon.tenant(TENANT).describe();
    }

    @Benchmark
    public JsonNode rawTree() throws IOException {
        return rawMapper.readTree(rawBody(rawClient));
    }

    @Benchmark
    public Map<?, ?> rawMap() throws IOException {
        return rawMapper.readValue(rawBody(rawMapClient), Map.class);
    }

    private byte[] rawBody(HttpClient client) throws IOException {
        return rawBody(client, rawRequest);
    }

    /** What a raw client sends for a describe of {@code tenant}: {@code GET /control/v1/tenant/{tenant_id}} with the token. */
    static HttpRequest rawRequest(String base, TenantId tenant) {
        return HttpRequest.newBuilder(URI.create(base + "/control/v1/tenant/" + tenant))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/json").GET().build();
    }

    /** What a raw client does with an answer: the body of a 200, or an {@link IOException} naming the status. */
    static byte[] rawBody(HttpClient client, HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("status " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
