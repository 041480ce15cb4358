package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import org.junit.jupiter.api.Test;

/** The runbook's bootstrap against the simulated controller, every answer checked against the shared fixtures. */
@NeonCluster(pageservers = 2, safekeepers = 3)
class BootstrapIT {

    @Test
    void bootstrap_registersNodesCreatesShardedTenantAndTimeline(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        RawHttp.Resp before = s.storcon.get("/control/v1/node/1");
        assertEquals(404, before.status());
        assertEquals("NotFound: Node 1 not registered", before.msg());

        s.registerNodes();
        JsonNode nodes = s.storcon.get("/control/v1/node").json();
        Shapes.assertShape("storcon.node_list.response.json", nodes);
        assertEquals(2, nodes.size());
        Shapes.assertShape("storcon.node_describe.response.json", s.storcon.get("/control/v1/node/2").json());

        TenantId tenant = s.createTenant(2, 1);
        JsonNode described = s.storcon.get("/control/v1/tenant/" + tenant).json();
        Shapes.assertShape("storcon.tenant_describe.response.json", described);
        assertEquals(1, described.path("policy").path("Attached").asInt());
        for (JsonNode shard : described.path("shards")) {
            assertEquals(1, shard.path("node_secondary").size());
            assertTrue(shard.path("node_attached").asLong() != shard.path("node_secondary").get(0).asLong());
        }

        TimelineId timeline = TimelineId.generate();
        RawHttp.Resp created = s.storcon.post("/v1/tenant/" + tenant + "/timeline/",
                "{\"new_timeline_id\": \"" + timeline + "\", \"pg_version\": 16}");
        assertEquals(201, created.status(), created.body());
        Shapes.assertShape("storcon.timeline_create.response.json", created.json());
        assertEquals(tenant + "-0002", created.json().path("tenant_id").asText());

        JsonNode detail = s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + timeline).json();
        Shapes.assertShape("pageserver.timeline_info.response.json", detail);
        Shapes.assertShape("pageserver.tenant_detail.response.json", s.storcon.get("/v1/tenant/" + tenant).json());

        long node = described.path("shards").get(0).path("node_attached").asLong();
        JsonNode locations = s.pageserver(node).get("/v1/location_config").json();
        Shapes.assertShape("pageserver.location_config_list.response.json", locations);
        assertTrue(locations.path("tenant_shards").get(0).isArray());
    }

    @Test
    void tenantCreate_withUnknownField_isRejectedAndWithoutCapacity_conflictsButExists(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        RawHttp.Resp unknown = s.storcon.post("/v1/tenant",
                "{\"new_tenant_id\": \"" + TenantId.generate() + "\", \"shard_params\": {\"count\": 2}}");
        assertEquals(400, unknown.status());
        assertTrue(unknown.msg().contains("unknown field `shard_params`"), unknown.body());
        Shapes.assertShape("storcon.error.response.json", unknown.json());

        TenantId tenant = TenantId.generate();
        RawHttp.Resp noNodes = s.storcon.post("/v1/tenant",
                "{\"new_tenant_id\": \"" + tenant + "\", \"placement_policy\": {\"Attached\": 1}}");
        assertEquals(409, noNodes.status());
        assertTrue(noNodes.msg().startsWith("Conflict: Failed to schedule shard(s)"), noNodes.body());
        JsonNode created = s.storcon.get("/control/v1/tenant/" + tenant).json();
        assertEquals(1, created.path("policy").path("Attached").asInt());
        assertTrue(created.path("shards").get(0).path("node_attached").isNull());

        TenantId defaulted = TenantId.generate();
        assertEquals(409, s.storcon.post("/v1/tenant", "{\"new_tenant_id\": \"" + defaulted + "\"}").status());
        assertEquals(0, s.storcon.get("/control/v1/tenant/" + defaulted).json().path("policy").path("Attached").asInt(-1),
                "placement defaults to {\"Attached\": 0}");
        assertEquals(400, s.storcon.post("/v1/tenant", "{\"new_tenant_id\": \"" + defaulted + "-0102\"}").status());
        assertEquals(400, s.storcon.post("/v1/tenant", "{\"new_tenant_id\": \"" + TenantId.generate()
                + "\", \"shard_parameters\": {\"count\": 2}}").status());
    }

    @Test
    void tenantList_pagesByTenantId(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        for (int i = 0; i < 3; i++) {
            s.createTenant(0, 0);
        }
        JsonNode first = s.storcon.get("/control/v1/tenant?limit=2").json();
        assertEquals(2, first.size());
        Shapes.assertShape("storcon.tenant_list.response.json", first);
        String after = first.get(1).path("tenant_id").asText();
        JsonNode rest = s.storcon.get("/control/v1/tenant?limit=2&start_after=" + after).json();
        assertEquals(1, rest.size());
        assertTrue(rest.get(0).path("tenant_id").asText().compareTo(after) > 0);
    }

    @Test
    void safekeeperUpsert_returns204AndActivatesOnHeartbeat(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        RawHttp.Resp up = s.storcon.post("/control/v1/safekeeper/1", """
                {"id": 1, "region_id": "us-central", "version": 1, "host": "safekeeper1", "port": 5454,
                 "http_port": 7676, "availability_zone_id": "az-a"}""");
        assertEquals(204, up.status());
        assertEquals("", up.body());
        JsonNode sk = Await.until("safekeeper active", () -> s.storcon.get("/control/v1/safekeeper/1").json(),
                n -> n.path("scheduling_policy").asText().equals("Active"));
        Shapes.assertShape("storcon.safekeeper_describe.response.json", sk);
        assertEquals(400, s.storcon.post("/control/v1/safekeeper/2", "{\"id\": 1}").status());
        assertEquals(500, s.storcon.post("/control/v1/safekeeper/9/scheduling_policy", "{\"scheduling_policy\": \"Pause\"}").status());
        assertEquals(200, s.storcon.post("/control/v1/safekeeper/1/scheduling_policy", "{\"scheduling_policy\": \"Pause\"}").status());
        assertEquals("Pause", s.storcon.get("/control/v1/safekeeper").json().get(0).path("scheduling_policy").asText());
    }

    @Test
    void unmatchedPath_isPlainTextNotFound_andTrailingSlashIsHarmless(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        RawHttp.Resp r = s.storcon.get("/control/v1/nope");
        assertEquals(404, r.status());
        assertEquals("Not Found", r.body());
        assertEquals(200, s.storcon.get("/control/v1/node/").status());
        assertEquals("null", s.storcon.get("/status").body());
        JsonNode leader = s.storcon.get("/control/v1/leader").json();
        Shapes.assertShape("storcon.leader.response.json", leader);
        assertFalse(leader.path("address").asText().isEmpty());
    }
}
