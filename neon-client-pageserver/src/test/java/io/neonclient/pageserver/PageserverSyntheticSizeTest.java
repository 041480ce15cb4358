package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.model.SyntheticSize;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/tenant/{tenant_shard_id}/synthetic_size} (pageserver/src/http/routes.rs tenant_size_handler). */
class PageserverSyntheticSizeTest extends PageserverTestBase {

    // TenantHistorySize as upstream writes it: a root timeline and a branch of it, with their model segments.
    private static final String ANSWER = "{\"id\":\"5187ddbeeda5e7bf3a699a26009f434c\",\"size\":23805952,"
            + "\"segment_sizes\":[{\"method\":\"SnapshotHere\",\"accum_size\":23805952},{\"method\":\"Wal\",\"accum_size\":0}],"
            + "\"inputs\":{\"segments\":[{\"segment\":{\"parent\":0,\"lsn\":21946704,\"size\":23781376,\"needed\":false},"
            + "\"timeline_id\":\"" + MAIN + "\",\"kind\":\"BranchStart\"}],"
            + "\"timeline_inputs\":[{\"timeline_id\":\"" + MAIN + "\",\"ancestor_lsn\":\"0/0\",\"last_record\":\"0/14F4150\","
            + "\"latest_gc_cutoff\":\"0/0\",\"next_pitr_cutoff\":\"0/0\",\"retention_param_cutoff\":null,\"lease_points\":[]},"
            + "{\"timeline_id\":\"" + BRANCH + "\",\"ancestor_id\":\"" + MAIN + "\",\"ancestor_lsn\":\"0/14F0000\","
            + "\"last_record\":\"0/14F0000\",\"latest_gc_cutoff\":\"0/0\",\"next_pitr_cutoff\":\"0/0\","
            + "\"retention_param_cutoff\":null,\"lease_points\":[\"0/14F0000\"]}]}}";

    @Test
    void syntheticSize_readsTheSizeAndEachTimelinesInputs() {
        server.stubFor(get("/v1/tenant/" + SHARD0 + "/synthetic_size").willReturn(okJson(ANSWER)));
        SyntheticSize s = ps.tenant(SHARD0).syntheticSize();
        assertEquals(SHARD0.tenantId(), s.tenantId());
        assertEquals(Optional.of(23_805_952L), s.size());
        assertEquals(List.of(MAIN, BRANCH), s.timelines().stream().map(SyntheticSize.Inputs::timelineId).toList());
        SyntheticSize.Inputs branch = s.timelines().get(1);
        assertEquals(Optional.of(MAIN), branch.ancestorId());
        assertEquals(Lsn.parse("0/14F0000"), branch.ancestorLsn());
        assertEquals(List.of(Lsn.parse("0/14F0000")), branch.leasePoints());
        assertEquals(Optional.empty(), s.timelines().get(0).ancestorId());
        server.verify(getRequestedFor(urlEqualTo("/v1/tenant/" + SHARD0 + "/synthetic_size"))
                .withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void syntheticSizeInputs_asksForInputsOnlyAndReadsNoSize() {
        server.stubFor(get(urlPathEqualTo("/v1/tenant/" + SHARD0 + "/synthetic_size"))
                .willReturn(okJson(ANSWER.replace("\"size\":23805952", "\"size\":null"))));
        assertEquals(Optional.empty(), ps.tenant(SHARD0).syntheticSizeInputs().size());
        server.verify(getRequestedFor(urlEqualTo("/v1/tenant/" + SHARD0 + "/synthetic_size?inputs_only=true")));
    }

    @Test
    void syntheticSize_onAShardOtherThanZero_isRejectedBeforeSending() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ps.tenant(SHARD1).syntheticSize());
        assertTrue(e.getMessage().contains("shard zero"), e.getMessage());
        assertEquals(0, server.getAllServeEvents().size());
    }
}
