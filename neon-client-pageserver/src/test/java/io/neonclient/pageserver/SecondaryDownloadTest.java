package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.neonclient.contract.Fixtures;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitTimeoutException;
import io.neonclient.model.SecondaryProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecondaryDownloadTest extends PageserverTestBase {
    static final String URL = "/v1/tenant/" + SHARD1 + "/secondary/download";

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder progress(int status, long done, long total) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"heatmap_mtime\":\"2025-06-01T10:00:00.000Z\",\"layers_downloaded\":" + done + ",\"layers_total\":" + total
                        + ",\"bytes_downloaded\":" + done * 100 + ",\"bytes_total\":" + total * 100 + "}");
    }

    @Test
    void secondaryDownload_202ThenAwaitLoopsServerSideWaitsUntil200() {
        server.stubFor(post(urlPathEqualTo(URL)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(progress(202, 10, 12)).willSetStateTo("more"));
        server.stubFor(post(urlPathEqualTo(URL)).inScenario("s").whenScenarioStateIs("more")
                .willReturn(progress(202, 11, 12)).willSetStateTo("done"));
        server.stubFor(post(urlPathEqualTo(URL)).inScenario("s").whenScenarioStateIs("done").willReturn(progress(200, 12, 12)));
        SecondaryDownload download = ps.tenant(SHARD1).secondaryDownload(Duration.ofSeconds(2));
        assertFalse(download.isDone());
        assertEquals(10, download.progress().layersDownloaded());
        List<WaitProgress<?>> seen = new ArrayList<>();
        SecondaryProgress done = download.await(ps.config().waitPolicy(), seen::add);
        assertTrue(done.isComplete());
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).reason().contains("11/12 layers"), seen.get(0).reason());
        assertEquals(Optional.of(Instant.parse("2025-06-01T10:00:00Z")), done.heatmapMtime());
        server.verify(3, postRequestedFor(urlEqualTo(URL + "?wait_ms=2000")));
    }

    @Test
    void secondaryDownload_200AtOnce_isDoneWithoutPolling() {
        server.stubFor(post(urlPathEqualTo(URL)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.load("storcon.secondary_download.response.json").replace("\"layers_downloaded\": 10", "\"layers_downloaded\": 12"))));
        SecondaryDownload download = ps.tenant(SHARD1).secondaryDownload(Duration.ofMillis(500));
        assertTrue(download.isDone());
        assertEquals(12, download.await(Duration.ofSeconds(1)).layersDownloaded());
        server.verify(1, postRequestedFor(urlPathEqualTo(URL)));
    }

    @Test
    void secondaryDownload_awaitTimesOutWhileStill202() {
        server.stubFor(post(urlPathEqualTo(URL)).willReturn(progress(202, 1, 12)));
        var e = assertThrows(WaitTimeoutException.class,
                () -> ps.tenant(SHARD1).secondaryDownload(Duration.ofMillis(1)).await(Duration.ofMillis(20)));
        assertTrue(e.getMessage().contains("1/12 layers"), e.getMessage());
    }

    @Test
    void secondaryStatus_andBadWait() {
        server.stubFor(get("/v1/tenant/" + SHARD1 + "/secondary/status").willReturn(okJson(Fixtures.load("storcon.secondary_download.response.json"))));
        assertEquals(12, ps.tenant(SHARD1).secondaryStatus().layersTotal());
        assertThrows(IllegalArgumentException.class, () -> ps.tenant(SHARD1).secondaryDownload(Duration.ZERO));
    }
}
