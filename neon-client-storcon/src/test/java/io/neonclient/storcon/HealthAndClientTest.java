package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.AuthException;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.ConflictException;
import io.neonclient.core.NeonException;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.Scope;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.WaitTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthAndClientTest extends WireMockTestBase {

    @Test
    void status_sendsGetWithoutToken() {
        server.stubFor(get("/status").willReturn(nullBody(200)));
        storcon.status();
        assertRequest(onlyRequest(), "GET", "/status", null);
    }

    @Test
    void close_refusesLaterCalls_withoutSendingThem_andTryWithResourcesClosesIt() {
        server.stubFor(get("/status").willReturn(nullBody(200)));
        StorageControllerClient used;
        try (StorageControllerClient c = StorageControllerClient.create(server.baseUrl())) {
            c.status();
            used = c;
        }
        var e = assertThrows(IllegalStateException.class, () -> used.tenant(io.neonclient.core.TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c")).describe());
        assertEquals("this storage controller client (" + server.baseUrl() + ") is closed; build a new one", e.getMessage());
        assertRequest(onlyRequest(), "GET", "/status", null);
    }

    @Test
    void ready_isTrueOn200_falseOn503WithoutRetrying() {
        server.stubFor(get("/ready").willReturn(nullBody(200)));
        assertTrue(storcon.ready());
        server.resetAll();
        server.stubFor(get("/ready").willReturn(nullBody(503)));
        assertFalse(storcon.ready());
        assertRequest(onlyRequest(), "GET", "/ready", null);
    }

    @Test
    void live_isFalseOn503() {
        server.stubFor(get("/live").willReturn(nullBody(503)));
        assertFalse(storcon.live());
        assertRequest(onlyRequest(), "GET", "/live", null);
    }

    @Test
    void leader_decodesFixture_withAdminScope() {
        server.stubFor(get("/control/v1/leader").willReturn(fixtureResponse(200, "storcon.leader.response.json")));
        Leader leader = storcon.leader().orElseThrow();
        assertEquals("http://storage-controller-0.storage.svc:1234/", leader.address());
        assertEquals(Instant.parse("2025-06-01T10:00:00.123456Z"), leader.startedAt());
        assertRequest(onlyRequest(), "GET", "/control/v1/leader", Scope.ADMIN);
    }

    @Test
    void leader_isEmptyOnNullBody() {
        server.stubFor(get("/control/v1/leader").willReturn(nullBody(200)));
        assertTrue(storcon.leader().isEmpty());
    }

    @Test
    void errors_mapToTheStatusFamily_withTheServersMsg() {
        server.stubFor(get("/control/v1/node/3").willReturn(fixtureResponse(409, "storcon.error.response.json")));
        ConflictException e = assertThrows(ConflictException.class, () -> storcon.node(io.neonclient.core.NodeId.of(3)).describe());
        assertEquals("Conflict: Shard 5187ddbeeda5e7bf3a699a26009f434c-0002 tenant has policy Detached", e.serverMessage());
        assertEquals("GET /control/v1/node/{node_id}", e.operation().toString());
    }

    @Test
    void unmatchedRoute_plainTextNotFound_isNotFoundException() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "text/plain").withBody("Not Found")));
        NotFoundException e = assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).describe());
        assertEquals("Not Found", e.serverMessage());
        assertTrue(e instanceof NeonException);
    }

    @Test
    void forbidden_isAuthException_andTokenNeverInMessage() {
        server.stubFor(get(anyUrl()).willReturn(error(403, "Forbidden: JWT authentication error")));
        AuthException e = assertThrows(AuthException.class, () -> storcon.nodes().list());
        assertFalse(e.getMessage().contains("tok-"), e.getMessage());
    }

    @Test
    void idempotentCalls_retry503_nonIdempotentDoNot() {
        stubSequence(() -> put(urlEqualTo("/control/v1/tenant/" + TENANT + "/policy")),
                List.of(error(503, "Current leadership status is candidate"), nullBody(200)));
        storcon.tenant(TENANT).updatePolicy(io.neonclient.core.PlacementPolicy.attached(1));
        assertEquals(2, requests().size());

        server.resetAll();
        server.stubFor(put("/control/v1/node/2/delete").willReturn(error(503, "node unavailable")));
        assertThrows(UnavailableException.class, () -> storcon.node(io.neonclient.core.NodeId.of(2)).delete());
        assertEquals(1, requests().size());
    }

    @Test
    void builder_requiresBaseUri_andToBuilderKeepsSettings() {
        var missing = assertThrows(IllegalArgumentException.class, () -> StorageControllerClient.builder().build());
        assertTrue(missing.getMessage().startsWith("storage controller client needs a baseUri"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StorageControllerClient.create("ftp://x"));
        StorageControllerClient copy = storcon.toBuilder().configure(c -> c.withRequestTimeout(Duration.ofSeconds(3))).build();
        assertEquals(storcon.baseUri(), copy.baseUri());
        assertEquals(Duration.ofSeconds(3), copy.config().requestTimeout());
        assertEquals(storcon.config().tokens(), copy.config().tokens());
        assertEquals(storcon.config(), storcon.toBuilder().build().config());
        StorageControllerClient viaUri = StorageControllerClient.builder().baseUri(URI.create("http://h:1234/"))
                .configure(c -> c.withBearerToken("t")).build();
        assertEquals(URI.create("http://h:1234"), viaUri.baseUri());
    }

    @Test
    void create_takesAUriOrText_withDefaultConfig() {
        StorageControllerClient fromUri = StorageControllerClient.create(URI.create("http://127.0.0.1:" + server.port() + "/"));
        StorageControllerClient fromText = StorageControllerClient.create("http://127.0.0.1:" + server.port());
        assertEquals(fromText.baseUri(), fromUri.baseUri());
        assertEquals(ClientConfig.defaults(), fromUri.config());
        server.stubFor(get("/status").willReturn(aResponse().withStatus(200)));
        fromUri.status();
        assertNull(onlyRequest().getHeader("Authorization"));
        assertEquals("baseUri", assertThrows(NullPointerException.class, () -> StorageControllerClient.create((URI) null)).getMessage());
    }

    @Test
    void bearerToken_isSentForEveryScope() {
        StorageControllerClient admin = storcon.toBuilder().configure(c -> c.withBearerToken("admin-token")).build();
        server.stubFor(get("/control/v1/node").willReturn(json(200, "[]")));
        admin.nodes().list();
        assertEquals("Bearer admin-token", onlyRequest().getHeader("Authorization"));
    }

    @Test
    void reconcileAll_returnsCount_withAdminScope() {
        server.stubFor(post("/debug/v1/reconcile_all").willReturn(json(200, "3")));
        assertEquals(3, storcon.reconcileAll());
        assertRequest(onlyRequest(), "POST", "/debug/v1/reconcile_all", Scope.ADMIN);
    }

    @Test
    void reconcileUntilIdle_loopsUntilZero() {
        stubSequence(() -> post(urlEqualTo("/debug/v1/reconcile_all")), List.of(json(200, "2"), json(200, "1"), json(200, "0")));
        storcon.reconcileUntilIdle(fastWait(Duration.ofSeconds(5)));
        assertEquals(3, requests().size());
    }

    @Test
    void reconcileUntilIdle_timesOutWithLastCount() {
        server.stubFor(post("/debug/v1/reconcile_all").willReturn(json(200, "4")));
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class, () -> storcon.reconcileUntilIdle(fastWait(Duration.ofMillis(30))));
        assertEquals(Optional.of(4), e.lastState(Integer.class));
    }

    @Test
    void consistencyCheck_postsWithAdmin_andMaps500() {
        server.stubFor(post("/debug/v1/consistency_check").willReturn(nullBody(200)));
        storcon.consistencyCheck();
        assertRequest(onlyRequest(), "POST", "/debug/v1/consistency_check", Scope.ADMIN);
        server.stubFor(post("/debug/v1/consistency_check").willReturn(error(500, "Shard mismatch")));
        assertThrows(ServerErrorException.class, () -> storcon.consistencyCheck());
    }

    @Test
    void tombstones_listAndDelete() {
        server.stubFor(get("/debug/v1/tombstone").willReturn(fixtureResponse(200, "storcon.node_list.response.json")));
        assertEquals(2, storcon.tombstones().size());
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete("/debug/v1/tombstone/2").willReturn(nullBody(200)));
        storcon.deleteTombstone(io.neonclient.core.NodeId.of(2));
        assertRequest(requests().get(1), "DELETE", "/debug/v1/tombstone/2", Scope.ADMIN);
    }

    @Test
    void preferredAzs_sendsShardMap() {
        server.stubFor(put("/control/v1/preferred_azs").willReturn(json(200, "{\"updated\":[\"" + SHARD0 + "\"]}")));
        assertEquals(List.of(SHARD0), storcon.updatePreferredAzs(java.util.Map.of(SHARD0, "az-b")));
        LoggedRequestAssert.body(onlyRequest(), "{\"" + SHARD0 + "\":\"az-b\"}");
        assertRequest(onlyRequest(), "PUT", "/control/v1/preferred_azs", Scope.ADMIN);
    }

    @Test
    void preferredAz_clearSendsNull() {
        server.stubFor(put("/control/v1/preferred_azs").willReturn(json(200, "{\"updated\":[]}")));
        assertFalse(storcon.shard(SHARD1).clearPreferredAz());
        LoggedRequestAssert.body(onlyRequest(), "{\"" + SHARD1 + "\":null}");
    }

    @Test
    void preconditionFailed_isItsOwnType() {
        server.stubFor(put("/control/v1/node/1/fill").willReturn(error(412, "Precondition failed: ongoing")));
        assertThrows(PreconditionFailedException.class, () -> storcon.node(io.neonclient.core.NodeId.of(1)).fill());
    }
}
