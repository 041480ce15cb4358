package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.neonclient.core.BadRequestException;
import io.neonclient.core.Lsn;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TimelineId;
import io.neonclient.model.Timeline;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reset, utilization, layers, disk-usage eviction and offloaded timelines (pageserver/src/http/routes.rs): the bytes
 * upstream's serde structs write, and the exact requests sent.
 */
class PageserverOperatorRoutesTest extends PageserverTestBase {
    static final String IMAGE = "000000000000000000000000000000000000-FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF__00000000014EE150";
    static final String DELTA = "000000000000000000000000000000000000-FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF__00000000014EE150-00000000016B5A58";

    private LoggedRequest only() {
        var all = server.getAllServeEvents();
        assertEquals(1, all.size());
        return all.get(0).getRequest();
    }

    @Test
    void reset_postsWithoutBody_andDropCacheAsQueryFlag() {
        server.stubFor(post(urlPathEqualTo("/v1/tenant/" + SHARD1 + "/reset")).willReturn(okJson("null")));
        ps.tenant(SHARD1).reset();
        assertEquals("/v1/tenant/" + SHARD1 + "/reset", only().getUrl());
        assertEquals("Bearer test-token", only().getHeader("Authorization"));
        server.resetRequests();
        ps.tenant(SHARD1).reset(true);
        assertEquals("/v1/tenant/" + SHARD1 + "/reset?drop_cache=true", only().getUrl());
        assertEquals(0, only().getBody().length);
    }

    @Test
    void reset_whenNotAttached_isUpstreams500() {
        // tenant_reset_handler maps every reset_tenant error to InternalServerError
        server.stubFor(post("/v1/tenant/" + SHARD1 + "/reset")
                .willReturn(jsonResponse("{\"msg\":\"Tenant " + SHARD1 + " not found\"}", 500)));
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> ps.tenant(SHARD1).reset());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void utilization_readsEveryField() {
        server.stubFor(get("/v1/utilization").willReturn(okJson("""
                {"disk_usage_bytes":1048576000,"free_space_bytes":98951424000,"disk_wanted_bytes":524288000,\
                "disk_usable_pct":100,"shard_count":3,"max_shard_count":2500,"utilization_score":1200,\
                "captured_at":"2024-07-30T15:45:11.123Z"}""")));
        PageserverUtilization u = ps.utilization();
        assertEquals(new PageserverUtilization(1048576000L, 98951424000L, 524288000L, 100, 3, 2500, Optional.of(1200L),
                Instant.parse("2024-07-30T15:45:11.123Z")), u);
        assertEquals("GET", only().getMethod().getName());
    }

    @Test
    void layers_readsTaggedInMemoryAndHistoricLayers() {
        server.stubFor(get(tl(SHARD0, MAIN) + "/layer").willReturn(okJson("""
                {"in_memory_layers":[{"kind":"Open","lsn_start":"0/16B5A58"},{"kind":"Frozen","lsn_start":"0/16B0000","lsn_end":"0/16B5A58"}],
                 "historic_layers":[
                  {"kind":"Image","layer_file_name":"%s","layer_file_size":24600576,"lsn_start":"0/14EE150","remote":false,
                   "access_stats":{"access_time":1722354311123,"residence_time":1722354300000,"visible":true}},
                  {"kind":"Delta","layer_file_name":"%s","layer_file_size":1859584,"lsn_start":"0/14EE150","lsn_end":"0/16B5A58",
                   "remote":true,"access_stats":{"access_time":1722354311123,"residence_time":1722354320000,"visible":true},"l0":true}]}"""
                .formatted(IMAGE, DELTA))));
        LayerMap map = ps.timeline(SHARD0, MAIN).layers();
        assertEquals(List.of(new LayerMap.InMemory.Open(Lsn.parse("0/16B5A58")),
                new LayerMap.InMemory.Frozen(Lsn.parse("0/16B0000"), Lsn.parse("0/16B5A58"))), map.inMemoryLayers());
        LayerMap.Historic.Image image = (LayerMap.Historic.Image) map.historicLayers().get(0);
        assertEquals(IMAGE, image.layerFileName());
        assertEquals(24600576L, image.layerFileSize());
        assertEquals(Instant.ofEpochMilli(1722354311123L), image.accessStats().accessTime());
        LayerMap.Historic.Delta delta = (LayerMap.Historic.Delta) map.historicLayers().get(1);
        assertTrue(delta.l0());
        assertEquals(Lsn.parse("0/16B5A58"), delta.lsnEnd());
        assertEquals(List.of(delta), map.evicted());
        assertEquals(List.of(image), map.resident());
    }

