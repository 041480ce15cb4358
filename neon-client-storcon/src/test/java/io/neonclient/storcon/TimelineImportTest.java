package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.BadRequestException;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/import} (storage_controller/src/http.rs
 * {@code handle_timeline_import}, body {@code TimelineImportRequest} of libs/pageserver_api/src/controller_api.rs,
 * answer {@code null}).
 */
class TimelineImportTest extends WireMockTestBase {
    private static final String URL = "/debug/v1/tenant/" + TENANT + "/timeline/" + PARENT + "/import";

    @Test
    void importSafekeeperPlacement_sendsTheRequestWithIdsFromThePath() {
        server.stubFor(post(URL).willReturn(json(200, "null")));
        storcon.tenant(TENANT).timeline(PARENT).importSafekeeperPlacement(Lsn.parse("0/14EE150"), List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3)), false);
        assertRequest(onlyRequest(), "POST", URL, Scope.PAGESERVER_API);
        server.verify(postRequestedFor(urlEqualTo(URL)).withRequestBody(equalToJson("{\"tenant_id\":\"" + TENANT + "\",\"timeline_id\":\""
                + PARENT + "\",\"start_lsn\":\"0/14EE150\",\"sk_set\":[1,2,3],\"force_upsert\":false}")));
    }

    @Test
    void importSafekeeperPlacement_aMismatchIsTheControllers400() {
        // the ids come from the handle, so only a controller disagreeing with itself gives this; the message is upstream's
        server.stubFor(post(URL).willReturn(error(400, "tenant id or timeline id mismatch")));
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> storcon.tenant(TENANT).timeline(PARENT).importSafekeeperPlacement(Lsn.parse("0/1"), List.of(NodeId.of(1)), true));
        assertTrue(e.getMessage().contains("mismatch"), e.getMessage());
    }

    @Test
    void importSafekeeperPlacement_refusesEmptyOrRepeatedSets_beforeSending() {
        var empty = assertThrows(IllegalArgumentException.class,
                () -> storcon.tenant(TENANT).timeline(PARENT).importSafekeeperPlacement(Lsn.parse("0/1"), List.of(), false));
        assertEquals("skSet must name at least one safekeeper, got an empty list", empty.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT).timeline(PARENT)
                .importSafekeeperPlacement(Lsn.parse("0/1"), List.of(NodeId.of(1), NodeId.of(1)), false));
        assertTrue(twice.getMessage().startsWith("skSet must name each safekeeper once"), twice.getMessage());
        assertThrows(NullPointerException.class, () -> storcon.tenant(TENANT).timeline(PARENT).importSafekeeperPlacement(null, List.of(NodeId.of(1)), false));
        assertEquals(0, server.getAllServeEvents().size());
    }
}
