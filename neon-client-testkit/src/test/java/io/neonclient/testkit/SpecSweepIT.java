package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import org.junit.jupiter.api.Test;

/**
 * Calls every pageserver and safekeeper route the testkit serves, directly and once each way (success and the usual
 * error), so that {@link ContractCheck} validates each answer against upstream's OpenAPI document after the test.
 * compute_ctl's three routes are covered the same way by {@link ComputeIT}, auth failures by {@link AuthIT}.
 */
@NeonCluster(pageservers = 3, safekeepers = 1, registerNodes = true)
class SpecSweepIT {

    @Test
    void pageserverRoutes_answerAsTheSpecSays(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        for (long id : cluster.pageservers().keySet()) {
            s.awaitNode(id, "Active", "Active");
        }
        TenantId tenant = s.createTenant(0, 1);
        TimelineId main = s.createTimeline(tenant);
        JsonNode shard = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0);
        RawHttp attached = s.pageserver(shard.path("node_attached").asLong());
        RawHttp secondary = s.pageserver(shard.path("node_secondary").get(0).asLong());
        String ts = "/v1/tenant/" + tenant;
        String tl = ts + "/timeline/" + main;
        Lsn end = cluster.write(tenant, main, 4096);

        assertEquals(200, attached.get("/v1/status").status());
        assertEquals(200, attached.get("/v1/tenant").status());
        assertEquals(200, attached.get(ts).status());
        assertEquals(200, attached.get(ts + "/timeline").status());
        assertEquals(200, attached.get(tl).status());
        assertEquals(404, attached.get(ts + "/timeline/" + TimelineId.generate()).status());
        assertEquals(404, attached.get("/v1/tenant/" + TenantId.generate()).status());

        RawHttp.Resp byTime = attached.get(tl + "/get_lsn_by_timestamp?timestamp=" + Rfc3339.format(cluster.now()));
        assertEquals(200, byTime.status(), byTime.body());
        assertEquals(400, attached.get(tl + "/get_lsn_by_timestamp?timestamp=yesterday").status());
        assertEquals(200, attached.get(tl + "/get_timestamp_of_lsn?lsn=" + end).status());
        assertEquals(200, attached.post(tl + "/lsn_lease", "{\"lsn\": \"" + end + "\"}").status());
        assertEquals(400, attached.post(tl + "/lsn_lease", "{\"lsn\": 7}").status());
        assertEquals(200, attached.put(tl + "/do_gc", "{\"gc_horizon\": 0}").status());
        assertEquals(200, attached.post(tl + "/block_gc", null).status());
        assertEquals(200, attached.post(tl + "/unblock_gc", null).status());
        assertEquals(409, attached.put(tl + "/detach_ancestor", null).status());
        assertEquals(200, attached.post(ts + "/heatmap_upload", null).status());

        TimelineId branch = TimelineId.generate();
        RawHttp.Resp created = attached.post(ts + "/timeline", "{\"new_timeline_id\": \"" + branch + "\", \"ancestor_timeline_id\": \""
                + main + "\", \"ancestor_start_lsn\": \"" + end + "\"}");
        assertEquals(201, created.status(), created.body());
        String br = ts + "/timeline/" + branch;
        assertEquals(200, attached.put(br + "/detach_ancestor", null).status());
        assertEquals(200, attached.put(br + "/archival_config", "{\"state\": \"Archived\"}").status());
        assertEquals(200, attached.put(br + "/archival_config", "{\"state\": \"Unarchived\"}").status());
        assertEquals(400, attached.put(br + "/archival_config", "{\"state\": \"Frozen\"}").status());
        assertEquals(200, attached.put(br + "/mark_invisible", "{\"is_visible\": false}").status());
        assertEquals(202, attached.delete(br).status());
        Await.until("branch gone", () -> attached.get(br).status(), st -> st == 404);

        RawHttp.Resp warm = Await.until("secondary warm", () -> secondary.post(ts + "/secondary/download?wait_ms=50", null),
                r -> r.status() == 200);
        assertTrue(warm.json().path("layers_total").asLong() > 0, warm.body());
        assertEquals(200, secondary.get(ts + "/secondary/status").status());
        assertEquals(404, attached.post(ts + "/secondary/download", null).status());
        String when = "?travel_to=" + Rfc3339.format(cluster.now()) + "&done_if_after=" + Rfc3339.format(cluster.now());
        assertEquals(400, attached.put(ts + "/time_travel_remote_storage" + when, null).status());
    }

    @Test
    void locationConfig_timeTravel_andTenantDelete_onAPageserverDirectly(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        RawHttp ps = s.pageserver(1);
        TenantId tenant = TenantId.generate();
        String ts = "/v1/tenant/" + tenant;
        RawHttp.Resp secondary = ps.put(ts + "/location_config",
                "{\"mode\": \"Secondary\", \"generation\": null, \"secondary_conf\": {\"warm\": true}, \"tenant_conf\": {}}");
        assertEquals(200, secondary.status(), secondary.body());
        assertEquals(400, ps.put(ts + "/location_config", "{\"mode\": \"AttachedSingle\", \"tenant_conf\": {}}").status());
        assertEquals(400, ps.put(ts + "/location_config", "{\"mode\": \"Sleeping\", \"tenant_conf\": {}}").status());
        assertEquals(200, ps.get("/v1/location_config/" + tenant).status());
        RawHttp.Resp detached = ps.put(ts + "/location_config", "{\"mode\": \"Detached\", \"tenant_conf\": {}}");
        assertEquals(200, detached.status(), detached.body());
        assertEquals(200, ps.delete(ts).status());

        String when = "?travel_to=" + Rfc3339.format(cluster.now()) + "&done_if_after=" + Rfc3339.format(cluster.now());
        RawHttp.Resp travelled = ps.put(ts + "/time_travel_remote_storage" + when, null);
        assertEquals(200, travelled.status(), travelled.body());
        assertEquals(400, ps.put(ts + "/time_travel_remote_storage?travel_to=" + Rfc3339.format(cluster.now()), null).status());

        cluster.inject(Component.PAGESERVER, "GET", "/v1/tenant", Fault.unavailable(1));
        assertEquals(503, ps.get("/v1/tenant").status());
        assertEquals(200, ps.get("/v1/tenant").status());
    }

    @Test
    void safekeeperRoutes_answerAsTheSpecSays(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        RawHttp sk = RawHttp.safekeeper(cluster.safekeeper(1), null);
        assertEquals(200, sk.get("/v1/status").status());
        assertEquals(200, sk.get("/v1/utilization").status());
        assertEquals(200, sk.get("/v1/tenant/" + tenant + "/timeline/" + tl).status());
        assertEquals(404, sk.get("/v1/tenant/" + tenant + "/timeline/" + TimelineId.generate()).status());
    }
}
