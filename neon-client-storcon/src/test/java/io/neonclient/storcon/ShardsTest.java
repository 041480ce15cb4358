package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShardsTest extends WireMockTestBase {
    static final String DESCRIBE = "/control/v1/tenant/5187ddbeeda5e7bf3a699a26009f434c";
    static final String MIGRATE = "/control/v1/tenant/" + SHARD0 + "/migrate";
    static final String ATTACHED_1 = "{\"Attached\":1}";

    static String withShard0(Integer attached, String lastError, boolean reconciling) {
        return Describe.tenant(TENANT.toString(), ATTACHED_1, Describe.shard(SHARD0, attached, List.of(), lastError, reconciling),
                Describe.shard(SHARD1, 2, List.of(), "", false));
    }

    @Test
    void migrateTo_sendsFixtureBody_withAdminScope() {
        server.stubFor(put(MIGRATE).willReturn(fixtureResponse(200, "storcon.shard_migrate.response.json")));
        ShardMigration m = storcon.shard(SHARD0).migrateTo(NodeId.of(2), NodeId.of(1), MigrationConfig.defaults().withOverrideScheduler(true));
        assertRequest(onlyRequest(), "PUT", MIGRATE, Scope.ADMIN);
        assertBodyIsFixture(onlyRequest(), "storcon.shard_migrate.request.json");
        assertEquals(NodeId.of(2), m.target());
        assertEquals(SHARD0, m.shardId());
    }

    @Test
    void migrateTo_withOrigin_whoseAnswerWasLost_readsTheIntentInsteadOfResending() {
        // The first PUT applied (the intent moved to node 2) but its answer was a 503: a blind repeat would get 412.
        server.stubFor(put(MIGRATE).willReturn(error(503, "timed out waiting for reconcile")));
        server.stubFor(get(DESCRIBE).willReturn(json(200, withShard0(2, "", true))));
        storcon.shard(SHARD0).migrateTo(NodeId.of(2), NodeId.of(1), MigrationConfig.defaults());
        List<String> sent = requests().stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
        assertEquals(List.of("PUT " + MIGRATE, "GET " + DESCRIBE), sent);
    }

    @Test
    void migrateTo_withOrigin_resendsOnlyWhileTheShardIsStillOnTheOrigin() {
        server.stubFor(put(MIGRATE).willReturn(error(503, "not yet")));
        server.stubFor(get(DESCRIBE).willReturn(json(200, withShard0(1, "", false))));
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> storcon.shard(SHARD0).migrateTo(NodeId.of(2), NodeId.of(1), MigrationConfig.defaults()));
        assertEquals(503, e.status());
        long puts = requests().stream().filter(r -> r.getMethod().getName().equals("PUT")).count();
        assertEquals(4, puts, "resent up to the retry policy's 4 attempts while still on the origin");
    }

    @Test
    void migrateTo_withOrigin_movedElsewhereMeanwhile_isNotResent() {
        server.stubFor(put(MIGRATE).willReturn(error(503, "not yet")));
        server.stubFor(get(DESCRIBE).willReturn(json(200, withShard0(3, "", false))));
        assertThrows(UnavailableException.class, () -> storcon.shard(SHARD0).migrateTo(NodeId.of(2), NodeId.of(1), MigrationConfig.defaults()));
        assertEquals(1, requests().stream().filter(r -> r.getMethod().getName().equals("PUT")).count());
    }

    @Test
    void migrateTo_defaults_sendsPrewarmTrueAndNoOrigin() {
        server.stubFor(put(MIGRATE).willReturn(json(200, "{}")));
        storcon.shard(SHARD0).migrateTo(NodeId.of(1));
        LoggedRequestAssert.body(onlyRequest(), "{\"node_id\":1,\"origin_node_id\":null,\"migration_config\":{\"override_scheduler\":false,"
                + "\"prewarm\":true,\"secondary_warmup_timeout\":null,\"secondary_download_request_timeout\":null}}");
    }

    @Test
    void migrateTo_timeoutsAreHumantimeStrings() {
        server.stubFor(put(MIGRATE).willReturn(json(200, "{}")));
        storcon.shard(SHARD0).migrateTo(NodeId.of(1), MigrationConfig.defaults().withPrewarm(false)
                .withSecondaryWarmupTimeout(Duration.ofMinutes(5)).withSecondaryDownloadRequestTimeout(Duration.ofSeconds(20)));
        LoggedRequestAssert.body(onlyRequest(), "{\"node_id\":1,\"origin_node_id\":null,\"migration_config\":{\"override_scheduler\":false,"
                + "\"prewarm\":false,\"secondary_warmup_timeout\":\"5m\",\"secondary_download_request_timeout\":\"20s\"}}");
    }

    @Test
    void migrateTo_unshardedTenant_usesBareId() {
        TenantShardId bare = TenantShardId.unsharded(UNSHARDED);
        server.stubFor(put("/control/v1/tenant/" + UNSHARDED + "/migrate").willReturn(json(200, "{}")));
        storcon.shard(bare).migrateTo(NodeId.of(1));
        assertRequest(onlyRequest(), "PUT", "/control/v1/tenant/" + UNSHARDED + "/migrate", Scope.ADMIN);
    }

    @Test
    void migrateTo_errors() {
        server.stubFor(put(MIGRATE).willReturn(error(412, "Precondition failed: Migration to a worse-scoring node")));
        assertThrows(PreconditionFailedException.class, () -> storcon.shard(SHARD0).migrateTo(NodeId.of(2)));
        server.stubFor(put(MIGRATE).willReturn(error(404, "NotFound: Tenant shard not found")));
        assertThrows(NotFoundException.class, () -> storcon.shard(SHARD0).migrateTo(NodeId.of(2)));
    }

    @Test
    void migrateTo_immediateTimeout408_isUnavailable() {
        server.stubFor(put(MIGRATE).willReturn(error(408, "Timeout waiting for shard")));
        assertThrows(UnavailableException.class, () -> storcon.shard(SHARD0).migrateTo(NodeId.of(2), MigrationConfig.defaults().withPrewarm(false)));
    }

    @Test
    void migrateTo_badInput_rejectedBeforeSending() {
        assertThrows(NullPointerException.class, () -> storcon.shard(SHARD0).migrateTo(null));
        assertThrows(NullPointerException.class, () -> storcon.shard(SHARD0).migrateTo(NodeId.of(1), null));
        assertThrows(IllegalArgumentException.class, () -> MigrationConfig.defaults().withSecondaryWarmupTimeout(Duration.ZERO));
        assertNothingSent();
    }

    @Test
    void migration_await_pendingThenDone() {
        server.stubFor(put(MIGRATE).willReturn(json(200, "{}")));
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, withShard0(1, "", false)),
                json(200, withShard0(2, "", true)),
                json(200, withShard0(2, "", false))));
        ShardDescription s = storcon.shard(SHARD0).migrateTo(NodeId.of(2)).await(Duration.ofMinutes(5));
        assertEquals(Optional.of(NodeId.of(2)), s.attachedNode());
        assertEquals(SHARD0, s.id());
        assertEquals(4, requests().size());
        assertRequest(requests().get(1), "GET", DESCRIBE, Scope.SCRUBBER);
    }

    @Test
    void migration_await_failsFastOnLastError() {
        server.stubFor(put(MIGRATE).willReturn(json(200, "{}")));
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, withShard0(1, "", true)),
                json(200, withShard0(2, "Reconciliation error: notify-attach failed", true))));
        WaitFailedException e = assertThrows(WaitFailedException.class,
                () -> storcon.shard(SHARD0).migrateTo(NodeId.of(2)).await(Duration.ofMinutes(5)));
        assertTrue(e.reason().contains("notify-attach failed"), e.reason());
        assertEquals("Reconciliation error: notify-attach failed", e.lastState(ShardDescription.class).orElseThrow().lastError());
        assertEquals(3, requests().size());
    }

    @Test
    void migration_await_timeoutCarriesLastShard() {
        server.stubFor(put(MIGRATE).willReturn(json(200, "{}")));
        server.stubFor(get(DESCRIBE).willReturn(json(200, withShard0(1, "", false))));
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> storcon.shard(SHARD0).migrateTo(NodeId.of(2)).await(Duration.ofMillis(30)));
        ShardDescription last = e.lastState(ShardDescription.class).orElseThrow();
        assertEquals(Optional.of(NodeId.of(1)), last.attachedNode());
        assertTrue(e.getMessage().contains("attached on node 2"), e.getMessage());
    }

    @Test
    void migration_await_failsWhenShardDisappears() {
        server.stubFor(put(MIGRATE).willReturn(json(200, "{}")));
        server.stubFor(get(DESCRIBE).willReturn(json(200, Describe.tenant(TENANT.toString(), ATTACHED_1,
                Describe.shard(TenantShardId.parse(TENANT + "-0004"), 1, List.of(), "", false)))));
        assertThrows(WaitFailedException.class, () -> storcon.shard(SHARD0).migrateTo(NodeId.of(2)).await(Duration.ofSeconds(5)));
    }

    @Test
    void migration_await_toleratesTransient503WhileWaiting() {
        server.stubFor(put(MIGRATE).willReturn(json(200, "{}")));
        StorageControllerClient noRetry = storcon.toBuilder().configure(c -> c.withRetryPolicy(io.neonclient.core.RetryPolicy.none())).build();
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(error(503, "Current leadership status is candidate"),
                json(200, withShard0(2, "", false))));
        assertEquals(Optional.of(NodeId.of(2)), noRetry.shard(SHARD0).migrateTo(NodeId.of(2)).await(Duration.ofSeconds(5)).attachedNode());
    }

    @Test
    void migrateSecondaryTo_sendsSameBodyShape() {
        server.stubFor(put("/control/v1/tenant/" + SHARD0 + "/migrate_secondary").willReturn(json(200, "{}")));
        storcon.shard(SHARD0).migrateSecondaryTo(NodeId.of(3));
        assertRequest(onlyRequest(), "PUT", "/control/v1/tenant/" + SHARD0 + "/migrate_secondary", Scope.ADMIN);
        LoggedRequestAssert.body(onlyRequest(), "{\"node_id\":3,\"origin_node_id\":null,\"migration_config\":{\"override_scheduler\":false,"
                + "\"prewarm\":true,\"secondary_warmup_timeout\":null,\"secondary_download_request_timeout\":null}}");
    }

    @Test
    void cancelReconcile_put_withAdminScope() {
        server.stubFor(put("/control/v1/tenant/" + SHARD1 + "/cancel_reconcile").willReturn(nullBody(200)));
        storcon.shard(SHARD1).cancelReconcile();
        assertRequest(onlyRequest(), "PUT", "/control/v1/tenant/" + SHARD1 + "/cancel_reconcile", Scope.ADMIN);
        assertEquals("", onlyRequest().getBodyAsString());
    }

    @Test
    void updatePreferredAz_sendsOneEntry() {
        server.stubFor(put("/control/v1/preferred_azs").willReturn(json(200, "{\"updated\":[\"" + SHARD0 + "\"]}")));
        assertTrue(storcon.shard(SHARD0).updatePreferredAz("az-b"));
        LoggedRequestAssert.body(onlyRequest(), "{\"" + SHARD0 + "\":\"az-b\"}");
    }
}
