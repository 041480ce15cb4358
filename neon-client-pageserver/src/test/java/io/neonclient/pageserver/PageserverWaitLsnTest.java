package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/tenant/{tenant_shard_id}/wait_lsn} (pageserver/src/http/routes.rs {@code wait_lsn_handler}). */
class PageserverWaitLsnTest {
    static final TenantShardId SHARD = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0102");
    static final TimelineId TIMELINE = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");
    static final String PATH = "/v1/tenant/" + SHARD + "/wait_lsn";

    WireMockServer server;
    PageserverClient ps;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        ps = PageserverClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void waitLsn_sendsTheTimelinesBesideTheTimeout_and200MeansReached() {
        server.stubFor(post(PATH).willReturn(okJson("null")));
        assertTrue(ps.shard(SHARD).waitLsn(Map.of(TIMELINE, Lsn.parse("0/16B5A50")), Duration.ofMillis(1500)));
        server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
                "{\"" + TIMELINE + "\": \"0/16B5A50\", \"timeout\": {\"secs\": 1, \"nanos\": 500000000}}")));
    }

    @Test
    void waitLsn_202MeansThePageserversWaitEndedFirst() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(202).withBody("null")));
        assertFalse(ps.shard(SHARD).waitLsn(Map.of(TIMELINE, Lsn.parse("0/16B5A50")), Duration.ofSeconds(1)));
    }

    @Test
    void waitLsn_404WhenNoneOfTheTimelinesIsThere() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(404).withBody("null")));
        assertThrows(NotFoundException.class, () -> ps.shard(SHARD).waitLsn(Map.of(TIMELINE, Lsn.parse("0/1")), Duration.ofSeconds(1)));
    }

    @Test
    void waitLsn_rejectsBadInputBeforeAnyRequest() {
        var empty = assertThrows(IllegalArgumentException.class, () -> ps.shard(SHARD).waitLsn(Map.of(), Duration.ofSeconds(1)));
        assertTrue(empty.getMessage().contains("lsns"), empty.getMessage());
        var zero = assertThrows(IllegalArgumentException.class,
                () -> ps.shard(SHARD).waitLsn(Map.of(TIMELINE, Lsn.parse("0/1")), Duration.ZERO));
        assertTrue(zero.getMessage().contains("timeout"), zero.getMessage());
        assertEquals(0, server.getAllServeEvents().size());
    }
}
