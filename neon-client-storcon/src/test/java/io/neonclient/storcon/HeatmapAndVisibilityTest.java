package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.ConflictException;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.UnavailableException;
import io.neonclient.model.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code PUT …/mark_invisible} (passthrough to shard 0) and {@code POST …/download_heatmap_layers} (per shard). */
class HeatmapAndVisibilityTest extends WireMockTestBase {
    static final String MARK_INVISIBLE = "/v1/tenant/5187ddbeeda5e7bf3a699a26009f434c/timeline/0dd025d5b5a8ca0c2f584e72764e5814/mark_invisible";
    static final String SHARD1_HEATMAP = "/v1/tenant/5187ddbeeda5e7bf3a699a26009f434c-0102/timeline/0dd025d5b5a8ca0c2f584e72764e5814"
            + "/download_heatmap_layers";

    @Test
    void markInvisible_putsWithoutBody_withPageserverApiScope() {
        server.stubFor(put(MARK_INVISIBLE).willReturn(nullBody(200)));
        storcon.tenant(TENANT).timeline(CHILD).markInvisible();
        assertRequest(onlyRequest(), "PUT", MARK_INVISIBLE, Scope.PAGESERVER_API);
        assertEquals("", onlyRequest().getBodyAsString(), "the controller forwards no body");
    }

    @Test
    void markInvisible_missingTimeline_isNotFound_andMigrating503IsRetried() {
        server.stubFor(put(MARK_INVISIBLE).willReturn(error(404, "NotFound: Timeline not found")));
        assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).timeline(CHILD).markInvisible());
        server.resetAll();
        stubSequence(() -> put(urlEqualTo(MARK_INVISIBLE)), List.of(
                error(503, "Pageserver 1 returned tenant 404 due to ongoing migration, retry later"), nullBody(200)));
        storcon.tenant(TENANT).timeline(CHILD).markInvisible();
        assertEquals(2, requests().size());
    }

    @Test
    void downloadHeatmapLayers_defaults_sendNoQueryAndNoBody() {
        server.stubFor(post(SHARD1_HEATMAP).willReturn(nullBody(200)));
        storcon.shard(SHARD1).downloadHeatmapLayers(CHILD);
        assertRequest(onlyRequest(), "POST", SHARD1_HEATMAP, Scope.PAGESERVER_API);
        assertEquals("", onlyRequest().getBodyAsString());
    }

    @Test
    void downloadHeatmapLayers_concurrencyAndRecurse_goInTheQuery() {
        server.stubFor(post(urlPathEqualTo(SHARD1_HEATMAP)).willReturn(nullBody(200)));
        storcon.shard(SHARD1).downloadHeatmapLayers(CHILD, 4, true);
        storcon.shard(SHARD1).downloadHeatmapLayers(CHILD, 32, false);
        assertRequest(requests().get(0), "POST", SHARD1_HEATMAP + "?concurrency=4&recurse=true", Scope.PAGESERVER_API);
        assertRequest(requests().get(1), "POST", SHARD1_HEATMAP + "?concurrency=32", Scope.PAGESERVER_API);
    }

    @Test
    void downloadHeatmapLayers_bareTenantId_addressesEveryShard() {
        String path = "/v1/tenant/5187ddbeeda5e7bf3a699a26009f434c/timeline/0dd025d5b5a8ca0c2f584e72764e5814/download_heatmap_layers";
        server.stubFor(post(path).willReturn(nullBody(200)));
        storcon.shard(TenantShardId.unsharded(TENANT)).downloadHeatmapLayers(CHILD);
        assertRequest(onlyRequest(), "POST", path, Scope.PAGESERVER_API);
    }

    @Test
    void downloadHeatmapLayers_alreadyRunning_isConflict_andNothingIsRepeated() {
        server.stubFor(post(SHARD1_HEATMAP).willReturn(error(409, "Conflict: Already running")));
        ConflictException e = assertThrows(ConflictException.class, () -> storcon.shard(SHARD1).downloadHeatmapLayers(CHILD));
        assertTrue(e.serverMessage().contains("Already running"), e.serverMessage());
        server.resetAll();
        server.stubFor(post(SHARD1_HEATMAP).willReturn(error(503, "pageserver unreachable")));
        assertThrows(UnavailableException.class, () -> storcon.shard(SHARD1).downloadHeatmapLayers(CHILD));
        assertEquals(1, requests().size(), "a repeat could collide with the download the first call started");
    }

    @Test
    void downloadHeatmapLayers_badInput_rejectedBeforeSending() {
        assertThrows(NullPointerException.class, () -> storcon.shard(SHARD1).downloadHeatmapLayers(null));
        assertThrows(NullPointerException.class, () -> storcon.shard(SHARD1).downloadHeatmapLayers(null, 4, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> storcon.shard(SHARD1).downloadHeatmapLayers(CHILD, 0, true));
        assertTrue(e.getMessage().contains("concurrency"), e.getMessage());
        assertNothingSent();
    }
}
