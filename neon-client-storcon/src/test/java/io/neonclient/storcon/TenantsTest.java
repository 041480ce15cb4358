package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.BadRequestException;
import io.neonclient.core.ConflictException;
import io.neonclient.core.Generation;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.UnavailableException;
import io.neonclient.model.LocationConfig;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.model.SecondaryProgress;
import io.neonclient.model.ShardLocations;
import io.neonclient.model.TenantConfig;
import io.neonclient.model.TenantConfigView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TenantsTest extends WireMockTestBase {

    @Test
    void create_sendsFixtureBody_withPageserverApiScope_andDecodesShards() {
        server.stubFor(post("/v1/tenant").willReturn(fixtureResponse(201, "storcon.tenant_create.response.json")));
        TenantCreation created = storcon.tenants().create(CreateTenantRequest.sharded(TENANT, 2, StripeSize.DEFAULT)
                .withPlacement(PlacementPolicy.attached(1))
                .withConfig(TenantConfig.empty().with("pitr_interval", "7days").with("gc_period", Duration.ofHours(1))));
        assertRequest(onlyRequest(), "POST", "/v1/tenant", Scope.PAGESERVER_API);
        assertBodyIsFixture(onlyRequest(), "storcon.tenant_create.request.json");
        assertEquals(TENANT, created.tenantId());
        assertEquals(List.of(new ShardLocation(SHARD0, NodeId.of(1), Optional.of(Generation.of(0))),
                new ShardLocation(SHARD1, NodeId.of(2), Optional.of(Generation.of(0)))), created.shards());
    }

    @Test
    void create_unsharded_sendsNoShardParameters() {
        server.stubFor(post("/v1/tenant").willReturn(json(201, "{\"shards\":[]}")));
        storcon.tenants().create(CreateTenantRequest.unsharded(UNSHARDED));
        LoggedRequestAssert.body(onlyRequest(), "{\"new_tenant_id\":\"" + UNSHARDED + "\"}");
    }

    @Test
    void create_schedulingFailure_isConflict() {
        server.stubFor(post("/v1/tenant").willReturn(error(409, "Conflict: Failed to schedule shard(s)")));
        assertThrows(ConflictException.class, () -> storcon.tenants().create(CreateTenantRequest.unsharded(TENANT)));
    }

    @Test
    void create_isRetriedOn503_becauseUpstreamAcceptsIdenticalRepeats() {
        stubSequence(() -> post(urlPathEqualTo("/v1/tenant")), List.of(error(503, "Shutting down"),
                fixtureResponse(201, "storcon.tenant_create.response.json")));
        storcon.tenants().create(CreateTenantRequest.sharded(TENANT, 2, StripeSize.DEFAULT));
        assertEquals(2, requests().size());
    }

    @Test
    void create_badInput_rejectedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> CreateTenantRequest.sharded(TENANT, 0, StripeSize.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> CreateTenantRequest.sharded(TENANT, 256, StripeSize.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> CreateTenantRequest.sharded(TENANT, 2, StripeSize.ofPages(65558)));
        assertThrows(IllegalArgumentException.class, () -> CreateTenantRequest.unsharded(TENANT)
                .withConfig(TenantConfig.empty().with("placement_policy", "Detached")));
        assertThrows(IllegalArgumentException.class, () -> TenantConfig.empty().with("GcPeriod", "1h"));
        assertThrows(NullPointerException.class, () -> storcon.tenants().create(null));
        assertNothingSent();
    }

    @Test
    void describe_decodesFixture_withScrubberScope() {
        server.stubFor(get("/control/v1/tenant/" + TENANT).willReturn(fixtureResponse(200, "storcon.tenant_describe.response.json")));
        TenantDescription d = storcon.tenant(TENANT).describe();
        assertRequest(onlyRequest(), "GET", "/control/v1/tenant/" + TENANT, Scope.SCRUBBER);
        assertEquals(TENANT, d.tenantId());
        assertEquals(PlacementPolicy.attached(1), d.policy());
        assertEquals(StripeSize.ofPages(2048), d.stripeSize());
        assertEquals(Optional.of(Duration.ofHours(1)), d.config().duration("gc_period"));
        assertEquals(Optional.of(Duration.ofDays(7)), d.config().duration("pitr_interval"));
        assertEquals(2, d.shardCount());
        ShardDescription s0 = d.shards().get(0);
        assertEquals(SHARD0, s0.id());
        assertEquals(Optional.of(NodeId.of(1)), s0.attachedNode());
        assertEquals(List.of(NodeId.of(2)), s0.secondaryNodes());
        assertEquals("", s0.lastError());
        assertFalse(s0.isReconciling());
        assertFalse(s0.isPendingComputeNotification());
        assertFalse(s0.isSplitting());
        assertFalse(s0.isImporting());
        assertEquals(ShardSchedulingPolicy.ACTIVE, s0.schedulingPolicy());
        assertEquals(Optional.of("az-a"), s0.preferredAz());
        assertTrue(d.shards().get(1).isReconciling());
        assertFalse(d.isIdle());
    }

    @Test
    void describe_missingTenant_isNotFoundException() {
        server.stubFor(get("/control/v1/tenant/" + TENANT).willReturn(error(404, "NotFound: Tenant " + TENANT + " not found")));
        NotFoundException e = assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).describe());
        assertEquals(404, e.status());
    }

    @Test
    void list_decodesFixture_secondaryPolicyAndUnshardedIds() {
        server.stubFor(get(urlPathEqualTo("/control/v1/tenant")).willReturn(fixtureResponse(200, "storcon.tenant_list.response.json")));
        List<TenantDescription> all = storcon.tenants().list().toList();
        assertRequest(onlyRequest(), "GET", "/control/v1/tenant?limit=100", Scope.ADMIN);
        assertEquals(2, all.size());
        TenantDescription unsharded = all.get(1);
        assertEquals(PlacementPolicy.secondary(), unsharded.policy());
        assertEquals(TenantShardId.unsharded(UNSHARDED), unsharded.shards().get(0).id());
        assertEquals(Optional.empty(), unsharded.shards().get(0).attachedNode());
        assertTrue(unsharded.config().isEmpty());
    }

    @Test
    void list_pagesLazilyWithStartAfter_untilAShortPage() {
        TenantId a = TenantId.parse("00000000000000000000000000000001");
        TenantId b = TenantId.parse("00000000000000000000000000000002");
        TenantId c = TenantId.parse("00000000000000000000000000000003");
        String policy = "{\"Attached\":0}";
        server.stubFor(get("/control/v1/tenant?limit=2").willReturn(json(200, "[" + Describe.tenant(a.toString(), policy) + ","
                + Describe.tenant(b.toString(), policy) + "]")));
        server.stubFor(get("/control/v1/tenant?limit=2&start_after=" + b).willReturn(json(200, "[" + Describe.tenant(c.toString(), policy) + "]")));

        Stream<TenantDescription> stream = storcon.tenants().list(2);
        assertNothingSent();
        assertEquals(List.of(a), stream.limit(1).map(TenantDescription::tenantId).toList());
        assertEquals(1, requests().size());

        server.resetRequests();
        assertEquals(List.of(a, b, c), storcon.tenants().list(2).map(TenantDescription::tenantId).collect(Collectors.toList()));
        assertEquals(2, requests().size());
        assertRequest(requests().get(1), "GET", "/control/v1/tenant?limit=2&start_after=" + b, Scope.ADMIN);
    }

    @Test
    void list_pageSizeValidated() {
        assertThrows(IllegalArgumentException.class, () -> storcon.tenants().list(0));
        assertNothingSent();
    }

    @Test
    void updatePolicy_detach_sendsFixtureBody_withAdminScope() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/policy").willReturn(nullBody(200)));
        PolicyChange change = storcon.tenant(TENANT).updatePolicy(PlacementPolicy.detached());
        assertRequest(onlyRequest(), "PUT", "/control/v1/tenant/" + TENANT + "/policy", Scope.ADMIN);
        assertBodyIsFixture(onlyRequest(), "storcon.tenant_policy_update.detach.request.json");
        assertEquals(PlacementPolicy.detached(), change.policy());
    }

    @Test
    void updatePolicy_attachWithScheduling_sendsFixtureBody() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/policy").willReturn(nullBody(200)));
        storcon.tenant(TENANT).updatePolicy(PlacementPolicy.attached(1), ShardSchedulingPolicy.ACTIVE);
        assertBodyIsFixture(onlyRequest(), "storcon.tenant_policy_update.attach.request.json");
    }

    @Test
    void updateScheduling_sendsOnlyScheduling() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/policy").willReturn(nullBody(200)));
        storcon.tenant(TENANT).updateScheduling(ShardSchedulingPolicy.ESSENTIAL);
        LoggedRequestAssert.body(onlyRequest(), "{\"scheduling\":\"Essential\"}");
        storcon.tenant(TENANT).updateScheduling(ShardSchedulingPolicy.fromWire("Hibernate"));
        assertEquals(2, requests().size());
        LoggedRequestAssert.body(requests().get(1), "{\"scheduling\":\"Hibernate\"}");
    }

    @Test
    void updatePolicy_unknownTenant_isNotFound() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/policy").willReturn(error(404, "NotFound: tenant")));
        assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).updatePolicy(PlacementPolicy.attached(0)));
    }

    @Test
    void delete_sendsDelete_withPageserverApiScope() {
        server.stubFor(delete("/v1/tenant/" + TENANT).willReturn(nullBody(200)));
        storcon.tenant(TENANT).delete();
        assertRequest(onlyRequest(), "DELETE", "/v1/tenant/" + TENANT, Scope.PAGESERVER_API);
    }

    @Test
    void delete_slowDetach_is408Unavailable_notRetried() {
        server.stubFor(delete("/v1/tenant/" + TENANT).willReturn(error(408, "Timeout waiting for shard")));
        assertThrows(UnavailableException.class, () -> storcon.tenant(TENANT).delete());
        assertEquals(1, requests().size());
    }

    @Test
    void config_get_decodesFixture() {
        server.stubFor(get("/v1/tenant/" + TENANT + "/config").willReturn(fixtureResponse(200, "storcon.tenant_config_get.response.json")));
        TenantConfigView c = storcon.tenant(TENANT).config();
        assertRequest(onlyRequest(), "GET", "/v1/tenant/" + TENANT + "/config", Scope.PAGESERVER_API);
        assertEquals(Optional.of("1h"), c.tenantSpecificOverrides().get("gc_period"));
        assertEquals(Optional.of(Duration.ofDays(7)), c.effectiveConfig().duration("pitr_interval"));
    }

    @Test
    void config_nullValuesFromTheServerReadAsUnset_butCannotBeSet() {
        server.stubFor(get("/v1/tenant/" + TENANT + "/config").willReturn(json(200,
                "{\"tenant_specific_overrides\":{\"gc_period\":\"1h\",\"sampling_ratio\":null},\"effective_config\":{}}")));
        TenantConfigView c = storcon.tenant(TENANT).config();
        assertEquals(Set.of("gc_period"), c.tenantSpecificOverrides().settings().keySet());
        assertThrows(NullPointerException.class, () -> TenantConfig.empty().with("gc_period", (Object) null));
    }

    @Test
    void config_set_sendsFixtureBody() {
        server.stubFor(put("/v1/tenant/config").willReturn(nullBody(200)));
        storcon.tenant(TENANT).setConfig(TenantConfig.empty().with("gc_period", Duration.ofHours(1)).with("pitr_interval", Duration.ofDays(7)));
        assertRequest(onlyRequest(), "PUT", "/v1/tenant/config", Scope.PAGESERVER_API);
        assertBodyIsFixture(onlyRequest(), "storcon.tenant_config_set.request.json");
    }

    @Test
    void config_patch_sendsFixtureBody_withNullForRemoval() {
        server.stubFor(patch(urlPathEqualTo("/v1/tenant/config")).willReturn(nullBody(200)));
        storcon.tenant(TENANT).patchConfig(TenantConfig.empty().with("gc_period", Duration.ofHours(2)), List.of("pitr_interval"));
        assertRequest(onlyRequest(), "PATCH", "/v1/tenant/config", Scope.PAGESERVER_API);
        assertBodyIsFixture(onlyRequest(), "storcon.tenant_config_patch.request.json");
    }

    @Test
    void config_patch_badInput_rejectedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT).patchConfig(TenantConfig.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT)
                .patchConfig(TenantConfig.empty().with("gc_period", "1h"), Set.of("gc_period")));
        assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT).patchConfig(TenantConfig.empty(), List.of("Bad Key")));
        assertNothingSent();
    }

    @Test
    void locationConfig_sendsFixtureBody_andDecodesFixture() {
        server.stubFor(put("/v1/tenant/" + UNSHARDED + "/location_config").willReturn(fixtureResponse(200, "storcon.tenant_location_config.response.json")));
        ShardLocations r = storcon.tenant(UNSHARDED).locationConfig(LocationConfig.of(LocationConfigMode.ATTACHED_SINGLE, TenantConfig.empty()));
        assertRequest(onlyRequest(), "PUT", "/v1/tenant/" + UNSHARDED + "/location_config", Scope.PAGESERVER_API);
        assertBodyIsFixture(onlyRequest(), "storcon.tenant_location_config.request.json");
        assertEquals(List.of(new ShardLocations.Location(TenantShardId.unsharded(UNSHARDED), NodeId.of(1))), r.shards());
        assertEquals(Optional.empty(), r.stripeSize());
    }

    @Test
    void locationConfig_secondaryWithGeneration() {
        server.stubFor(put("/v1/tenant/" + UNSHARDED + "/location_config").willReturn(json(200, "{\"shards\":[],\"stripe_size\":null}")));
        storcon.tenant(UNSHARDED).locationConfig(LocationConfig.of(LocationConfigMode.SECONDARY, TenantConfig.empty().with("gc_period", "1h"))
                .withGeneration(Generation.of(5)).withSecondaryConf(true));
        LoggedRequestAssert.body(onlyRequest(), "{\"mode\":\"Secondary\",\"generation\":5,\"secondary_conf\":{\"warm\":true},"
                + "\"tenant_conf\":{\"gc_period\":\"1h\"}}");
    }

    @Test
    void split_sendsFixtureBody_andReturnsNewShards() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/shard_split").willReturn(fixtureResponse(200, "storcon.shard_split.response.json")));
        ShardSplit split = storcon.tenant(TENANT).split(4);
        assertRequest(onlyRequest(), "PUT", "/control/v1/tenant/" + TENANT + "/shard_split", Scope.ADMIN);
        assertBodyIsFixture(onlyRequest(), "storcon.shard_split.request.json");
        assertEquals(4, split.newShards().size());
        assertEquals(TenantShardId.parse(TENANT + "-0304"), split.newShards().get(3));
    }

    @Test
    void split_withStripeSize_sendsPages() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/shard_split").willReturn(json(200, "{\"new_shards\":[]}")));
        storcon.tenant(TENANT).split(2, StripeSize.ofBytes(256L << 20));
        LoggedRequestAssert.body(onlyRequest(), "{\"new_shard_count\":2,\"new_stripe_size\":32768}");
    }

    @Test
    void split_badInput_rejected_andMidSplitIsConflict() {
        assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT).split(1));
        assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT).split(4, StripeSize.ofPages(3000)));
        assertNothingSent();
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/shard_split").willReturn(error(409, "Conflict: Cannot split, currently mid-split")));
        assertThrows(ConflictException.class, () -> storcon.tenant(TENANT).split(8));
    }

    @Test
    void secondaryDownload_200IsComplete_202IsInProgress() {
        server.stubFor(post("/v1/tenant/" + TENANT + "/secondary/download?wait_ms=5000")
                .willReturn(fixtureResponse(202, "storcon.secondary_download.response.json")));
        SecondaryDownloadStatus status = storcon.tenant(TENANT).secondaryDownload(Duration.ofSeconds(5));
        assertRequest(onlyRequest(), "POST", "/v1/tenant/" + TENANT + "/secondary/download?wait_ms=5000", Scope.PAGESERVER_API);
        assertFalse(status.complete());
        SecondaryProgress p = status.progress();
        assertEquals(10, p.layersDownloaded());
        assertEquals(12, p.layersTotal());
        assertEquals(1048576, p.bytesDownloaded());
        assertEquals(1310720, p.bytesTotal());
        assertEquals(Optional.of(Instant.parse("2025-06-01T10:00:00Z")), p.heatmapMtime());
        server.stubFor(post("/v1/tenant/" + TENANT + "/secondary/download?wait_ms=5000")
                .willReturn(fixtureResponse(200, "storcon.secondary_download.response.json")));
        assertTrue(storcon.tenant(TENANT).secondaryDownload(Duration.ofSeconds(5)).complete());
    }

    @Test
    void secondaryDownload_withoutWait_sendsNoQuery() {
        server.stubFor(post("/v1/tenant/" + TENANT + "/secondary/download").willReturn(fixtureResponse(200, "storcon.secondary_download.response.json")));
        assertTrue(storcon.tenant(TENANT).secondaryDownload().complete());
        assertRequest(onlyRequest(), "POST", "/v1/tenant/" + TENANT + "/secondary/download", Scope.PAGESERVER_API);
    }

    @Test
    void tenantPreferredAz_setsEveryShard() {
        server.stubFor(get("/control/v1/tenant/" + TENANT).willReturn(fixtureResponse(200, "storcon.tenant_describe.response.json")));
        server.stubFor(put("/control/v1/preferred_azs").willReturn(json(200, "{\"updated\":[\"" + SHARD0 + "\",\"" + SHARD1 + "\"]}")));
        assertEquals(List.of(SHARD0, SHARD1), storcon.tenant(TENANT).updatePreferredAz("az-b"));
        assertRequest(requests().get(1), "PUT", "/control/v1/preferred_azs", Scope.ADMIN);
        LoggedRequestAssert.body(requests().get(1), "{\"" + SHARD0 + "\":\"az-b\",\"" + SHARD1 + "\":\"az-b\"}");
    }

    @Test
    void secondaryDownload_noSecondaries_isNotFound() {
        server.stubFor(post(urlPathEqualTo("/v1/tenant/" + TENANT + "/secondary/download")).willReturn(error(404, "NotFound: no secondaries")));
        assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).secondaryDownload(Duration.ZERO));
    }

    @Test
    void timeTravel_sendsUtcRfc3339Query_andFixtureBody() {
        server.stubFor(put(urlPathEqualTo("/v1/tenant/" + TENANT + "/time_travel_remote_storage")).willReturn(nullBody(200)));
        storcon.tenant(TENANT).timeTravelRemoteStorage(Instant.parse("2024-05-01T12:00:00Z"), Instant.parse("2024-05-02T08:30:00Z"), List.of(2));
        assertRequest(onlyRequest(), "PUT", "/v1/tenant/" + TENANT
                + "/time_travel_remote_storage?travel_to=2024-05-01T12%3A00%3A00Z&done_if_after=2024-05-02T08%3A30%3A00Z", Scope.PAGESERVER_API);
        assertEquals("2024-05-01T12:00:00Z", onlyRequest().queryParameter("travel_to").firstValue());
        assertBodyIsFixture(onlyRequest(), "storcon.time_travel_remote_storage.request.json");
    }

    @Test
    void timeTravel_badInput_rejectedBeforeSending() {
        Instant t = Instant.parse("2024-05-01T12:00:00Z");
        var tenant = storcon.tenant(TENANT);
        assertThrows(IllegalArgumentException.class, () -> tenant.timeTravelRemoteStorage(t.plusSeconds(1), t, List.of(2)));
        assertThrows(IllegalArgumentException.class, () -> tenant.timeTravelRemoteStorage(t, t, List.of()));
        assertThrows(NullPointerException.class, () -> tenant.timeTravelRemoteStorage(t, t, null));
        assertThrows(IllegalArgumentException.class, () -> tenant.timeTravelRemoteStorage(t, t, List.of(256)));
        assertThrows(NullPointerException.class, () -> tenant.timeTravelRemoteStorage(null, t, List.of(2)));
        assertThrows(IllegalArgumentException.class, () -> tenant.timeTravelRemoteStorage(Instant.parse("1960-01-01T00:00:00Z"), t, List.of(2)));
        assertNothingSent();
    }

    @Test
    void timeTravel_tenantNotDetached_is500() {
        server.stubFor(put(urlPathEqualTo("/v1/tenant/" + TENANT + "/time_travel_remote_storage"))
                .willReturn(error(500, "We want tenant to be attached in shard with tenant_shard_id=" + SHARD0)));
        Instant t = Instant.parse("2024-05-01T12:00:00Z");
        assertThrows(ServerErrorException.class, () -> storcon.tenant(TENANT).timeTravelRemoteStorage(t, t, List.of(0, 2)));
        LoggedRequestAssert.body(onlyRequest(), "{\"shard_counts\":[0,2]}");
    }

    @Test
    void locate_decodesAddresses_withAdminScope() {
        server.stubFor(get("/debug/v1/tenant/" + TENANT + "/locate").willReturn(json(200, "{\"shards\":[{\"shard_id\":\"" + SHARD0
                + "\",\"node_id\":1,\"listen_pg_addr\":\"ps-1\",\"listen_pg_port\":6400,\"listen_grpc_addr\":null,\"listen_grpc_port\":null,"
                + "\"listen_http_addr\":\"ps-1\",\"listen_http_port\":9898,\"listen_https_port\":null}],"
                + "\"shard_params\":{\"count\":2,\"stripe_size\":2048}}")));
        TenantLocation l = storcon.tenant(TENANT).locate();
        assertRequest(onlyRequest(), "GET", "/debug/v1/tenant/" + TENANT + "/locate", Scope.ADMIN);
        assertEquals(SHARD0, l.shards().get(0).shardId());
        assertEquals("ps-1", l.shards().get(0).listenPgAddr());
        assertEquals(2, l.shardParams().count());
        assertEquals(StripeSize.DEFAULT, l.shardParams().stripeSize());
    }

    @Test
    void importFromRemoteStorage_posts_withPageserverApiScope() {
        server.stubFor(post("/debug/v1/tenant/" + TENANT + "/import").willReturn(fixtureResponse(200, "storcon.tenant_create.response.json")));
        assertEquals(2, storcon.tenant(TENANT).importFromRemoteStorage().size());
        assertRequest(onlyRequest(), "POST", "/debug/v1/tenant/" + TENANT + "/import", Scope.PAGESERVER_API);
    }

    @Test
    void badRequest_isBadRequestException() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/shard_split").willReturn(error(400, "tenant is not attached")));
        assertThrows(BadRequestException.class, () -> storcon.tenant(TENANT).split(4));
    }
}
