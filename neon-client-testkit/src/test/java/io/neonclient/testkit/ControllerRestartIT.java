package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller process going away and coming back (storage_controller/src/http.rs {@code tenant_service_handler},
 * {@code handle_ready}; service.rs {@code startup_reconcile}), and the per-tenant rate limit.
 */
class ControllerRestartIT {

    @Test
    void whileStartingUp_readyIs503_andTenantRoutesWaitThenTimeOutWith408() {
        // A start-up reconcile (300 s, 3 s here) longer than STARTUP_RECONCILE_TIMEOUT (30 s): tenant routes give up after 0.3 s.
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).startupReconcile(Duration.ofSeconds(300)).build()) {
            cluster.start();
            RawHttp storcon = RawHttp.storcon(cluster.storageController(), null);
            assertFalse(cluster.storageControllerReady());
            RawHttp.Resp ready = storcon.get("/ready");
            assertEquals(503, ready.status());
            assertEquals("null", ready.body());
            assertEquals(200, storcon.get("/status").status(), "liveness does not wait");
            assertEquals(200, storcon.get("/control/v1/node").status(), "node routes do not wait");

            RawHttp.Resp waited = storcon.get("/control/v1/tenant/" + TenantId.generate());
            assertEquals(408, waited.status(), waited.body());
            assertEquals("Timed out waiting for service readiness", waited.msg());

            Await.until("start-up reconcile done", () -> storcon.get("/ready").status(), s -> s == 200);
            assertTrue(cluster.storageControllerReady());
            assertEquals(404, storcon.get("/control/v1/tenant/" + TenantId.generate()).status());
        }
    }

    @Test
    void aStoppedController_refusesConnections_andComesBackWithItsStateAndNotifiesComputesAgain() {
        try (ControlPlaneStub controlPlane = new ControlPlaneStub();
             NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).controlPlane(controlPlane.uri(), null)
                     .startupReconcile(Duration.ofSeconds(5)).build().start()) {
            Scenario s = new Scenario(cluster);
            s.registerNodes();
            TenantId tenant = s.createTenant(0, 1);
            TimelineId timeline = s.createTimeline(tenant);
            Await.until("first notify-attach", () -> controlPlane.calls("/notify-attach").size(), n -> n >= 1);
            int before = controlPlane.calls("/notify-attach").size();

            cluster.stopStorageController();
            assertThrows(UncheckedIOException.class, () -> s.storcon.get("/status"), "connection refused");
            cluster.startStorageController();

            // Tenant routes wait for the start-up reconcile instead of failing.
            RawHttp.Resp describe = s.storcon.get("/control/v1/tenant/" + tenant);
            assertEquals(200, describe.status(), describe.body());
            assertEquals(tenant.toString(), describe.json().path("tenant_id").asText());
            assertEquals(200, s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + timeline).status());
            List<ControlPlaneStub.Call> after = Await.until("notify-attach re-sent after the restart",
                    () -> controlPlane.calls("/notify-attach"), calls -> calls.size() > before);
            assertTrue(after.get(after.size() - 1).body().contains(tenant.toString()));
            s.awaitIdle(tenant);
        }
    }

    @Test
    void aPageserverStartedWhileTheControllerIsDown_reAttachesWhenItComesBack() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).build().start()) {
            Scenario s = new Scenario(cluster);
            s.registerNodes();
            s.awaitNode(1, "Active", "Active");
            TenantId tenant = s.createTenant(0, 0);
            long generation = generation(s, tenant);

            cluster.stopStorageController();
            cluster.stopPageserver(1);
            cluster.startPageserver(1);
            assertEquals(404, s.pageserver(1).get("/v1/tenant/" + tenant).status(), "no re-attach answer yet: the tenant is not loaded");
            cluster.startStorageController();

            s.awaitNode(1, "Active", "Active");
            s.awaitIdle(tenant);
            assertTrue(generation(s, tenant) > generation, "re-attach bumped the generation");
            assertEquals(200, s.pageserver(1).get("/v1/tenant/" + tenant).status());
        }
    }

    /** The generation pageserver 1 holds the tenant's (only) shard in ({@code GET /v1/location_config}). */
    private static long generation(Scenario s, TenantId tenant) {
        for (JsonNode pair : s.pageserver(1).get("/v1/location_config").json().path("tenant_shards")) {
            if (pair.get(0).asText().equals(tenant.toString())) {
                return pair.get(1).path("generation").asLong();
            }
        }
        throw new AssertionError("pageserver 1 does not hold " + tenant);
    }

    @Test
    void theStandaloneRestartRoute_answersBeforeGoingDown() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).auth(true).build().start()) {
            RawHttp admin = RawHttp.storcon(cluster.storageController(), cluster.token(Scope.ADMIN));
            assertEquals(400, admin.post("/testkit/v1/storage_controller/restart?down_seconds=-1", "").status());
            assertEquals(202, admin.post("/testkit/v1/storage_controller/restart?down_seconds=10", "").status());
            Await.until("controller back", () -> {
                try {
                    return admin.get("/ready").status();
                } catch (UncheckedIOException down) {
                    return -1;
                }
            }, st -> st == 200);
            assertEquals(200, admin.get("/control/v1/node").status());
        }
    }

    @Test
    void overTheTenantRateLimit_requestsAreDelayedNotRefused() {
        // 2 requests per upstream second at time scale 10 = one per 50 ms with a burst of 2: the 12th request of a
        // tenant cannot start before (12 - 2) * 50 ms. Only this lower bound is asserted; an upper bound would be a
        // speed test.
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).timeScale(10).tenantRateLimit(2)
                .registerNodes(true).build().start()) {
            Scenario s = new Scenario(cluster);
            Await.until("node active", () -> s.storcon.get("/control/v1/node/1").json().path("availability").asText(),
                    "Active"::equals);
            TenantId tenant = s.createTenant(0, 0);
            long start = System.nanoTime();
            for (int i = 0; i < 12; i++) {
                assertEquals(200, s.storcon.get("/v1/tenant/" + tenant + "/config").status());
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 500, "12 requests at 20/s with a burst of 2 took " + elapsedMs + " ms");
        }
    }
}
