package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.Scope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate}: {@code TimelineLocateResponse}
 * (libs/safekeeper_api/src/models.rs), serialised by serde with the generation as a bare number and
 * {@code new_sk_set} as {@code null} outside a migration.
 */
class TimelineLocateTest extends WireMockTestBase {
    private static final String URL = "/debug/v1/tenant/" + TENANT + "/timeline/" + PARENT + "/locate";

    @Test
    void locate_readsGenerationAndSet_withAdminScope() {
        server.stubFor(get(URL).willReturn(json(200, "{\"generation\":3,\"sk_set\":[2,3,4],\"new_sk_set\":null}")));
        TimelineSafekeepers located = storcon.tenant(TENANT).timeline(PARENT).locate();
        assertEquals(new TimelineSafekeepers(3, List.of(NodeId.of(2), NodeId.of(3), NodeId.of(4)), Optional.empty()), located);
        assertRequest(onlyRequest(), "GET", URL, Scope.ADMIN);
    }

    @Test
    void locate_duringJointPhase_readsNewSet() {
        server.stubFor(get(URL).willReturn(json(200, "{\"generation\":2,\"sk_set\":[1,2,3],\"new_sk_set\":[2,3,4]}")));
        TimelineSafekeepers located = storcon.tenant(TENANT).timeline(PARENT).locate();
        assertEquals(Optional.of(List.of(NodeId.of(2), NodeId.of(3), NodeId.of(4))), located.newSkSet());
    }

    @Test
    void locate_whenControllerDoesNotManageTheTimeline_isNotFound() {
        // safekeeper_service.rs tenant_timeline_locate: ApiError::NotFound("Timeline {tenant}/{timeline} not found")
        server.stubFor(get(URL).willReturn(error(404, "Timeline " + TENANT + "/" + PARENT + " not found")));
        NotFoundException e = assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).timeline(PARENT).locate());
        assertEquals(404, e.status());
    }

    @Test
    void generation_outsideU32_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimelineSafekeepers(-1, List.of(), Optional.empty()));
        assertEquals("TimelineSafekeepers generation must be an unsigned 32-bit number, got -1", e.getMessage());
    }
}
