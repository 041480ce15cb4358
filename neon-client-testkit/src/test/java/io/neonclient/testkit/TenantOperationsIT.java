package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import org.junit.jupiter.api.Test;

/** Tenant config get/set/patch, location_config, shard split, delete. Fields are injected by the extension. */
@NeonCluster(pageservers = 2)
class TenantOperationsIT {
    NeonTestCluster cluster;

    @Test
    void config_setPatchGet_andLocationConfigReplacesIt() {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        assertEquals("null", s.storcon.put("/v1/tenant/config", "{\"tenant_id\": \"" + tenant + "\", \"gc_period\": \"2h\", \"pitr_interval\": \"7days\"}").body());
        assertEquals(400, s.storcon.put("/v1/tenant/config", "{\"tenant_id\": \"" + tenant + "\", \"gc_perod\": \"2h\"}").status());
        assertEquals(200, s.storcon.patch("/v1/tenant/config", "{\"tenant_id\": \"" + tenant + "\", \"pitr_interval\": null}").status());
        JsonNode config = s.storcon.get("/v1/tenant/" + tenant + "/config").json();
        Shapes.assertShape("storcon.tenant_config_get.response.json", config);
        assertEquals("2h", config.path("tenant_specific_overrides").path("gc_period").asText());
        assertTrue(config.path("effective_config").path("pitr_interval").isMissingNode());

        RawHttp.Resp loc = s.storcon.put("/v1/tenant/" + tenant + "/location_config",
                Shapes.fixture("storcon.tenant_location_config.request.json").toString());
        assertEquals(200, loc.status(), loc.body());
        Shapes.assertShape("storcon.tenant_location_config.response.json", loc.json());
        assertEquals(0, s.storcon.get("/v1/tenant/" + tenant + "/config").json().path("tenant_specific_overrides").size());
        assertEquals(400, s.storcon.put("/v1/tenant/" + tenant + "-0102/location_config", "{\"mode\": \"Detached\", \"tenant_conf\": {}}").status());
    }

    @Test
    void shardSplit_thenDelete() {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 1);
        RawHttp.Resp split = s.storcon.put("/control/v1/tenant/" + tenant + "/shard_split", "{\"new_shard_count\": 4, \"new_stripe_size\": null}");
        assertEquals(200, split.status(), split.body());
        Shapes.assertShape("storcon.shard_split.response.json", split.json());
        assertEquals(tenant + "-0304", split.json().path("new_shards").get(3).asText());
        JsonNode described = s.awaitIdle(tenant);
        assertEquals(4, described.path("shards").size());
        assertEquals(400, s.storcon.put("/control/v1/tenant/" + tenant + "/shard_split", "{\"new_shard_count\": 2}").status());

        JsonNode located = s.storcon.get("/debug/v1/tenant/" + tenant + "/locate").json();
        assertEquals(4, located.path("shards").size());
        assertEquals(4, located.path("shard_params").path("count").asInt());
        assertEquals(0, s.storcon.post("/debug/v1/reconcile_all", null).json().asInt());

        RawHttp.Resp deleted = s.storcon.delete("/v1/tenant/" + tenant);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(404, s.storcon.get("/control/v1/tenant/" + tenant).status());
        assertEquals(404, s.storcon.delete("/v1/tenant/" + tenant).status());
    }
}