    @Test
    void evictLayer_isTrueOn200_falseOn304() {
        server.stubFor(delete(tl(SHARD0, MAIN) + "/layer/" + IMAGE).willReturn(okJson("null")));
        server.stubFor(delete(tl(SHARD0, MAIN) + "/layer/" + DELTA).willReturn(aResponse().withStatus(304)));
        assertTrue(ps.timeline(SHARD0, MAIN).evictLayer(IMAGE));
        assertFalse(ps.timeline(SHARD0, MAIN).evictLayer(DELTA));
    }

    @Test
    void downloadLayer_isTrueOn200_falseOn304_and400ForAnUnknownLayer() {
        server.stubFor(get(tl(SHARD0, MAIN) + "/layer/" + DELTA).willReturn(okJson("null")));
        server.stubFor(get(tl(SHARD0, MAIN) + "/layer/" + IMAGE).willReturn(aResponse().withStatus(304)));
        assertTrue(ps.timeline(SHARD0, MAIN).downloadLayer(DELTA));
        assertFalse(ps.timeline(SHARD0, MAIN).downloadLayer(IMAGE));
        String missing = IMAGE.replace("14EE150", "14EE158");
        server.stubFor(get(tl(SHARD0, MAIN) + "/layer/" + missing).willReturn(jsonResponse(
                "\"Layer " + SHARD0 + "/" + MAIN + "/" + missing + " not found\"", 400)));
        BadRequestException e = assertThrows(BadRequestException.class, () -> ps.timeline(SHARD0, MAIN).downloadLayer(missing));
        assertEquals(400, e.status());
    }

    @Test
    void layerName_isValidatedBeforeSending() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ps.timeline(SHARD0, MAIN).evictLayer("../x"));
        assertTrue(e.getMessage().startsWith("layerFileName must be"), e.getMessage());
        assertThrows(NullPointerException.class, () -> ps.timeline(SHARD0, MAIN).downloadLayer(null));
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void diskUsageEvictionRun_sendsEvictBytes_andReadsFinished() {
        server.stubFor(put("/v1/disk_usage_eviction/run").willReturn(okJson("""
                {"Finished":{"before":{"evict_bytes":1000000,"freed_bytes":0},
                 "planned":{"respecting_tenant_min_resident_size":{"evict_bytes":1000000,"freed_bytes":1859584},"fallback_to_global_lru":null},
                 "assumed":{"projected_after":{"evict_bytes":1000000,"freed_bytes":1859584},"failed":{"file_sizes":0,"count":0}}}}""")));
        DiskUsageEviction outcome = ps.diskUsageEvictionRun(1_000_000);
        DiskUsageEviction.Finished f = assertInstanceOf(DiskUsageEviction.Finished.class, outcome);
        assertEquals(1859584L, f.freedBytes());
        assertEquals(Optional.empty(), f.planned().fallbackToGlobalLru());
        assertEquals(new DiskUsageEviction.LayerCount(0, 0), f.assumed().failed());
        assertEquals("Finished", outcome.toString());
        server.verify(putRequestedFor(urlEqualTo("/v1/disk_usage_eviction/run")).withRequestBody(equalToJson("{\"evict_bytes\":1000000}")));
    }

    @Test
    void diskUsageEvictionRun_readsNoPressure_andRejectsNegativeBytes() {
        server.stubFor(put("/v1/disk_usage_eviction/run").willReturn(okJson("\"NoPressure\"")));
        assertEquals(new DiskUsageEviction.NoPressure(), ps.diskUsageEvictionRun(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ps.diskUsageEvictionRun(-1));
        assertEquals("evictBytes must be >= 0, got -1", e.getMessage());
    }

    @Test
    void listWithOffloaded_readsBothLists() {
        String info = io.neonclient.contract.Fixtures.load("pageserver.timeline_info.response.json");
        TimelineId offloaded = TimelineId.parse("11223344556677889900aabbccddeeff");
        server.stubFor(get("/v1/tenant/" + SHARD0 + "/timeline_and_offloaded").willReturn(okJson("""
                {"timelines":[%s],"offloaded":[{"tenant_id":"%s","timeline_id":"%s","ancestor_timeline_id":"%s",
                 "ancestor_retain_lsn":"0/1520CF8","archived_at":"2024-11-05T10:00:00Z"}]}""".formatted(info, SHARD0, offloaded, MAIN))));
        TimelinesAndOffloaded both = ps.tenant(SHARD0).timelines().listWithOffloaded();
        assertEquals(1, both.timelines().size());
        Timeline t = both.timelines().get(0);
        assertEquals(SHARD0, t.tenantShardId());
        assertEquals(List.of(new OffloadedTimeline(SHARD0, offloaded, Optional.of(MAIN), Optional.of(Lsn.parse("0/1520CF8")),
                Instant.parse("2024-11-05T10:00:00Z"))), both.offloaded());
    }
}
