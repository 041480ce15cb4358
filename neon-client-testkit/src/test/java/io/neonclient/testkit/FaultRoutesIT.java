package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fault table over HTTP ({@code /testkit/v1/faults}) and as jar flags ({@code --fault}), as a script or a test
 * in another language uses it: add a rule, see it bite, list it, clear it.
 */
@NeonCluster(pageservers = 2)
class FaultRoutesIT {

    @Test
    void aRuleAddedOverHttp_failsThePageserversRequests_isListed_andCleared(NeonTestCluster cluster) {
        RawHttp control = RawHttp.storcon(cluster.storageController(), null);
        // Not the recording pageserver client: the injected 503s are not in the OpenAPI document, on purpose.
        RawHttp pageserver = RawHttp.storcon(cluster.pageserver(1), null);
        RawHttp.Resp added = control.post("/testkit/v1/faults",
                "{\"component\": \"pageserver\", \"method\": \"get\", \"path\": \"/v1/location_config\", \"fault\": \"unavailable:2\"}");
        assertEquals(201, added.status(), added.body());
        assertEquals("GET", added.json().path("method").asText());
        assertEquals("unavailable:2", added.json().path("fault").asText());

        assertEquals(503, pageserver.get("/v1/location_config").status());
        RawHttp.Resp listed = control.get("/testkit/v1/faults");
        assertEquals(1, listed.json().path("faults").get(0).path("remaining").asInt(), listed.body());
        assertEquals(503, pageserver.get("/v1/location_config").status());
        assertEquals(200, pageserver.get("/v1/location_config").status(), "a burst of 2 is spent");

        control.post("/testkit/v1/faults", "{\"component\": \"pageserver\", \"path\": \"/v1/**\", \"fault\": \"unavailable:1.0\"}");
        assertEquals(503, pageserver.get("/v1/location_config").status());
        assertEquals("null", control.delete("/testkit/v1/faults").body());
        assertEquals(200, pageserver.get("/v1/location_config").status());
        assertEquals(0, control.get("/testkit/v1/faults").json().path("faults").size());
    }

    @Test
    void badRules_areRefusedNamingWhatWasExpected(NeonTestCluster cluster) {
        RawHttp control = RawHttp.storcon(cluster.storageController(), null);
        RawHttp.Resp noPath = control.post("/testkit/v1/faults", "{\"component\": \"pageserver\", \"fault\": \"drop:1\"}");
        assertEquals(400, noPath.status());
        assertTrue(noPath.msg().contains("'path'"), noPath.msg());
        RawHttp.Resp badKind = control.post("/testkit/v1/faults", "{\"component\": \"pageserver\", \"path\": \"/v1/**\", \"fault\": \"explode:1\"}");
        assertEquals(400, badKind.status());
        assertTrue(badKind.msg().contains("latency:MIN..MAX"), badKind.msg());
        RawHttp.Resp badComponent = control.post("/testkit/v1/faults", "{\"component\": \"proxy\", \"path\": \"/\", \"fault\": \"drop:1\"}");
        assertEquals(400, badComponent.status());
        assertTrue(badComponent.msg().contains("storage_controller, pageserver, safekeeper or compute"), badComponent.msg());
        assertEquals(404, control.post("/testkit/v1/faults/stuck_reconcile/" + TenantShardId.unsharded(TenantId.generate()), null).status());
    }

    @Test
    void stepDownOverHttp_leavesTheTestkitRoutesReachable_soItCanBeEnded(NeonTestCluster cluster) {
        RawHttp control = RawHttp.storcon(cluster.storageController(), null);
        assertEquals(200, control.post("/testkit/v1/faults/step_down", null).status());
        assertEquals(503, control.get("/control/v1/node").status());
        assertTrue(control.get("/testkit/v1/faults").json().path("stepped_down").asBoolean());
        assertEquals(200, control.delete("/testkit/v1/faults").status());
        assertEquals(200, control.get("/control/v1/node").status());
    }

    @Test
    void stuckReconcileOverHttp_isListedUntilCleared(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 1);
        String shard = TenantShardId.unsharded(tenant).toString();
        assertEquals(200, s.storcon.post("/testkit/v1/faults/stuck_reconcile/" + shard, null).status());
        assertEquals(shard, s.storcon.get("/testkit/v1/faults").json().path("stuck_reconciles").get(0).asText());
        s.storcon.delete("/testkit/v1/faults");
        assertEquals(0, s.storcon.get("/testkit/v1/faults").json().path("stuck_reconciles").size());
    }

    @Test
    void faultText_parsesWhatItPrints_andTheJarFlagAddsARule() {
        for (Fault f : new Fault[] {Fault.latency(Duration.ofMillis(50), Duration.ofMillis(200)), Fault.unavailable(3),
                Fault.unavailable(0.25), Fault.dropConnection(1)}) {
            assertEquals(f, Fault.parse(f.spec()));
        }
        assertEquals(Fault.latency(Duration.ofSeconds(1), Duration.ofSeconds(1)), Fault.parse("latency:1s"));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("unavailable:"));
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).build().start()) {
            Main.addFault(cluster, "storage_controller GET /control/v1/node unavailable:1");
            RawHttp control = RawHttp.storcon(cluster.storageController(), null);
            assertEquals(503, control.get("/control/v1/node").status());
            assertEquals(200, control.get("/control/v1/node").status());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Main.addFault(cluster, "pageserver /v1/** drop:1"));
            assertTrue(e.getMessage().contains("4 words"), e.getMessage());
        }
    }
}
