package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import org.junit.jupiter.api.Test;

/** Drain → PauseForRestart → restart → Active, fill, graceful delete → 404. */
@NeonCluster(pageservers = 2)
class DrainIT {

    private static long attachedTo(JsonNode describe, long node) {
        long n = 0;
        for (JsonNode shard : describe.path("shards")) {
            if (shard.path("node_attached").asLong() == node) {
                n++;
            }
        }
        return n;
    }

    @Test
    void drain_restart_fill_delete(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(2, 1);

        RawHttp.Resp drain = s.storcon.put("/control/v1/node/1/drain", null);
        assertEquals(202, drain.status(), drain.body());
        assertEquals("null", drain.body());
        s.awaitNode(1, "Active", "PauseForRestart");
        JsonNode drained = s.awaitIdle(tenant);
        assertEquals(0, attachedTo(drained, 1), drained.toString());
        RawHttp.Resp again = s.storcon.put("/control/v1/node/1/drain", null);
        assertEquals(412, again.status(), again.body());
        Shapes.assertShape("storcon.node_shards.response.json", s.storcon.get("/control/v1/node/1/shards").json());

        cluster.stopPageserver(1);
        cluster.startPageserver(1);
        s.awaitNode(1, "Active", "Active");

        assertEquals(202, s.storcon.put("/control/v1/node/1/fill", null).status());
        s.awaitNode(1, "Active", "Active");
        JsonNode filled = Await.until("a shard back on node 1", () -> s.storcon.get("/control/v1/tenant/" + tenant).json(),
                d -> attachedTo(d, 1) == 1);
        assertEquals(1, attachedTo(filled, 2));

        RawHttp.Resp delete = s.storcon.put("/control/v1/node/2/delete", null);
        assertEquals(200, delete.status(), delete.body());
        Await.until("node 2 gone", () -> s.storcon.get("/control/v1/node/2").status(), st -> st == 404);
        JsonNode after = s.awaitIdle(tenant);
        assertEquals(2, attachedTo(after, 1), after.toString());
        RawHttp.Resp reRegister = s.storcon.post("/control/v1/node", s.registerBody(2));
        assertEquals(409, reRegister.status());
        assertEquals("Conflict: Node 2 is already exists", reRegister.msg());
    }

    @Test
    void drainCancel_returnsToActive_andCancelWithoutDrainIs412(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        RawHttp.Resp none = s.storcon.delete("/control/v1/node/1/drain");
        assertEquals(412, none.status());
        assertEquals("Precondition failed: Node 1 has no drain in progress", none.msg());
        assertEquals(404, s.storcon.put("/control/v1/node/7/drain", null).status());
    }
}
