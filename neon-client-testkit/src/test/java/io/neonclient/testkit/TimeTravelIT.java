package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Detach → time travel → re-attach, with upstream's preconditions and strict body. */
@NeonCluster(pageservers = 2)
class TimeTravelIT {

    @Test
    void detach_timeTravel_reattach_restoresTimelineState(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(2, 1);
        TimelineId timeline = s.createTimeline(tenant);
        Lsn early = cluster.write(tenant, timeline, 4096);
        cluster.advanceClock(Duration.ofMinutes(1));
        Instant travelTo = cluster.now();
        cluster.advanceClock(Duration.ofMinutes(1));
        Lsn late = cluster.write(tenant, timeline, 8192);
        TimelineId laterBranch = TimelineId.generate();
        assertEquals(201, s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + laterBranch
                + "\", \"ancestor_timeline_id\": \"" + timeline + "\", \"ancestor_start_lsn\": \"" + late + "\"}").status());
        String query = "?travel_to=" + travelTo + "&done_if_after=" + cluster.now();
        String path = "/v1/tenant/" + tenant + "/time_travel_remote_storage";

        RawHttp.Resp attached = s.storcon.put(path + query, "{\"shard_counts\": [2]}");
        assertEquals(500, attached.status());
        assertTrue(attached.msg().startsWith("We want tenant to be attached in shard with tenant_shard_id="), attached.body());

        RawHttp.Resp detach = s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": \"Detached\"}");
        assertEquals(200, detach.status());
        assertEquals("null", detach.body());
        Await.until("tenant dropped after detach", () -> s.storcon.get("/control/v1/tenant/" + tenant).status(), st -> st == 404);
        assertEquals(404, s.storcon.get("/v1/tenant/" + tenant + "/config").status());
        assertTrue(s.pageserver(1).get("/v1/location_config").json().path("tenant_shards").isEmpty());

        assertEquals(400, s.storcon.put(path + "?travel_to=" + travelTo, "{\"shard_counts\": [2]}").status());
        assertEquals(400, s.storcon.put(path + query, "{\"shard_counts\": [2], \"extra\": 1}").status());
        RawHttp.Resp travelled = s.storcon.put(path + query, "{\"shard_counts\": [2]}");
        assertEquals(200, travelled.status(), travelled.body());
        assertEquals("null", travelled.body());

        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": {\"Attached\": 1}}").status());
        s.awaitIdle(tenant);
        JsonNode info = s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + timeline).json();
        assertEquals(early.toString(), info.path("last_record_lsn").asText());
        assertEquals(404, s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + laterBranch).status());
    }

    @Test
    void timeTravel_withoutEveryShardCount_leavesNewerState(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId timeline = s.createTimeline(tenant);
        cluster.advanceClock(Duration.ofMinutes(1));
        Instant travelTo = cluster.now();
        cluster.advanceClock(Duration.ofMinutes(1));
        Lsn late = cluster.write(tenant, timeline, 100);
        s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": \"Detached\"}");
        Await.until("dropped", () -> s.storcon.get("/control/v1/tenant/" + tenant).status(), st -> st == 404);
        RawHttp.Resp wrong = s.storcon.put("/v1/tenant/" + tenant + "/time_travel_remote_storage?travel_to=" + travelTo
                + "&done_if_after=" + cluster.now(), "{\"shard_counts\": [2]}");
        assertEquals(200, wrong.status());
        s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": {\"Attached\": 0}}");
        s.awaitIdle(tenant);
        assertEquals(late.toString(), s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + timeline).json().path("last_record_lsn").asText());
    }

    @Test
    void aRewindKeepsTheReplacedObjectsAsVersions_soTravellingForwardAgainUndoesIt(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId timeline = s.createTimeline(tenant);
        Lsn early = cluster.write(tenant, timeline, 4096);
        cluster.advanceClock(Duration.ofMinutes(1));
        Instant rewindTo = cluster.now();
        cluster.advanceClock(Duration.ofMinutes(1));
        Lsn late = cluster.write(tenant, timeline, 8192);
        TimelineId branch = TimelineId.generate();
        assertEquals(201, s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + branch
                + "\", \"ancestor_timeline_id\": \"" + timeline + "\", \"ancestor_start_lsn\": \"" + late + "\"}").status());
        cluster.advanceClock(Duration.ofMinutes(1));
        Instant beforeRewind = cluster.now();
        cluster.advanceClock(Duration.ofMinutes(1));

        travel(s, cluster, tenant, rewindTo);
        assertEquals(early.toString(), lastRecordLsn(s, tenant, timeline));
        assertEquals(404, s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + branch).status());
        cluster.advanceClock(Duration.ofMinutes(1));
        Lsn afterRewind = cluster.write(tenant, timeline, 100);
        cluster.advanceClock(Duration.ofMinutes(1));
        Instant afterNewWrite = cluster.now();
        cluster.advanceClock(Duration.ofMinutes(1));

        travel(s, cluster, tenant, beforeRewind);
        assertEquals(late.toString(), lastRecordLsn(s, tenant, timeline), "the replaced version is back");
        assertEquals(late.toString(), s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + branch).json().path("ancestor_lsn").asText());

        travel(s, cluster, tenant, afterNewWrite);
        assertEquals(afterRewind.toString(), lastRecordLsn(s, tenant, timeline), "and the state after the first rewind too");
        assertEquals(404, s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + branch).status());
    }

    private static String lastRecordLsn(Scenario s, TenantId tenant, TimelineId timeline) {
        return s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + timeline).json().path("last_record_lsn").asText();
    }

    /** Detach, time travel to {@code to}, re-attach (Attached(0)) and wait until idle. */
    private static void travel(Scenario s, NeonTestCluster cluster, TenantId tenant, Instant to) {
        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": \"Detached\"}").status());
        Await.until("dropped", () -> s.storcon.get("/control/v1/tenant/" + tenant).status(), st -> st == 404);
        RawHttp.Resp r = s.storcon.put("/v1/tenant/" + tenant + "/time_travel_remote_storage?travel_to=" + to + "&done_if_after="
                + cluster.now(), "{\"shard_counts\": [0]}");
        assertEquals(200, r.status(), r.body());
        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": {\"Attached\": 0}}").status());
        s.awaitIdle(tenant);
    }
}
