package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neonclient.core.ConflictException;
import io.neonclient.core.Scope;
import io.neonclient.model.SyntheticSize;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/tenant/{tenant_id}/synthetic_size} through the controller's {@code GET /v1/tenant/:tenant_id/*}
 * passthrough to shard zero (storage_controller/src/http.rs handle_tenant_timeline_passthrough).
 */
class SyntheticSizePassthroughTest extends WireMockTestBase {
    private static final String PATH = "/v1/tenant/" + TENANT + "/synthetic_size";

    @Test
    void syntheticSize_getsThePassthroughWithPageserverApiScope() {
        server.stubFor(get(PATH).willReturn(json(200, "{\"id\":\"" + TENANT + "\",\"size\":4096,\"segment_sizes\":[],"
                + "\"inputs\":{\"segments\":[],\"timeline_inputs\":[{\"timeline_id\":\"" + PARENT + "\",\"ancestor_id\":null,"
                + "\"ancestor_lsn\":\"0/0\",\"last_record\":\"0/16B5A50\",\"latest_gc_cutoff\":\"0/0\","
                + "\"next_pitr_cutoff\":\"0/0\",\"retention_param_cutoff\":null,\"lease_points\":[]}]}}")));
        SyntheticSize s = storcon.tenant(TENANT).syntheticSize();
        assertRequest(onlyRequest(), "GET", PATH, Scope.PAGESERVER_API);
        assertEquals(TENANT, s.tenantId());
        assertEquals(Optional.of(4096L), s.size());
        assertEquals(PARENT, s.timelines().get(0).timelineId());
    }

    @Test
    void syntheticSize_whenShardZeroIsNotAttached_isAConflict() {
        server.stubFor(get(PATH).willReturn(error(409, "Cannot call timeline API on non-attached tenant")));
        assertThrows(ConflictException.class, () -> storcon.tenant(TENANT).syntheticSize());
    }
}
