package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.contract.Fixtures;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Generation;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfig;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.model.SecondaryConf;
import io.neonclient.model.ShardLocations;
import io.neonclient.model.TenantAttachmentStatus;
import io.neonclient.model.TenantConfig;
import io.neonclient.model.TenantConfigView;
import io.neonclient.model.TenantDetails;
import io.neonclient.model.TenantInfo;
import io.neonclient.model.TenantState;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageserverClientTest extends PageserverTestBase {

    @Test
    void status_readsNodeIdWithoutToken() {
        server.stubFor(get("/v1/status").willReturn(okJson("{\"id\": 7}")));
        assertEquals(NodeId.of(7), ps.status().id());
    }

    @Test
    void create_toBuilder_andConfig_keepTheBaseUriAndTheSettings() {
        server.stubFor(get("/v1/status").willReturn(okJson("{\"id\": 7}")));
        PageserverClient plain = PageserverClient.create(URI.create("http://127.0.0.1:" + server.port() + "/"));
        assertEquals(ps.baseUri(), plain.baseUri());
        assertEquals(ClientConfig.defaults(), plain.config());
        assertEquals(NodeId.of(7), plain.status().id());
        PageserverClient copy = ps.toBuilder().configure(c -> c.withUserAgent("ops/2")).build();
        assertEquals(ps.baseUri(), copy.baseUri());
        assertEquals(ps.config().withUserAgent("ops/2"), copy.config());
        server.stubFor(get("/v1/tenant").willReturn(okJson("[]")));
        copy.tenants();
        server.verify(getRequestedFor(urlEqualTo("/v1/tenant")).withHeader("User-Agent", equalTo("ops/2"))
                .withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void locationConfigs_decodesTheTupleList() {
        server.stubFor(get("/v1/location_config").willReturn(okJson(Fixtures.load("pageserver.location_config_list.response.json"))));
        List<ShardLocationConfig> list = ps.locationConfigs();
        assertEquals(3, list.size());
        ShardLocationConfig first = list.get(0);
        assertEquals(SHARD0, first.shard());
        LocationConfig c = first.config().orElseThrow();
        assertEquals(LocationConfigMode.ATTACHED_SINGLE, c.mode());
        assertEquals(Optional.of(Generation.of(3)), c.generation());
        assertEquals(2, c.shardCount());
        assertEquals(2048, c.shardStripeSize());
        assertEquals(Optional.of("1h"), c.tenantConf().get("gc_period"));
        assertEquals(Optional.of(new SecondaryConf(true)), list.get(1).config().orElseThrow().secondaryConf());
        assertEquals(UNSHARDED, list.get(2).shard());
        assertTrue(list.get(2).config().isEmpty(), "null config = slot in transition");
        server.verify(getRequestedFor(urlEqualTo("/v1/location_config")).withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void shardLocationConfig_get_returnsEmptyOn404() {
        server.stubFor(get("/v1/location_config/" + SHARD1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"msg\":\"NotFound: tenant shard not found\"}")));
        assertEquals(Optional.empty(), ps.shard(SHARD1).locationConfig());
    }

    @Test
    void shardLocationConfig_putAttachedMulti_sendsStrictBodyAndQuery() {
        server.stubFor(put(urlPathEqualTo("/v1/tenant/" + SHARD1 + "/location_config")).willReturn(okJson(
                "{\"shards\":[{\"shard_id\":\"" + SHARD1 + "\",\"node_id\":2}],\"stripe_size\":2048}")));
        LocationConfig config = LocationConfig.attachedMulti(Generation.of(5)).forShard(SHARD1, StripeSize.DEFAULT)
                .withTenantConf(new TenantConfig(java.util.Map.of("pitr_interval", "7days")));
        ShardLocations result = ps.shard(SHARD1).locationConfig(config,
                LocationConfigUpdate.now().withFlush(java.time.Duration.ofSeconds(5)).withLazy(true));
        assertEquals(List.of(new ShardLocations.Location(SHARD1, NodeId.of(2))), result.shards());
        assertEquals(Optional.of(StripeSize.DEFAULT), result.stripeSize());
        server.verify(putRequestedFor(urlEqualTo("/v1/tenant/" + SHARD1 + "/location_config?flush_ms=5000&lazy=true"))
                .withRequestBody(equalToJson("{\"mode\":\"AttachedMulti\",\"generation\":5,\"secondary_conf\":null,\"shard_number\":1,"
                        + "\"shard_count\":2,\"shard_stripe_size\":2048,\"tenant_conf\":{\"pitr_interval\":\"7days\"}}")));
    }

    @Test
    void shardLocationConfig_secondaryAndDetached_bodies() {
        server.stubFor(put(urlPathMatching("/v1/tenant/.*/location_config")).willReturn(okJson("{\"shards\":[],\"stripe_size\":null}")));
        ps.shard(UNSHARDED).locationConfig(LocationConfig.secondary(true));
        ps.shard(UNSHARDED).locationConfig(LocationConfig.detached());
        ps.shard(UNSHARDED).locationConfig(LocationConfig.attachedStale(Generation.of(9)));
        server.verify(putRequestedFor(urlEqualTo("/v1/tenant/" + UNSHARDED + "/location_config")).withRequestBody(equalToJson(
                "{\"mode\":\"Secondary\",\"generation\":null,\"secondary_conf\":{\"warm\":true},\"tenant_conf\":{}}")));
        server.verify(putRequestedFor(urlEqualTo("/v1/tenant/" + UNSHARDED + "/location_config")).withRequestBody(equalToJson(
                "{\"mode\":\"Detached\",\"generation\":null,\"secondary_conf\":null,\"tenant_conf\":{}}")));
        server.verify(putRequestedFor(urlEqualTo("/v1/tenant/" + UNSHARDED + "/location_config")).withRequestBody(equalToJson(
                "{\"mode\":\"AttachedStale\",\"generation\":9,\"secondary_conf\":null,\"tenant_conf\":{}}")));
    }

    @Test
    void locationConfig_attachedWithoutGeneration_isRejectedBeforeSending() {
        var noGeneration = new LocationConfig(LocationConfigMode.ATTACHED_SINGLE, Optional.empty(), Optional.empty(), 0, 0, 0, TenantConfig.empty());
        var e = assertThrows(IllegalArgumentException.class, () -> ps.shard(UNSHARDED).locationConfig(noGeneration));
        assertTrue(e.getMessage().contains("generation"), e.getMessage());
        assertThrows(NullPointerException.class, () -> LocationConfig.attachedSingle(null));
        var secondaryWithGeneration = new LocationConfig(LocationConfigMode.SECONDARY, Optional.of(Generation.of(1)),
                Optional.of(new SecondaryConf(true)), 0, 0, 0, TenantConfig.empty());
        assertThrows(IllegalArgumentException.class, () -> ps.shard(UNSHARDED).locationConfig(secondaryWithGeneration));
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void tenants_andDescribe_decodeTenantInfoAndDetails() {
        server.stubFor(get("/v1/tenant").willReturn(okJson("[{\"id\":\"" + SHARD0 + "\",\"state\":{\"slug\":\"Broken\",\"data\":"
                + "{\"reason\":\"disk full\",\"backtrace\":\"\"}},\"current_physical_size\":null,\"attachment_status\":"
                + "{\"slug\":\"failed\",\"data\":{\"reason\":\"disk full\"}},\"generation\":3}]")));
        server.stubFor(get("/v1/tenant/" + SHARD0).willReturn(okJson(Fixtures.load("pageserver.tenant_detail.response.json"))));
        TenantInfo info = ps.tenants().get(0);
        assertTrue(info.state().isBroken());
        assertEquals(new TenantState.Broken("disk full", ""), info.state());
        assertEquals("Broken", info.state().toString());
        assertEquals(new TenantAttachmentStatus.Failed("disk full"), info.attachmentStatus());
        TenantDetails d = ps.tenant(SHARD0).describe();
        assertTrue(d.state().isActive());
        assertTrue(d.attachmentStatus().isAttached());
        assertEquals(Generation.of(3), d.generation());
        assertEquals(List.of(MAIN, BRANCH), d.timelines());
        assertEquals(4242, d.walredo().orElseThrow().process().orElseThrow().pid());
        assertEquals(Optional.of(48635904L), d.info().currentPhysicalSize());
    }

    @Test
    void tenantConfig_andHeatmapUpload() {
        server.stubFor(get("/v1/tenant/" + SHARD0 + "/config").willReturn(okJson(Fixtures.load("storcon.tenant_config_get.response.json"))));
        server.stubFor(post("/v1/tenant/" + SHARD0 + "/heatmap_upload").willReturn(okJson("null")));
        TenantConfigView view = ps.tenant(SHARD0).config();
        assertEquals(Optional.of("7days"), view.effectiveConfig().get("pitr_interval"));
        assertEquals(Optional.of("1h"), view.tenantSpecificOverrides().get("gc_period"));
        ps.tenant(SHARD0).heatmapUpload();
        server.verify(postRequestedFor(urlEqualTo("/v1/tenant/" + SHARD0 + "/heatmap_upload")));
    }

    @Test
    void calls_askForThePageserverApiScope_neverAdmin() {
        server.stubFor(get("/v1/tenant").willReturn(okJson("[]")));
        var scoped = ps.toBuilder().configure(c -> c.withTokens(io.neonclient.core.TokenProvider.perScope(java.util.Map.of(
                io.neonclient.core.Scope.PAGESERVER_API, "ps-token", io.neonclient.core.Scope.ADMIN, "admin-token")))).build();
        assertEquals(List.of(), scoped.tenants());
        server.verify(getRequestedFor(urlEqualTo("/v1/tenant")).withHeader("Authorization", equalTo("Bearer ps-token")));
    }

    @Test
    void updateAndPatchConfig_sendTenantIdWithFlattenedSettings_nullRemovesAnOverride() {
        server.stubFor(put("/v1/tenant/config").willReturn(okJson("null")));
        server.stubFor(patch(urlEqualTo("/v1/tenant/config")).willReturn(okJson("null")));
        ps.tenant(UNSHARDED).updateConfig(TenantConfig.empty().with("gc_period", "1h").with("pitr_interval", "7days"));
        ps.tenant(UNSHARDED).patchConfig(TenantConfig.empty(), List.of("gc_period"));
        server.verify(putRequestedFor(urlEqualTo("/v1/tenant/config")).withRequestBody(equalToJson(
                "{\"tenant_id\":\"" + UNSHARDED + "\",\"gc_period\":\"1h\",\"pitr_interval\":\"7days\"}")));
        server.verify(patchRequestedFor(urlEqualTo("/v1/tenant/config")).withRequestBody(equalToJson(
                "{\"tenant_id\":\"" + UNSHARDED + "\",\"gc_period\":null}")));
        assertThrows(IllegalArgumentException.class, () -> ps.tenant(SHARD0).updateConfig(TenantConfig.empty()));
        assertThrows(IllegalArgumentException.class, () -> ps.tenant(UNSHARDED).patchConfig(TenantConfig.empty(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ps.tenant(UNSHARDED).patchConfig(TenantConfig.empty().with("gc_period", "1h"), List.of("gc_period")));
        assertThrows(IllegalArgumentException.class, () -> ps.tenant(UNSHARDED).patchConfig(TenantConfig.empty(), List.of("Bad Key")));
        server.verify(1, patchRequestedFor(urlEqualTo("/v1/tenant/config")));
    }

    @Test
    void tenantDelete_retries503ThenSucceeds() {
        String url = "/v1/tenant/" + SHARD0;
        server.stubFor(delete(url).inScenario("d").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody("{\"msg\":\"tenant is being modified\"}"))
                .willSetStateTo("ok"));
        server.stubFor(delete(url).inScenario("d").whenScenarioStateIs("ok").willReturn(okJson("null")));
        ps.tenant(SHARD0).delete();
        server.verify(2, deleteRequestedFor(urlEqualTo(url)));
    }

    @Test
    void tenantConfig_rejectsNonSnakeCaseKeys() {
        assertThrows(IllegalArgumentException.class, () -> TenantConfig.empty().with("gcPeriod", "1h"));
        assertEquals(Lsn.ZERO, Lsn.parse("0/0"));
        assertThrows(NullPointerException.class, () -> ps.tenant(null));
        assertThrows(NullPointerException.class, () -> ps.timeline(TenantShardId.unsharded(SHARD0.tenantId()), null));
    }

    @Test
    void scanRemoteStorage_decodesEveryShardPrefix_andItsShardCounts() {
        String tenant = "5187ddbeeda5e7bf3a699a26009f434c";
        server.stubFor(get("/v1/tenant/" + tenant + "/scan_remote_storage").willReturn(okJson("""
                {"shards": [
                  {"tenant_shard_id": "5187ddbeeda5e7bf3a699a26009f434c", "generation": 3, "stripe_size": null},
                  {"tenant_shard_id": "5187ddbeeda5e7bf3a699a26009f434c-0004", "generation": 5, "stripe_size": 2048},
                  {"tenant_shard_id": "5187ddbeeda5e7bf3a699a26009f434c-0104", "generation": null, "stripe_size": 2048}
                ]}""")));
        RemoteStorageScan scan = ps.scanRemoteStorage(io.neonclient.core.TenantId.parse(tenant));
        assertEquals(3, scan.shards().size());
        assertEquals(new RemoteStorageScan.Shard(TenantShardId.parse(tenant), Optional.of(Generation.of(3)), Optional.empty()),
                scan.shards().get(0));
        assertEquals(Optional.of(new StripeSize(2048)), scan.shards().get(1).stripeSize());
        assertEquals(Optional.empty(), scan.shards().get(2).generation(), "a prefix without an index has no generation");
        assertEquals(List.of(0, 4), scan.shardCounts(), "the unsharded prefix written before the split is listed too");
        server.verify(getRequestedFor(urlEqualTo("/v1/tenant/" + tenant + "/scan_remote_storage"))
                .withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void scanRemoteStorage_whenTheTenantHasNoPrefix_throwsNotFound() {
        String tenant = "5187ddbeeda5e7bf3a699a26009f434c";
        server.stubFor(get("/v1/tenant/" + tenant + "/scan_remote_storage").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"msg\":\"No shards found for tenant ID " + tenant + "\"}")));
        var e = assertThrows(io.neonclient.core.NotFoundException.class, () -> ps.scanRemoteStorage(io.neonclient.core.TenantId.parse(tenant)));
        assertTrue(e.getMessage().contains("No shards found"), e.getMessage());
        assertThrows(NullPointerException.class, () -> ps.scanRemoteStorage(null));
    }
}
