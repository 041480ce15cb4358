package io.neonclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neonclient.core.ClientConfig;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a client does around {@code HttpClient.send}, with the network and the server taken out: the same paths as
 * {@link PublicDescribeBenchmark}, each sending through a {@link CannedHttpClient} that answers at once with
 * {@code storcon.tenant_describe.response.json}. {@code sdk} is {@code storcon.tenant(t).describe()} (path template,
 * URI, headers and token, retry wrapper, deadline, status mapping, decoded records); {@code rawTree} and
 * {@code rawMap} reuse one prebuilt request and read the body into a {@link JsonNode} tree or a {@code Map};
 * {@code rawTreeBuilt} builds its request from the tenant id on every call, as a hand-written {@code describe(t)}
 * must. On loopback a call takes ~200 µs, so the difference here, divided by that, is the SDK's share of a real call.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ClientOverheadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientOverheadBenchmark {
    static final String BASE = "http://127.0.0.1:1234";

    StorageControllerClient storcon;
    HttpClient rawClient;
    ObjectMapper rawMapper;
    HttpRequest rawRequest;

    @Setup
    public void start() {
        byte[] body;
        try (InputStream in = ClientOverheadBenchmark.class.getResourceAsStream("/storcon.tenant_describe.response.json")) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storcon = StorageControllerClient.builder().baseUri(BASE)
                .config(ClientConfig.defaults().withBearerToken(PublicDescribeBenchmark.TOKEN).withHttpClient(new CannedHttpClient(body)))
                .build();
        rawClient = new CannedHttpClient(body);
        rawMapper = new ObjectMapper();
        rawRequest = PublicDescribeBenchmark.rawRequest(BASE, PublicDescribeBenchmark.TENANT);
        try {
            if (sdk().shards().size() != 2 || rawTree().path("shards").size() != 2 || ((List<?>) rawMap().get("shards")).size() != 2
                    || rawTreeBuilt().path("shards").size() != 2) {
                throw new IllegalStateException("the fixture should describe 2 shards on every path");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public TenantDescription sdk() {
        return storcon.tenant(PublicDescribeBenchmark.TENANT).describe();
    }

    @Benchmark
    public JsonNode rawTree() throws IOException {
        return rawMapper.readTree(body(rawRequest));
    }

    @Benchmark
    public Map<?, ?> rawMap() throws IOException {
        return rawMapper.readValue(body(rawRequest), Map.class);
    }

    @Benchmark
    public JsonNode rawTreeBuilt() throws IOException {
        return rawMapper.readTree(body(PublicDescribeBenchmark.rawRequest(BASE, PublicDescribeBenchmark.TENANT)));
    }

    private byte[] body(HttpRequest request) throws IOException {
        return PublicDescribeBenchmark.rawBody(rawClient, request);
    }
}
