package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.WaitPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock server and a client whose token differs per scope ({@code tok-<claim>}), so every test can check the
 * exact scope a call asks for; millisecond retry and wait policies so no test sleeps.
 */
abstract class WireMockTestBase {
    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");
    static final TenantShardId SHARD0 = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0002");
    static final TenantShardId SHARD1 = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0102");
    static final TenantId UNSHARDED = TenantId.parse("06dfb67646d6a12bf003bb8ac385e96d");
    static final TimelineId PARENT = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");
    static final TimelineId CHILD = TimelineId.parse("0dd025d5b5a8ca0c2f584e72764e5814");
    static final ObjectMapper PLAIN = new ObjectMapper();

    WireMockServer server;
    StorageControllerClient storcon;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Map<Scope, String> tokens = new EnumMap<>(Scope.class);
        for (Scope s : Scope.values()) {
            tokens.put(s, "tok-" + s.claim());
        }
        storcon = StorageControllerClient.builder()
                .baseUri("http://127.0.0.1:" + server.port())
                .config(ClientConfig.defaults()
                        .withTokens(TokenProvider.perScope(tokens))
                        .withRetryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).withJitter(0))
                        .withWaitPolicy(fastWait(Duration.ofSeconds(5))))
                .build();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    static WaitPolicy fastWait(Duration timeout) {
        return new WaitPolicy(timeout, Duration.ofMillis(1), Duration.ofMillis(5), 0);
    }

    static String fixture(String name) {
        try (InputStream in = WireMockTestBase.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder fixtureResponse(int status, String fixtureName) {
        return json(status, fixture(fixtureName));
    }

    static ResponseDefinitionBuilder nullBody(int status) {
        return json(status, "null");
    }

    static ResponseDefinitionBuilder error(int status, String msg) {
        return json(status, "{\"msg\":\"" + msg + "\"}");
    }

    /** Stubs {@code mapping} to answer with each response in turn, the last one repeating. */
    void stubSequence(Supplier<MappingBuilder> mapping, List<ResponseDefinitionBuilder> responses) {
        String scenario = "seq-" + System.nanoTime();
        for (int i = 0; i < responses.size(); i++) {
            String state = i == 0 ? Scenario.STARTED : "s" + i;
            ScenarioMappingBuilder m = mapping.get().inScenario(scenario).whenScenarioStateIs(state).willReturn(responses.get(i));
            if (i + 1 < responses.size()) {
                m = m.willSetStateTo("s" + (i + 1));
            }
            server.stubFor(m);
        }
    }

    /** Every request received, oldest first. */
    List<LoggedRequest> requests() {
        List<LoggedRequest> all = new ArrayList<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            all.add(0, e.getRequest());
        }
        return all;
    }

    /** The one request received; fails when there were several or none. */
    LoggedRequest onlyRequest() {
        List<LoggedRequest> all = requests();
        assertEquals(1, all.size(), () -> "expected exactly one request, got " + all.stream().map(r -> r.getMethod() + " " + r.getUrl()).toList());
        return all.get(0);
    }

    /** Checks method, raw path and query, and the bearer token of {@code scope} (or none). */
    static void assertRequest(LoggedRequest r, String method, String url, Scope scope) {
        assertEquals(method, r.getMethod().getName(), "method");
        assertEquals(url, r.getUrl(), "path and query");
        String auth = r.getHeader("Authorization");
        if (scope == null) {
            assertEquals(null, auth, "no token expected");
        } else {
            assertEquals("Bearer tok-" + scope.claim(), auth, "scope of the token");
        }
    }

    /** JSON equality of the request body with a fixture (key order ignored, nulls significant). */
    static void assertBodyIsFixture(LoggedRequest r, String fixtureName) {
        assertJsonEquals(fixture(fixtureName), r.getBodyAsString());
    }

    static void assertJsonEquals(String expected, String actual) {
        try {
            JsonNode e = PLAIN.readTree(expected);
            JsonNode a = PLAIN.readTree(actual);
            assertEquals(e, a, () -> "JSON differs.\nexpected: " + e + "\nactual:   " + a);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void assertNothingSent() {
        assertTrue(server.getAllServeEvents().isEmpty(), () -> "expected no request, got " + requests().size());
    }
}
