package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import org.junit.jupiter.api.Test;

/** compute_ctl: configure, status, WAL writes, terminate, and the runbook's "Timeline not found" basebackup failure. */
@NeonCluster(pageservers = 2, safekeepers = 3)
class ComputeIT {

    @Test
    void compute_runsWritesAndTerminatesWithItsLsn(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 1);
        TimelineId tl = s.createTimeline(tenant);
        TestCompute compute = cluster.startCompute(tenant, tl);
        RawHttp http = RawHttp.compute(compute.uri());
        JsonNode status = http.get("/status").json();
        Shapes.assertShape("compute.status.response.json", status);
        assertEquals("running", status.path("status").asText(), status.toString());
        Lsn end = compute.write(4096);
        assertEquals(end.toString(), s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + tl).json().path("last_record_lsn").asText());
        RawHttp.Resp term = http.post("/terminate", "");
        assertEquals(200, term.status());
        assertEquals(end.toString(), term.json().path("lsn").asText());
        assertEquals(201, http.post("/terminate", "").status());
    }

    @Test
    void configure_pointingAtPageserverWithoutTheShard_failsWithTimelineNotFound(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        long attached = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0).path("node_attached").asLong();
        long other = attached == 1 ? 2 : 1;
        ObjectNode request = (ObjectNode) Shapes.fixture("compute.configure.request.json");
        ObjectNode spec = (ObjectNode) request.get("spec");
        spec.put("tenant_id", tenant.toString());
        spec.put("timeline_id", tl.toString());
        spec.remove("pageserver_connection_info");
        spec.putNull("shard_stripe_size");
        spec.put("pageserver_connstring", "postgresql://no_user@127.0.0.1:" + cluster.pageserverPgPort(attached));
        TestCompute compute = cluster.newCompute();
        RawHttp http = RawHttp.compute(compute.uri());
        RawHttp.Resp ok = http.post("/configure", request.toString());
        assertEquals(200, ok.status(), ok.body());
        assertEquals("running", ok.json().path("status").asText());

        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/migrate",
                "{\"node_id\": " + other + ", \"migration_config\": {\"prewarm\": false}}").status());
        RawHttp.Resp failed = http.post("/configure", request.toString());
        assertEquals(500, failed.status(), failed.body());
        assertTrue(failed.json().path("error").asText().contains("Timeline not found"), failed.body());
        JsonNode status = http.get("/status").json();
        assertEquals("failed", status.path("status").asText());
        assertTrue(status.path("error").asText().contains("Timeline not found"));
        assertEquals(412, http.post("/configure", request.toString()).status());

        RawHttp fresh = RawHttp.compute(cluster.newCompute().uri());
        RawHttp.Resp missing = fresh.post("/configure", "{\"spec\": {}}");
        assertEquals(422, missing.status());
        assertTrue(missing.json().has("error"));
    }
}
