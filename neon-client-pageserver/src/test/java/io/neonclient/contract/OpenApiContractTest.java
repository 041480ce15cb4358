package io.neonclient.contract;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {
    static final String TIMELINES = "/v1/tenant/5187ddbeeda5e7bf3a699a26009f434c-0002/timeline";

    @Test
    void check_rejectsTheRunbooksMisspeltBranchField() {
        String body = "{\"new_timeline_id\":\"0dd025d5b5a8ca0c2f584e72764e5814\",\"ancestor_timeline_id\":\"a913eb80d57355a5ee645fbe9eb17572\","
                + "\"ancestor_start\":\"0/1520CF8\"}";
        var e = assertThrows(AssertionError.class, () -> OpenApiContract.pageserver()
                .check("POST", TIMELINES, Map.of(), body, 201, Fixtures.load("pageserver.timeline_info.response.json")));
        assertTrue(e.getMessage().contains("ancestor_start"), e.getMessage());
    }

    @Test
    void check_acceptsTheFixtureRequestAndAnExcusedResponse() {
        assertEquals("validated", OpenApiContract.pageserver().check("POST", TIMELINES, Map.of(),
                Fixtures.load("storcon.timeline_create.branch.request.json"), 201, Fixtures.load("pageserver.timeline_info.response.json")));
    }

    @Test
    void check_stillFailsUndocumentedStatusesThatNoDriftExcuses() {
        var e = assertThrows(AssertionError.class, () -> OpenApiContract.pageserver()
                .check("GET", "/v1/status", Map.of(), null, 418, "{\"msg\":\"teapot\"}"));
        assertTrue(e.getMessage().contains("418"), e.getMessage());
    }

    @Test
    void check_skipsOnlyRoutesListedAsMissing() {
        assertEquals("skipped", OpenApiContract.pageserver().check("GET", "/v1/location_config", Map.of(), null, 200, "{\"tenant_shards\":[]}"));
        assertEquals("validated", OpenApiContract.pageserver().check("GET", "/v1/status", Map.of("x", List.of()), null, 200, "{\"id\":1}"));
        assertTrue(SpecDrift.ALL.stream().allMatch(d -> !d.upstream().isBlank()), "every drift names its upstream source");
    }
}
