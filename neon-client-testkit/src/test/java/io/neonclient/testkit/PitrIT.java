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

/** LSN by timestamp (four kinds, leases), PITR branch, and the untagged-mode traps of timeline create. */
@NeonCluster(pageservers = 2)
class PitrIT {

    @Test
    void lsnByTimestamp_kinds_andBranchAtThatLsn(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(2, 1);
        TimelineId main = s.createTimeline(tenant);
        String base = "/v1/tenant/" + tenant + "/timeline/" + main;
        assertEquals("nodata", s.storcon.get(base + "/get_lsn_by_timestamp?timestamp=" + cluster.now()).json().path("kind").asText());

        Instant beforeAll = cluster.now();
        cluster.advanceClock(Duration.ofSeconds(10));
        Lsn first = cluster.write(tenant, main, 1000);
        cluster.advanceClock(Duration.ofSeconds(10));
        Instant between = cluster.now();
        cluster.advanceClock(Duration.ofSeconds(10));
        Lsn second = cluster.write(tenant, main, 1000);
        cluster.advanceClock(Duration.ofSeconds(10));

        JsonNode present = s.storcon.get(base + "/get_lsn_by_timestamp?timestamp=" + between).json();
        Shapes.assertShape("storcon.get_lsn_by_timestamp.response.json", present);
        assertEquals("present", present.path("kind").asText());
        assertEquals(first.toString(), present.path("lsn").asText());
        assertEquals("past", s.storcon.get(base + "/get_lsn_by_timestamp?timestamp=" + beforeAll).json().path("kind").asText());
        JsonNode future = s.storcon.get(base + "/get_lsn_by_timestamp?timestamp=" + cluster.now()).json();
        assertEquals("future", future.path("kind").asText());
        assertEquals(second.toString(), future.path("lsn").asText());
        JsonNode leased = s.storcon.get(base + "/get_lsn_by_timestamp?timestamp=" + between + "&with_lease=true").json();
        Shapes.assertShape("storcon.get_lsn_by_timestamp.with_lease.response.json", leased);
        assertEquals(200, s.storcon.get(base + "/get_timestamp_of_lsn?lsn=" + first).status());

        TimelineId restore = TimelineId.generate();
        RawHttp.Resp branch = s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + restore
                + "\", \"ancestor_timeline_id\": \"" + main + "\", \"ancestor_start_lsn\": \"" + present.path("lsn").asText() + "\"}");
        assertEquals(201, branch.status(), branch.body());
        assertEquals(first.toString(), branch.json().path("ancestor_lsn").asText());
        assertEquals(main.toString(), branch.json().path("ancestor_timeline_id").asText());

        TimelineId typo = TimelineId.generate();
        RawHttp.Resp atTip = s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + typo
                + "\", \"ancestor_timeline_id\": \"" + main + "\", \"ancestor_start\": \"" + first + "\", \"pg_version\": 16}");
        assertEquals(201, atTip.status());
        assertEquals(second.toString(), atTip.json().path("ancestor_lsn").asText(), "unknown ancestor_start is ignored: branch at tip");

        TimelineId misspelledAncestor = TimelineId.generate();
        RawHttp.Resp bootstrap = s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \""
                + misspelledAncestor + "\", \"ancestor_timline_id\": \"" + main + "\"}");
        assertEquals(201, bootstrap.status());
        assertTrue(bootstrap.json().path("ancestor_timeline_id").isNull(), "a misspelled ancestor makes a bootstrap");

        RawHttp.Resp detached = s.storcon.put("/v1/tenant/" + tenant + "/timeline/" + restore + "/detach_ancestor", null);
        assertEquals(200, detached.status(), detached.body());
        Shapes.assertShape("storcon.timeline_detach_ancestor.response.json", detached.json());
        assertEquals("null", s.storcon.put(base + "/archival_config",
                Shapes.fixture("storcon.timeline_archival_config.request.json").toString()).body());
        JsonNode all = s.storcon.get("/control/v1/tenant/" + tenant + "/timeline/" + main).json();
        assertEquals(2, all.path("shards").size());
        Shapes.assertShape("pageserver.timeline_info.response.json", all.path("shards").get(1));

        RawHttp.Resp lease = s.storcon.post(base + "/lsn_lease", "{\"lsn\": \"" + first + "\"}");
        assertEquals(200, lease.status());
        assertEquals("null", lease.body());
        long ps = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0).path("node_attached").asLong();
        JsonNode direct = s.pageserver(ps).post("/v1/tenant/" + tenant + "-0002/timeline/" + main + "/lsn_lease",
                "{\"lsn\": \"" + first + "\"}").json();
        assertTrue(direct.path("valid_until").asText().endsWith("Z"));
    }

    @Test
    void timelineCreate_onDetachedTenantConflicts_andOnUnattachedTenantIsUnavailable(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        TenantId tenant = TenantId.generate();
        assertEquals(409, s.storcon.post("/v1/tenant", "{\"new_tenant_id\": \"" + tenant + "\"}").status());
        RawHttp.Resp unattached = s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + TimelineId.generate() + "\"}");
        assertEquals(503, unattached.status());
        assertEquals("One or more shards in tenant is not yet attached", unattached.msg());
        s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": \"Secondary\"}");
        RawHttp.Resp secondary = s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + TimelineId.generate() + "\"}");
        assertEquals(409, secondary.status());
        assertTrue(secondary.msg().contains("tenant has policy Secondary"), secondary.body());
    }

    @Test
    void timelineDelete_returnsNullThenTimelineIsGone(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(2, 0);
        TimelineId tl = s.createTimeline(tenant);
        RawHttp.Resp deleted = s.storcon.delete("/v1/tenant/" + tenant + "/timeline/" + tl);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("null", deleted.body());
        assertEquals(404, s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + tl).status());
    }
}
