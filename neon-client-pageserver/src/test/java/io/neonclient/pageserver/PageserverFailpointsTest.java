package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.BadRequestException;
import io.neonclient.core.Failpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/failpoints} (libs/http-utils/src/failpoints.rs failpoints_handler, ConfigureFailpointsRequest). */
class PageserverFailpointsTest extends PageserverTestBase {

    @Test
    void configureFailpoints_putsTheListOfNamesAndActions() {
        server.stubFor(put("/v1/failpoints").willReturn(okJson("null")));
        ps.configureFailpoints(List.of(Failpoint.of("api-503", "2*return->off"), Failpoint.off("api-500")));
        server.verify(putRequestedFor(urlEqualTo("/v1/failpoints"))
                .withHeader("Authorization", equalTo("Bearer test-token"))
                .withRequestBody(equalToJson("[{\"name\":\"api-503\",\"actions\":\"2*return->off\"},"
                        + "{\"name\":\"api-500\",\"actions\":\"off\"}]")));
    }

    @Test
    void configureFailpoints_aBuildWithoutFailpointsIsABadRequest() {
        server.stubFor(put("/v1/failpoints").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"msg\":\"Cannot manage failpoints because neon was compiled without failpoints support\"}")));
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ps.configureFailpoints(List.of(Failpoint.of("api-503", "return"))));
        assertTrue(e.getMessage().contains("compiled without failpoints support"), e.getMessage());
    }

    @Test
    void configureFailpoints_badInputIsRejectedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> ps.configureFailpoints(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Failpoint.of("api-503", " "));
        assertTrue(e.getMessage().contains("actions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Failpoint.of("", "return"));
        assertThrows(NullPointerException.class, () -> ps.configureFailpoints(null));
        assertEquals(0, server.getAllServeEvents().size());
    }
}
