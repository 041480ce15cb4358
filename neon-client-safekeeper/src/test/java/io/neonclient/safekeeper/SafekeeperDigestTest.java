package io.neonclient.safekeeper;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.core.Lsn;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET …/digest} (safekeeper/src/http/routes.rs {@code timeline_digest_handler}); not in the safekeeper's OpenAPI spec. */
class SafekeeperDigestTest {
    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");
    static final TimelineId TIMELINE = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    WireMockServer server;
    SafekeeperClient sk;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        sk = SafekeeperClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void digest_sendsBothLsnsAsQuery_andReturnsTheSha256() {
        server.stubFor(get(urlPathEqualTo("/v1/tenant/" + TENANT + "/timeline/" + TIMELINE + "/digest"))
                .withQueryParam("from_lsn", equalTo("0/14EE150")).withQueryParam("until_lsn", equalTo("0/16B5A50"))
                .willReturn(okJson("{\"sha256\": \"" + SHA + "\"}")));
        assertEquals(SHA, sk.timeline(TENANT, TIMELINE).digest(Lsn.parse("0/14EE150"), Lsn.parse("0/16B5A50")));
    }

    @Test
    void digest_aRangeBeyondTheWal_isTheServersError() {
        server.stubFor(get(urlPathMatching(".*/digest")).willReturn(aResponse().withStatus(500)
                .withBody("{\"msg\": \"wal_reader.read returned 0 bytes\"}")));
        var e = assertThrows(ServerErrorException.class, () -> sk.timeline(TENANT, TIMELINE).digest(Lsn.parse("0/1"), Lsn.parse("FF/0")));
        assertTrue(e.getMessage().contains("wal_reader.read returned 0 bytes"), e.getMessage());
    }

    @Test
    void digest_fromAfterUntil_isRejectedBeforeAnyRequest() {
        var e = assertThrows(IllegalArgumentException.class, () -> sk.timeline(TENANT, TIMELINE).digest(Lsn.parse("0/2"), Lsn.parse("0/1")));
        assertTrue(e.getMessage().contains("from 0/2 must not be after until 0/1"), e.getMessage());
        assertThrows(NullPointerException.class, () -> sk.timeline(TENANT, TIMELINE).digest(null, Lsn.parse("0/1")));
        assertEquals(0, server.getAllServeEvents().size());
    }
}
