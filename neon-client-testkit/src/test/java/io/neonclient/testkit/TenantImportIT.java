package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Generation;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.Scope;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.ShardLocation;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /debug/v1/tenant/T/import} (storage_controller/src/service.rs tenant_import) over the pageserver's
 * {@code GET /v1/tenant/T/scan_remote_storage} (pageserver/src/http/routes.rs tenant_scan_remote_handler): a tenant
 * the controller dropped after a detach comes back from remote storage, Attached(0), with its data.
 */
@NeonCluster(pageservers = 2)
class TenantImportIT {

    private static String importPath(TenantId tenant) {
        return "/debug/v1/tenant/" + tenant + "/import";
    }

    private static void detachAndAwaitDropped(Scenario s, TenantId tenant) {
        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": \"Detached\"}").status());
        Await.until("tenant dropped after detach", () -> s.storcon.get("/control/v1/tenant/" + tenant).status(), st -> st == 404);
    }

    @Test
    void aDroppedTenant_isImportedFromRemoteStorage_withItsShardsAndData(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(2, 1);
        TimelineId timeline = s.createTimeline(tenant);
        Lsn written = cluster.write(tenant, timeline, 8192);
        String s0 = TenantShardId.of(tenant, ShardIndex.of(0, 2)).toString();
        assertEquals(200, s.storcon.post("/control/v1/metadata_health/update",
                "{\"healthy_tenant_shards\": [], \"unhealthy_tenant_shards\": [\"" + s0 + "\"]}").status());

        RawHttp.Resp scanned = s.pageserver(1).get("/v1/tenant/" + tenant + "/scan_remote_storage");
        assertEquals(200, scanned.status(), scanned.body());
        assertEquals(2, scanned.json().path("shards").size());
        for (JsonNode shard : scanned.json().path("shards")) {
            assertEquals(3, shard.size(), shard.toString());
            assertEquals(1, shard.path("generation").asInt(), "attached once, under generation 1");
            assertEquals(2048, shard.path("stripe_size").asInt());
        }
        assertEquals(s0, scanned.json().path("shards").get(0).path("tenant_shard_id").asText());

        detachAndAwaitDropped(s, tenant);
        RawHttp.Resp imported = s.storcon.post(importPath(tenant), null);
        assertEquals(200, imported.status(), imported.body());
        JsonNode shards = imported.json().path("shards");
        assertEquals(2, shards.size(), imported.body());
        assertEquals(s0, shards.get(0).path("shard_id").asText());
        for (JsonNode shard : shards) {
            assertEquals(3, shard.size(), shard.toString());
            assertEquals(1, shard.path("generation").asInt(), "the answer carries the scanned generation");
            assertTrue(shard.path("node_id").asLong() >= 1);
        }

        JsonNode described = s.awaitIdle(tenant);
        assertEquals("{\"Attached\":0}", described.path("policy").toString(), "no secondaries, for convenient debugging");
        assertEquals(2048, described.path("stripe_size").asInt());
        assertEquals(0, described.path("config").size(), "imported with the default config");
        assertTrue(described.path("shards").get(0).path("node_secondary").isEmpty());
        long node0 = described.path("shards").get(0).path("node_attached").asLong();
        JsonNode location = s.pageserver(node0).get("/v1/location_config/" + s0).json();
        assertEquals(2, location.path("generation").asInt(), "attaching increments past the scanned generation");
        assertEquals(written.toString(), s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + timeline).json()
                .path("last_record_lsn").asText());
        RawHttp.Resp unhealthy = s.storcon.get("/control/v1/metadata_health/unhealthy");
        assertEquals("[\"" + s0 + "\"]", unhealthy.json().path("unhealthy_tenant_shards").toString(),
                "the database rows were kept, with their health record");

        // Importing a tenant the controller holds changes nothing and reports where it is attached now.
        RawHttp.Resp again = s.storcon.post(importPath(tenant), null);
        assertEquals(200, again.status(), again.body());
        assertEquals(node0, again.json().path("shards").get(0).path("node_id").asLong());
        assertEquals(2, again.json().path("shards").get(0).path("generation").asInt());
        assertEquals("{\"Attached\":0}", s.storcon.get("/control/v1/tenant/" + tenant).json().path("policy").toString());
    }

    @Test
    void aSplitTenant_comesBackWithItsHighestShardCount(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        s.createTimeline(tenant);
        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/shard_split",
                "{\"new_shard_count\": 4, \"new_stripe_size\": 4096}").status());
        s.awaitIdle(tenant);
        detachAndAwaitDropped(s, tenant);

        JsonNode scanned = s.pageserver(2).get("/v1/tenant/" + tenant + "/scan_remote_storage").json();
        assertEquals(5, scanned.path("shards").size(), "the parent's prefix stays in remote storage beside the children's");
        RawHttp.Resp imported = s.storcon.post(importPath(tenant), null);
        assertEquals(200, imported.status(), imported.body());
        assertEquals(4, imported.json().path("shards").size());
        JsonNode described = s.awaitIdle(tenant);
        assertEquals(4, described.path("shards").size());
        assertEquals(4096, described.path("stripe_size").asInt(), "the stripe size of the newest manifest");
    }

    @Test
    void errors_unknownTenant_noNodes_badId(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        TenantId unknown = TenantId.generate();
        RawHttp.Resp noNodes = s.storcon.post(importPath(unknown), null);
        assertEquals(400, noNodes.status());
        assertEquals("No nodes available", noNodes.msg());

        s.registerNodes();
        RawHttp.Resp missing = s.storcon.post(importPath(unknown), null);
        assertEquals(404, missing.status(), missing.body());
        assertEquals("NotFound: 1 (127.0.0.1): NotFound: No shards found for tenant ID " + unknown, missing.msg());
        RawHttp.Resp scan = s.pageserver(1).get("/v1/tenant/" + unknown + "/scan_remote_storage");
        assertEquals(404, scan.status());
        assertEquals("NotFound: No shards found for tenant ID " + unknown, scan.msg());
        assertEquals(400, s.storcon.post("/debug/v1/tenant/not-a-tenant/import", null).status());
        assertEquals(404, s.storcon.get(importPath(unknown)).status(), "import is a POST");

        // The scanning pageserver's failures, as passthrough_api_error maps them: both 503s naming the node.
        cluster.inject(Component.PAGESERVER, "GET", "/v1/tenant/*/scan_remote_storage", Fault.dropConnection(1));
        RawHttp.Resp dropped = s.storcon.post(importPath(unknown), null);
        assertEquals(503, dropped.status(), dropped.body());
        assertTrue(dropped.msg().startsWith("1 (127.0.0.1) error sending request: error sending request for url ("), dropped.msg());
        cluster.inject(Component.PAGESERVER, "GET", "/v1/tenant/*/scan_remote_storage", Fault.unavailable(1));
        RawHttp.Resp unavailable = s.storcon.post(importPath(unknown), null);
        assertEquals(503, unavailable.status(), unavailable.body());
        assertEquals("1 (127.0.0.1): Injected fault: service temporarily unavailable", unavailable.msg());
    }

    @Test
    @NeonCluster(pageservers = 1, registerNodes = true, auth = true)
    void throughTheClient_aTenantWithoutTimelines(NeonTestCluster cluster, StorageControllerClient storcon) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = TenantId.generate();
        storcon.tenants().create(CreateTenantRequest.unsharded(tenant)).await(Duration.ofSeconds(30));
        detachAndAwaitDropped(s, tenant);

        // Any token the auth middleware accepts may scan: the handler checks no scope.
        RawHttp asScrubber = RawHttp.pageserver(cluster.pageserver(1), cluster.token(Scope.SCRUBBER));
        JsonNode scanned = asScrubber.get("/v1/tenant/" + tenant + "/scan_remote_storage").json();
        assertTrue(scanned.path("shards").get(0).path("generation").isNull(), "no timeline, no index_part: Generation::none()");

        List<ShardLocation> imported = storcon.tenant(tenant).importFromRemoteStorage();
        assertEquals(1, imported.size());
        assertEquals(TenantShardId.unsharded(tenant), imported.get(0).shardId());
        assertEquals(NodeId.of(1), imported.get(0).nodeId());
        assertEquals(Generation.of(0), imported.get(0).generation().orElseThrow(), "INITIAL_GENERATION in memory");
        JsonNode location = s.pageserver(1).get("/v1/location_config/" + tenant).json();
        assertEquals(2, location.path("generation").asInt(), "the database row's generation is incremented, never reused");

        assertThrows(NotFoundException.class, () -> storcon.tenant(TenantId.generate()).importFromRemoteStorage());
        RawHttp asScrubberAtStorcon = RawHttp.storcon(cluster.storageController(), cluster.token(Scope.SCRUBBER));
        assertEquals(403, asScrubberAtStorcon.post(importPath(tenant), null).status(), "import needs pageserverapi");
    }
}
