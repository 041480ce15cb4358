package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compute_ctl's GET /metrics.json (start-up timings, behind the external server's auth), and the routes it does not serve. */
@NeonCluster(pageservers = 1, safekeepers = 1, registerNodes = true)
class ComputeMetricsIT {
    private static final List<String> FIELDS = List.of("wait_for_spec_ms", "sync_sk_check_ms", "sync_safekeepers_ms",
            "pageserver_connect_micros", "basebackup_ms", "basebackup_bytes", "start_postgres_ms", "config_ms", "total_startup_ms",
            "load_ext_ms", "num_ext_downloaded", "largest_ext_size", "total_ext_download_size");

    @Test
    void metrics_areZeroUntilTheSpecArrives_thenRecordTheStart(NeonTestCluster cluster) {
        RawHttp idle = RawHttp.compute(cluster.newCompute().uri());
        JsonNode empty = idle.get("/metrics.json").json();
        assertEquals(FIELDS.size(), empty.size(), empty.toString());
        for (String f : FIELDS) {
            assertEquals(0, empty.path(f).asLong(), f);
        }

        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        cluster.write(tenant, tl, 65536);
        TestCompute compute = cluster.startCompute(tenant, tl);
        assertEquals("running", compute.status(), compute.error());
        RawHttp http = RawHttp.compute(compute.uri());
        JsonNode m = http.get("/metrics.json").json();
        long logicalSize = s.pageserver(1).get("/v1/tenant/" + tenant + "/timeline/" + tl).json().path("current_logical_size").asLong();
        assertEquals(logicalSize, m.path("basebackup_bytes").asLong(), "the simulated basebackup is the timeline's logical size");
        assertTrue(m.path("total_startup_ms").asLong() >= m.path("basebackup_ms").asLong(), m.toString());
        assertEquals(0, m.path("num_ext_downloaded").asLong());

        compute.write(8192);
        ObjectNode request = (ObjectNode) Shapes.fixture("compute.configure.request.json");
        ObjectNode spec = (ObjectNode) request.get("spec");
        spec.put("tenant_id", tenant.toString());
        spec.put("timeline_id", tl.toString());
        spec.remove("pageserver_connection_info");
        spec.putNull("shard_stripe_size");
        spec.put("pageserver_connstring", "postgresql://no_user@127.0.0.1:" + cluster.pageserverPgPort(1));
        RawHttp.Resp reconfigured = http.post("/configure", request.toString());
        assertEquals(200, reconfigured.status(), reconfigured.body());
        assertEquals(m, http.get("/metrics.json").json(), "metrics describe the start; a reconfiguration leaves them");
        RawHttp.Resp refresh = http.post("/refresh_configuration", "");
        assertEquals(404, refresh.status(), "only the internal listener serves it");
        assertEquals("", refresh.body());
    }

    @Test
    @NeonCluster(pageservers = 1, safekeepers = 1, registerNodes = true, auth = true)
    void metrics_needTheComputesToken(NeonTestCluster cluster) {
        TestCompute compute = cluster.newCompute();
        RawHttp anonymous = RawHttp.compute(compute.uri());
        RawHttp.Resp noToken = anonymous.get("/metrics.json");
        assertEquals(400, noToken.status());
        assertEquals("invalid authorization token", noToken.json().path("error").asText());
        assertEquals(200, anonymous.withToken(cluster.computeToken(compute)).get("/metrics.json").status());
        assertEquals(403, anonymous.withToken(cluster.computeToken(cluster.newCompute())).get("/metrics.json").status());
    }
}
