package io.neonclient.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * GET and decode of {@code storcon.tenant_describe.response.json} from a server in its own JVM on loopback, through
 * the SDK's transport and codec ({@code sdk}) and through a raw {@code HttpClient} + {@code ObjectMapper}
 * ({@code raw}) decoding the same record type, in the same run. The SDK path adds the token lookup, the
 * Resilience4j retry wrapper, the body cap and status mapping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TenantDescribeBenchmark {

    /** The controller's TenantDescribeResponse shard, as decoded for this benchmark. */
    public record Shard(TenantShardId tenantShardId, Optional<NodeId> nodeAttached, List<NodeId> nodeSecondary, String lastError,
                        boolean isReconciling, boolean isPendingComputeNotification, boolean isSplitting, boolean isImporting,
                        String schedulingPolicy, Optional<String> preferredAzId) {}

    /** The controller's TenantDescribeResponse. */
    public record Description(TenantId tenantId, List<Shard> shards, StripeSize stripeSize, PlacementPolicy policy,
                              Map<String, Object> config) {}

    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");

    FixtureServer server;
    HttpTransport transport;
    Json.Reader<Description> reader;
    HttpClient rawClient;
    ObjectMapper rawMapper;
    HttpRequest rawRequest;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = FixtureServer.inOwnProcess("/storcon.tenant_describe.response.json");
        String base = server.baseUri();

        transport = new HttpTransport(new ClientSettings("storage controller", URI.create(base),
                ClientConfig.defaults().withBearerToken("benchmark-token").withRetryPolicy(RetryPolicy.defaults())));
        reader = Json.reader(Description.class);

        rawClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        rawMapper = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).addModule(new Jdk8Module()).build();
        rawRequest = HttpRequest.newBuilder(URI.create(base + "/control/v1/tenant/" + TENANT))
                .header("Authorization", "Bearer benchmark-token").header("Accept", "application/json").GET().build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }

    @Benchmark
    public Description sdk() {
        return transport.call(Request.get("/control/v1/tenant/{tenant_id}", TENANT).scope(io.neonclient.core.Scope.SCRUBBER).build(), reader);
    }

    @Benchmark
    public Description raw() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = rawClient.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("status " + r.statusCode());
        }
        return rawMapper.readValue(r.body(), Description.class);
    }
}
