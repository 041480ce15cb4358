package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import org.junit.jupiter.api.Test;

/** Fail-over on pageserver stop, restart with warm secondaries, migrate back (graceful and immediate). */
@NeonCluster(pageservers = 2)
class FailoverIT {

    @Test
    void stoppedPageserver_goesOffline_shardsFailOver_restartWarmsSecondaries_migrateBack(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(2, 1);
        TimelineId timeline = s.createTimeline(tenant);
        JsonNode before = s.storcon.get("/control/v1/tenant/" + tenant).json();
        String shardOn1 = null;
        for (JsonNode shard : before.path("shards")) {
            if (shard.path("node_attached").asLong() == 1) {
                shardOn1 = shard.path("tenant_shard_id").asText();
            }
        }
        assertTrue(shardOn1 != null, "the scheduler spreads 2 shards over 2 nodes: " + before);
        int generationBefore = s.pageserver(1).get("/v1/location_config/" + shardOn1).json().path("generation").asInt();

        cluster.stopPageserver(1);
        s.awaitNode(1, "Offline", "Active");
        JsonNode failedOver = Await.until("all shards attached to node 2", () -> s.storcon.get("/control/v1/tenant/" + tenant).json(), d -> {
            for (JsonNode shard : d.path("shards")) {
                if (shard.path("node_attached").asLong() != 2 || shard.path("is_reconciling").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
        for (JsonNode shard : failedOver.path("shards")) {
            assertEquals(1, shard.path("node_secondary").get(0).asLong(), "the offline node keeps a secondary: " + shard);
        }
        assertEquals(200, s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + timeline).status());

        cluster.startPageserver(1);
        s.awaitNode(1, "Active", "Active");
        RawHttp.Resp warm = Await.until("secondaries warm", () -> s.storcon.post("/v1/tenant/" + tenant + "/secondary/download?wait_ms=100", ""),
                r -> r.status() == 200);
        Shapes.assertShape("storcon.secondary_download.response.json", warm.json());
        assertEquals(warm.json().path("layers_total").asLong(), warm.json().path("layers_downloaded").asLong());

        RawHttp.Resp migrate = s.storcon.put("/control/v1/tenant/" + shardOn1 + "/migrate", "{\"node_id\": 1}");
        assertEquals(200, migrate.status(), migrate.body());
        assertEquals("{}", migrate.body());
        String migrated = shardOn1;
        Await.until("shard back on node 1", () -> s.storcon.get("/control/v1/tenant/" + tenant).json(), d -> {
            for (JsonNode shard : d.path("shards")) {
                if (shard.path("tenant_shard_id").asText().equals(migrated)) {
                    return shard.path("node_attached").asLong() == 1 && !shard.path("is_reconciling").asBoolean();
                }
            }
            return false;
        });
        JsonNode location = s.pageserver(1).get("/v1/location_config/" + shardOn1).json();
        assertEquals("AttachedSingle", location.path("mode").asText());
        assertTrue(location.path("generation").asInt() > generationBefore, "attach bumps the generation: " + location);
    }

    @Test
    void migrate_toUnavailableNode_needsOverride_andImmediateMigrationIsSynchronous(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 1);
        long attached = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0).path("node_attached").asLong();
        long other = attached == 1 ? 2 : 1;

        RawHttp.Resp now = s.storcon.put("/control/v1/tenant/" + tenant + "/migrate",
                "{\"node_id\": " + other + ", \"migration_config\": {\"prewarm\": false}}");
        assertEquals(200, now.status(), now.body());
        JsonNode shard = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0);
        assertEquals(other, shard.path("node_attached").asLong());
        assertEquals(attached, shard.path("node_secondary").get(0).asLong());
        assertTrue(s.pageserver(other).get("/v1/location_config/" + tenant).json().path("mode").asText().startsWith("Attached"));

        cluster.stopPageserver(attached);
        s.awaitNode(attached, "Offline", "Active");
        RawHttp.Resp refused = s.storcon.put("/control/v1/tenant/" + tenant + "/migrate", "{\"node_id\": " + attached + "}");
        assertEquals(412, refused.status());
        assertEquals("Precondition failed: Node " + attached + " (127.0.0.1) is unavailable", refused.msg());
        assertEquals(400, s.storcon.put("/control/v1/tenant/" + tenant + "/migrate", "{\"node_id\": 9}").status());
        assertEquals(404, s.storcon.put("/control/v1/tenant/" + TenantId.generate() + "/migrate", "{\"node_id\": " + other + "}").status());
        RawHttp.Resp overridden = s.storcon.put("/control/v1/tenant/" + tenant + "/migrate",
                "{\"node_id\": " + attached + ", \"migration_config\": {\"override_scheduler\": true}}");
        assertEquals(200, overridden.status(), overridden.body());
    }
}
