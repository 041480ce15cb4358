package io.neonclient.compute;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.neonclient.contract.Fixtures;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.Awaitable;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitTimeoutException;
import io.neonclient.core.internal.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComputeClientTest extends ComputeTestBase {
    static String status(String status, String error) {
        return Fixtures.load("compute.status.response.json").replace("\"status\": \"running\"", "\"status\": \"" + status + "\"")
                .replace("\"error\": null", "\"error\": " + (error == null ? "null" : "\"" + error + "\""));
    }

    @Test
    void status_decodesFixture() {
        server.stubFor(get("/status").willReturn(okJson(Fixtures.load("compute.status.response.json"))));
        ComputeState s = compute.status();
        assertEquals(ComputeStatus.RUNNING, s.status());
        assertEquals(Optional.of(TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c")), s.tenantId());
        assertEquals(Instant.parse("2025-06-01T10:05:00Z"), s.lastActive().orElseThrow());
        assertEquals(Optional.empty(), s.error());
        server.verify(getRequestedFor(urlEqualTo("/status")).withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void status_readsEverySnakeCaseStateAndUnknownOnes() {
        String[] wire = {"empty", "configuration_pending", "init", "running", "configuration", "failed", "termination_pending_fast",
                "termination_pending_immediate", "terminated", "refresh_configuration_pending", "refresh_configuration"};
        for (int i = 0; i < wire.length; i++) {
            assertEquals(ComputeStatus.Known.values()[i], Json.decode("\"" + wire[i] + "\"", ComputeStatus.class));
        }
        assertEquals(new ComputeStatus.Unknown("hibernating"), Json.decode("\"hibernating\"", ComputeStatus.class));
    }

    @Test
    void status_keepsTenantAndTimelineThatAreNotIds() {
        String body = Fixtures.load("compute.status.response.json")
                .replace("\"tenant\": \"5187ddbeeda5e7bf3a699a26009f434c\"", "\"tenant\": \"not-a-tenant\"");
        server.stubFor(get("/status").willReturn(okJson(body)));
        ComputeState s = compute.status();
        assertEquals(Optional.of("not-a-tenant"), s.tenant());
        assertEquals(Optional.empty(), s.tenantId());
        assertEquals(ComputeStatus.RUNNING, s.status());
    }

    @Test
    void configure_sendsSpecAndComputeCtlConfig_matchingTheFixture() {
        server.stubFor(post("/configure").willReturn(okJson(Fixtures.load("compute.status.response.json"))));
        String fixture = Fixtures.load("compute.configure.request.json");
        ComputeSpec spec = Json.decode(Json.encodeToString(Json.tree(fixture.getBytes()).get("spec")), ComputeSpec.class);
        ComputeState state = compute.configure(spec, ComputeCtlConfig.empty());
        assertEquals(ComputeStatus.RUNNING, state.status());
        server.verify(postRequestedFor(urlEqualTo("/configure")).withRequestBody(equalToJson(fixture)));
    }

    @Test
    void configure_withAComputeConfigFile_sendsItsSpecAndComputeCtlConfig() {
        server.stubFor(post("/configure").willReturn(okJson(Fixtures.load("compute.status.response.json"))));
        String fixture = Fixtures.load("compute.configure.request.json");
        ComputeState state = compute.configure(ComputeConfig.parse(fixture));
        assertEquals(ComputeStatus.RUNNING, state.status());
        server.verify(postRequestedFor(urlEqualTo("/configure")).withRequestBody(equalToJson(fixture)));
    }

    @Test
    void configure_withAConfigWithoutSpec_isRefusedBeforeAnyRequest() {
        var empty = new ComputeConfig(java.util.Optional.empty(), ComputeCtlConfig.empty());
        var e = assertThrows(IllegalArgumentException.class, () -> compute.configure(empty));
        assertTrue(e.getMessage().startsWith("config needs a spec"), e.getMessage());
        server.verify(0, postRequestedFor(urlEqualTo("/configure")));
    }

    @Test
    void configure_whenBusy_throwsPreconditionFailedWithComputeError() {
        server.stubFor(post("/configure").willReturn(aResponse().withStatus(412).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid compute status: configuration\"}")));
        var spec = ComputeSpec.minimal(TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c"), null);
        var e = assertThrows(PreconditionFailedException.class, () -> compute.configure(spec, ComputeCtlConfig.empty()));
        assertEquals("invalid compute status: configuration", e.serverMessage());
        assertEquals(1, e.attempts());
    }

    @Test
    void terminate_sendsModeAndReturnsLsn() {
        server.stubFor(post(urlPathEqualTo("/terminate")).willReturn(okJson("{\"lsn\":\"0/16B5A50\"}")));
        assertEquals(Optional.of(Lsn.parse("0/16B5A50")), compute.terminate(TerminateMode.IMMEDIATE));
        server.verify(postRequestedFor(urlEqualTo("/terminate?mode=immediate")));
    }

    @Test
    void terminate_alreadyTerminated201_withNullLsn() {
        server.stubFor(post(urlPathEqualTo("/terminate")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"lsn\":null}")));
        assertEquals(Optional.empty(), compute.terminate(TerminateMode.FAST));
        server.verify(postRequestedFor(urlEqualTo("/terminate?mode=fast")));
    }

    @Test
    void running_sendsNothingUntilAwait_thenPollsThroughInitUntilRunning() {
        server.stubFor(get("/status").inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status("init", null))).willSetStateTo("up"));
        server.stubFor(get("/status").inScenario("r").whenScenarioStateIs("up").willReturn(okJson(status("running", null))));
        Awaitable<ComputeState> running = compute.running();
        assertEquals(0, server.getAllServeEvents().size());
        List<WaitProgress<?>> progress = new ArrayList<>();
        assertEquals(ComputeStatus.RUNNING, running.await(compute.config().waitPolicy(), progress::add).status());
        server.verify(2, getRequestedFor(urlEqualTo("/status")));
        assertEquals(1, progress.size());
        assertEquals(ComputeStatus.INIT, ((ComputeState) progress.get(0).state()).status());
    }

    @Test
    void running_await_failsAtOnceOnFailedWithTheComputeError() {
        server.stubFor(get("/status").willReturn(okJson(status("failed", "could not sync safekeepers"))));
        var e = assertThrows(WaitFailedException.class, () -> compute.running().await(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("could not sync safekeepers"), e.getMessage());
        assertEquals(ComputeStatus.FAILED, e.lastState(ComputeState.class).orElseThrow().status());
        server.verify(1, getRequestedFor(urlEqualTo("/status")));
    }

    @Test
    void running_await_failsAtOnceWhenTerminated_andTimesOutWithTheLastState() {
        server.stubFor(get("/status").willReturn(okJson(status("terminated", null))));
        var failed = assertThrows(WaitFailedException.class, () -> compute.running().await());
        assertTrue(failed.reason().startsWith("compute is terminating"), failed.reason());
        server.stubFor(get("/status").willReturn(okJson(status("configuration_pending", null))));
        var e = assertThrows(WaitTimeoutException.class, () -> compute.running().await(Duration.ofMillis(20)));
        assertEquals(ComputeStatus.CONFIGURATION_PENDING, e.lastState(ComputeState.class).orElseThrow().status());
    }

    @Test
    void create_toBuilder_andConfig_keepTheBaseUriAndTheSettings() {
        server.stubFor(get("/status").willReturn(okJson(status("running", null))));
        ComputeClient plain = ComputeClient.create(URI.create("http://127.0.0.1:" + server.port()));
        assertEquals(compute.baseUri(), plain.baseUri());
        assertEquals(ClientConfig.defaults(), plain.config());
        ComputeClient internal = compute.toBuilder().baseUri("http://127.0.0.1:" + server.port() + "/").build();
        assertEquals(compute.config(), internal.config());
        assertEquals(ComputeStatus.RUNNING, internal.status().status());
        server.verify(getRequestedFor(urlEqualTo("/status")).withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void refreshConfiguration_andMetrics() {
        server.stubFor(post("/refresh_configuration").willReturn(aResponse().withStatus(200)));
        server.stubFor(get("/metrics.json").willReturn(okJson("{\"wait_for_spec_ms\":1,\"sync_sk_check_ms\":2,\"sync_safekeepers_ms\":3,"
                + "\"pageserver_connect_micros\":4,\"basebackup_ms\":5,\"basebackup_bytes\":6,\"start_postgres_ms\":7,\"config_ms\":8,"
                + "\"total_startup_ms\":9,\"load_ext_ms\":10,\"num_ext_downloaded\":11,\"largest_ext_size\":12,\"total_ext_download_size\":13}")));
        compute.refreshConfiguration();
        ComputeMetrics m = compute.metrics();
        assertEquals(9, m.totalStartupMs());
        assertEquals(4, m.pageserverConnectMicros());
        server.verify(postRequestedFor(urlEqualTo("/refresh_configuration")));
    }

    @Test
    void badInput_isRejectedBeforeSending() {
        assertThrows(NullPointerException.class, () -> compute.configure(null, ComputeCtlConfig.empty()));
        assertThrows(NullPointerException.class, () -> compute.terminate(null));
        assertThrows(IllegalArgumentException.class, () -> ComputeClient.builder().build());
        assertEquals(0, server.getAllServeEvents().size());
    }
}
