package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** AZ-aware scoring, migrate_secondary, legacy node delete, and the slow timeline delete's 409. */
class SchedulingIT {

    @Test
    void migrate_toWorseScoringAz_needsOverride_andMigrateSecondaryMovesTheSecondary() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).build().start()) {
            Scenario s = new Scenario(cluster);
            for (long id = 1; id <= 3; id++) {
                String body = s.registerBody(id).replace("\"az-a\"", id == 3 ? "\"az-b\"" : "\"az-a\"");
                assertEquals(200, s.storcon.post("/control/v1/node", body).status());
                s.awaitNode(id, "Active", "Active");
            }
            TenantId tenant = s.createTenant(0, 1);
            JsonNode shard = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0);
            assertEquals("az-a", shard.path("preferred_az_id").asText());
            RawHttp.Resp worse = s.storcon.put("/control/v1/tenant/" + tenant + "/migrate", "{\"node_id\": 3}");
            assertEquals(412, worse.status());
            assertEquals("Precondition failed: Migration to a worse-scoring node", worse.msg());
            assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/migrate",
                    "{\"node_id\": 3, \"migration_config\": {\"override_scheduler\": true, \"prewarm\": false}}").status());
            assertEquals(3, s.awaitIdle(tenant).path("shards").get(0).path("node_attached").asLong());

            long freeNode = 6 - 3 - s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0).path("node_secondary").get(0).asLong();
            RawHttp.Resp moved = s.storcon.put("/control/v1/tenant/" + tenant + "/migrate_secondary", "{\"node_id\": " + freeNode + "}");
            assertEquals(200, moved.status(), moved.body());
            JsonNode after = s.awaitIdle(tenant).path("shards").get(0);
            assertEquals(freeNode, after.path("node_secondary").get(0).asLong());
            assertEquals("Secondary", s.pageserver(freeNode).get("/v1/location_config/" + tenant).json().path("mode").asText());
        }
    }

    @Test
    void legacyNodeDelete_reschedulesSynchronouslyAndTombstones() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).build().start()) {
            Scenario s = new Scenario(cluster);
            s.registerNodes();
            TenantId tenant = s.createTenant(2, 0);
            assertEquals("null", s.storcon.delete("/control/v1/node/1").body());
            assertEquals(404, s.storcon.get("/control/v1/node/1").status());
            for (JsonNode shard : s.awaitIdle(tenant).path("shards")) {
                assertEquals(2, shard.path("node_attached").asLong());
            }
            assertEquals(200, s.storcon.delete("/control/v1/node/1").status(), "an unknown node counts as a retry");
            assertEquals(1, s.storcon.get("/debug/v1/tombstone").json().size());
        }
    }

    @Test
    void timelineDelete_slowerThanTheControllersWait_is409WithNullBody() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).reconcileLatency(Duration.ofSeconds(40)).build().start()) {
            Scenario s = new Scenario(cluster);
            s.registerNodes();
            TenantId tenant = s.createTenant(0, 0);
            TimelineId tl = s.createTimeline(tenant);
            RawHttp.Resp pending = s.storcon.delete("/v1/tenant/" + tenant + "/timeline/" + tl);
            assertEquals(409, pending.status());
            assertEquals("null", pending.body());
            RawHttp.Resp done = Await.until("timeline deleted", () -> s.storcon.delete("/v1/tenant/" + tenant + "/timeline/" + tl),
                    r -> r.status() != 409);
            assertTrue(done.status() == 200 || done.status() == 404, done.body());
            assertEquals(404, s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + tl).status());
        }
    }
}
