package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.BadRequestException;
import io.neonclient.core.ConflictException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timeline visibility, heatmap-layer downloads, time travel, deletion-queue flush and top tenants on a pageserver
 * (pageserver/src/http/routes.rs): the exact requests sent and upstream's answers.
 */
class PageserverMoreRoutesTest extends PageserverTestBase {

    @Test
    void markInvisible_sendsNoBody_andMarkVisibleSendsIsVisibleTrue() {
        server.stubFor(put(tl(SHARD0, MAIN) + "/mark_invisible").willReturn(okJson("null")));
        ps.timeline(SHARD0, MAIN).markInvisible();
        assertEquals(0, server.getAllServeEvents().get(0).getRequest().getBody().length);
        ps.timeline(SHARD0, MAIN).markVisible();
        server.verify(putRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/mark_invisible")).withRequestBody(equalToJson("{\"is_visible\":true}")));
    }

    @Test
    void downloadHeatmapLayers_sendsConcurrencyAndRecurse_andStopDeletes() {
        server.stubFor(post(urlPathEqualTo(tl(SHARD1, MAIN) + "/download_heatmap_layers")).willReturn(jsonResponse("null", 202)));
        server.stubFor(delete(tl(SHARD1, MAIN) + "/download_heatmap_layers").willReturn(okJson("null")));
        ps.timeline(SHARD1, MAIN).downloadHeatmapLayers();
        ps.timeline(SHARD1, MAIN).downloadHeatmapLayers(4, true);
        ps.timeline(SHARD1, MAIN).stopHeatmapLayersDownload();
        server.verify(postRequestedFor(urlEqualTo(tl(SHARD1, MAIN) + "/download_heatmap_layers")));
        server.verify(postRequestedFor(urlEqualTo(tl(SHARD1, MAIN) + "/download_heatmap_layers?concurrency=4&recurse=true")));
        server.verify(deleteRequestedFor(urlEqualTo(tl(SHARD1, MAIN) + "/download_heatmap_layers")));
        assertThrows(IllegalArgumentException.class, () -> ps.timeline(SHARD1, MAIN).downloadHeatmapLayers(0, false));
    }

    @Test
    void downloadHeatmapLayers_whenRunning_isConflict() {
        server.stubFor(post(tl(SHARD1, MAIN) + "/download_heatmap_layers").willReturn(jsonResponse("{\"msg\":\"Conflict: Already running\"}", 409)));
        assertThrows(ConflictException.class, () -> ps.timeline(SHARD1, MAIN).downloadHeatmapLayers());
    }

    @Test
    void timeTravelRemoteStorage_sendsBothTimesAsQuery_andRejectsAnInvertedRange() {
        server.stubFor(put(urlPathEqualTo("/v1/tenant/" + SHARD0 + "/time_travel_remote_storage")).willReturn(okJson("null")));
        ps.tenant(SHARD0).timeTravelRemoteStorage(Instant.parse("2024-05-01T12:00:00Z"), Instant.parse("2024-05-01T13:00:00Z"));
        server.verify(putRequestedFor(urlEqualTo("/v1/tenant/" + SHARD0
                + "/time_travel_remote_storage?travel_to=2024-05-01T12%3A00%3A00Z&done_if_after=2024-05-01T13%3A00%3A00Z")));
        assertThrows(IllegalArgumentException.class, () -> ps.tenant(SHARD0).timeTravelRemoteStorage(
                Instant.parse("2024-05-01T13:00:00Z"), Instant.parse("2024-05-01T12:00:00Z")));
        server.stubFor(put(urlPathEqualTo("/v1/tenant/" + SHARD1 + "/time_travel_remote_storage")).willReturn(jsonResponse(
                "{\"msg\":\"Tenant " + SHARD1 + " is already attached at this pageserver\"}", 400)));
        assertThrows(BadRequestException.class, () -> ps.tenant(SHARD1).timeTravelRemoteStorage(
                Instant.parse("2024-05-01T12:00:00Z"), Instant.parse("2024-05-01T13:00:00Z")));
    }

    @Test
    void deletionQueueFlush_executeIsAQueryFlag() {
        server.stubFor(put(urlPathEqualTo("/v1/deletion_queue/flush")).willReturn(okJson("null")));
        ps.deletionQueueFlush(false);
        ps.deletionQueueFlush(true);
        server.verify(putRequestedFor(urlEqualTo("/v1/deletion_queue/flush")));
        server.verify(putRequestedFor(urlEqualTo("/v1/deletion_queue/flush?execute=true")));
    }

    @Test
    void downloadRemoteLayers_postsConcurrency_andAwaitsCompleted_evenAfterA409() {
        String running = "{\"task_id\":\"7\",\"state\":\"Running\",\"total_layer_count\":3,\"successful_download_count\":1,\"failed_download_count\":0}";
        String done = "{\"task_id\":\"7\",\"state\":\"Completed\",\"total_layer_count\":3,\"successful_download_count\":3,\"failed_download_count\":0}";
        server.stubFor(post(tl(SHARD0, MAIN) + "/download_remote_layers").willReturn(jsonResponse(running, 409)));
        server.stubFor(get(tl(SHARD0, MAIN) + "/download_remote_layers").inScenario("dl").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willReturn(okJson(running)).willSetStateTo("done"));
        server.stubFor(get(tl(SHARD0, MAIN) + "/download_remote_layers").inScenario("dl").whenScenarioStateIs("done").willReturn(okJson(done)));
        RemoteLayersDownload d = ps.timeline(SHARD0, MAIN).downloadRemoteLayers(4).await(java.time.Duration.ofSeconds(5));
        assertEquals(new RemoteLayersDownload("7", RemoteLayersDownloadState.COMPLETED, 3, 3, 0), d);
        server.verify(postRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/download_remote_layers"))
                .withRequestBody(equalToJson("{\"max_concurrent_downloads\":4}")));
        assertThrows(IllegalArgumentException.class, () -> ps.timeline(SHARD0, MAIN).downloadRemoteLayers(0));
    }

    @Test
    void ioEngineAndIoMode_sendTheKebabCaseName() {
        server.stubFor(put("/v1/io_engine").willReturn(okJson("null")));
        server.stubFor(put("/v1/io_mode").willReturn(okJson("null")));
        ps.ioEngine(IoEngineKind.TOKIO_EPOLL_URING);
        ps.ioMode(IoMode.DIRECT_RW);
        server.verify(putRequestedFor(urlEqualTo("/v1/io_engine")).withRequestBody(equalToJson("\"tokio-epoll-uring\"")));
        server.verify(putRequestedFor(urlEqualTo("/v1/io_mode")).withRequestBody(equalToJson("\"direct-rw\"")));
        assertEquals(IoMode.BUFFERED, IoMode.fromWire("buffered"));
        assertThrows(NullPointerException.class, () -> ps.ioMode(null));
    }

    @Test
    void tenantVisibleSizes_readsTheMapByShardId() {
        server.stubFor(get("/v1/list_tenant_visible_size").willReturn(okJson(
                "{\"" + SHARD0 + "\":26460160,\"" + UNSHARDED + "\":24600576}")));
        assertEquals(java.util.Map.of(SHARD0, 26460160L, UNSHARDED, 24600576L), ps.tenantVisibleSizes());
    }

    @Test
    void topTenants_sendsTheRequest_andReadsShards() {
        server.stubFor(post("/v1/top_tenants").willReturn(okJson("""
                {"shards":[{"id":"%s","resident_size":52428800,"physical_size":73400320,"max_logical_size":104857600,
                  "max_logical_size_per_shard":52428800}]}""".formatted(SHARD1))));
        TopTenantShards top = ps.topTenants(TenantSorting.RESIDENT_SIZE, 10, 8, 0);
        assertEquals(List.of(new TopTenantShards.Shard(SHARD1, 52428800, 73400320, 104857600, 52428800)), top.shards());
        server.verify(postRequestedFor(urlEqualTo("/v1/top_tenants")).withRequestBody(equalToJson(
                "{\"order_by\":\"resident_size\",\"limit\":10,\"where_shards_lt\":8,\"where_gt\":null}")));
        assertThrows(IllegalArgumentException.class, () -> ps.topTenants(TenantSorting.RESIDENT_SIZE, 0, 0, 0));
        assertThrows(NullPointerException.class, () -> ps.topTenants(null, 1, 0, 0));
        assertEquals("max_logical_size_per_shard", TenantSorting.MAX_LOGICAL_SIZE_PER_SHARD.toString());
        assertEquals(new TenantSorting.Unknown("by_color"), TenantSorting.fromWire("by_color"));
    }
}
