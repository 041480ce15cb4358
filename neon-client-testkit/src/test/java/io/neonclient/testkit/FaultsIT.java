package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Injected faults: 503 bursts, dropped connections, stuck reconciles, leader step-down, pageserver faults seen through the controller. */
@NeonCluster(pageservers = 2)
class FaultsIT {

    @Test
    void unavailableBurst_thenPasses_andDroppedConnectionHasNoAnswer(NeonTestCluster cluster) {
        RawHttp storcon = RawHttp.storcon(cluster.storageController(), null);
        cluster.inject(Component.STORAGE_CONTROLLER, "GET", "/control/v1/node", Fault.unavailable(2));
        assertEquals(503, storcon.get("/control/v1/node").status());
        assertEquals(503, storcon.get("/control/v1/node/").status());
        assertEquals(200, storcon.get("/control/v1/node").status());
        // java.net.http retries an idempotent GET once on a closed connection, so drop a POST.
        cluster.inject(Component.STORAGE_CONTROLLER, "*", "/control/v1/**", Fault.dropConnection(1));
        assertThrows(UncheckedIOException.class, () -> storcon.post("/control/v1/node", "{}"));
        assertEquals(400, storcon.post("/control/v1/node", "{}").status());
        cluster.inject(Component.STORAGE_CONTROLLER, "GET", "/status", Fault.latency(Duration.ofMillis(1), Duration.ofMillis(3)));
        assertEquals(200, storcon.get("/status").status());
    }

    @Test
    void stuckReconcile_staysReconcilingUntilCancelled(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 1);
        cluster.stickReconcile(TenantShardId.unsharded(tenant));
        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": {\"Attached\": 0}}").status());
        Await.until("reconciling", () -> s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0),
                sh -> sh.path("is_reconciling").asBoolean());
        assertEquals("null", s.storcon.put("/control/v1/tenant/" + tenant + "/cancel_reconcile", null).body());
        Await.until("not reconciling", () -> s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0),
                sh -> !sh.path("is_reconciling").asBoolean());
    }

    @Test
    void stepDown_answers503ExceptHealth(NeonTestCluster cluster) {
        RawHttp storcon = RawHttp.storcon(cluster.storageController(), null);
        cluster.stepDown();
        RawHttp.Resp r = storcon.get("/control/v1/node");
        assertEquals(503, r.status());
        assertEquals("Leader is stepped down instance", r.msg());
        assertEquals(200, storcon.get("/status").status());
        cluster.resumeLeadership();
        assertEquals(200, storcon.get("/control/v1/node").status());
    }

    @Test
    void pageserverFault_isPassedThroughTheController(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        cluster.inject(Component.PAGESERVER, "POST", "/v1/tenant/*/timeline", Fault.unavailable(1));
        RawHttp.Resp first = s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + io.neonclient.core.TimelineId.generate() + "\"}");
        assertEquals(503, first.status());
        assertTrue(first.msg().contains("Injected fault"), first.body());
        assertEquals(201, s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + io.neonclient.core.TimelineId.generate() + "\"}").status());
    }
}
