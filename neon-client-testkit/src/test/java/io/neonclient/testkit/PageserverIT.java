package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import org.junit.jupiter.api.Test;

/** Pageserver and safekeeper routes called directly: delete 202 → 404, GC cutoff and leases, errors. */
@NeonCluster(pageservers = 1, safekeepers = 1, registerNodes = true)
class PageserverIT {

    @Test
    void timelineDelete_is202Then404_andGcHonoursLeases(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId main = s.createTimeline(tenant);
        RawHttp ps = s.pageserver(1);
        assertEquals(1, ps.get("/v1/status").json().path("id").asInt());
        assertEquals(1, ps.get("/v1/tenant").json().size());
        String base = "/v1/tenant/" + tenant + "/timeline/" + main;

        Lsn first = cluster.write(tenant, main, 1000);
        Lsn end = cluster.write(tenant, main, 1000);
        JsonNode lease = ps.post(base + "/lsn_lease", "{\"lsn\": \"" + first + "\"}").json();
        assertTrue(lease.path("valid_until").isTextual());
        assertEquals(200, ps.put(base + "/do_gc", "{\"gc_horizon\": 0}").status());
        JsonNode info = ps.get(base).json();
        assertEquals(first.toString(), info.path("applied_gc_cutoff_lsn").asText(), "the lease holds the cutoff back");
        assertEquals(first.toString(), info.path("min_readable_lsn").asText());
        RawHttp.Resp belowCutoff = ps.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + TimelineId.generate()
                + "\", \"ancestor_timeline_id\": \"" + main + "\", \"ancestor_start_lsn\": \"" + Lsn.of(first.value() - 8) + "\"}");
        assertEquals(406, belowCutoff.status(), belowCutoff.body());
        assertTrue(end.isAfter(first));

        JsonNode sk = RawHttp.safekeeper(cluster.safekeeper(1), null).get("/v1/tenant/" + tenant + "/timeline/" + main).json();
        assertEquals(end.toString(), sk.path("commit_lsn").asText());

        RawHttp.Resp deleting = ps.delete(base);
        assertEquals(202, deleting.status());
        Await.until("timeline gone", () -> ps.get(base).status(), st -> st == 404);
        RawHttp.Resp gone = ps.get(base);
        assertTrue(gone.msg().startsWith("NotFound: Timeline"), gone.body());
        assertEquals(404, ps.get("/v1/location_config/" + TenantId.generate()).status());
        assertEquals(404, ps.get("/v1/tenant/" + TenantId.generate() + "/timeline").status());
    }

    @Test
    void unmatchedRequests_getEachComponentsNotFound(NeonTestCluster cluster) {
        RawHttp.Resp ps = RawHttp.pageserver(cluster.pageserver(1), null).get("/v1/no_such_route");
        assertEquals(404, ps.status());
        assertEquals("page not found", ps.msg());
        assertEquals("page not found", RawHttp.pageserver(cluster.pageserver(1), null).post("/v1/status", "{}").msg());
        RawHttp.Resp storcon = RawHttp.storcon(cluster.storageController(), null).get("/no/such/route");
        assertEquals(404, storcon.status());
        assertEquals("Not Found", storcon.body());
        RawHttp.Resp sk = RawHttp.safekeeper(cluster.safekeeper(1), null).get("/v1/no_such_route");
        assertEquals(404, sk.status());
        assertEquals("Not Found", sk.body());
        TestCompute compute = cluster.newCompute();
        assertEquals(405, RawHttp.compute(compute.uri()).delete("/status").status());
        assertEquals("", RawHttp.compute(compute.uri()).delete("/status").body());
    }
}
