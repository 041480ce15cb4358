package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The after-test contract check itself: what it lets through, what it catches, and which drift it applies. */
class ContractCheckTest {
    private static final String TENANT = "1f359dd625e519a1a4e8d7509690f6fc";
    private static final String TOKEN = "Bearer x.y.z";

    private static RawHttp.Exchange ps(String method, String path, String request, int status, String response) {
        return new RawHttp.Exchange(Component.PAGESERVER, method, path, null, TOKEN, request, status, response, "application/json");
    }

    @Test
    void aBodyThatBreaksTheSchema_isReportedWithTheCall() {
        ContractCheck.Tally t = ContractCheck.validate(List.of(ps("GET", "/v1/status", null, 200, "{\"id\": \"one\"}")));
        assertEquals(1, t.failures().size());
        assertTrue(t.failures().get(0).startsWith("pageserver: GET /v1/status -> 200"), t.failures().get(0));
        assertTrue(t.failures().get(0).contains("validation.response.body.schema.type"), t.failures().get(0));
    }

    @Test
    void aBodyThatFits_isCountedAsValidated() {
        ContractCheck.Tally t = ContractCheck.validate(List.of(ps("GET", "/v1/status", null, 200, "{\"id\": 1}"),
                new RawHttp.Exchange(Component.COMPUTE, "POST", "/terminate", null, null, null, 200, "{\"lsn\": \"0/16B5A50\"}", null)));
        assertEquals(List.of(), t.failures());
        assertEquals(1, t.validated(Component.PAGESERVER));
        assertEquals(1, t.validated(Component.COMPUTE));
    }

    @Test
    void anUndocumentedErrorStatus_passesOnlyWithTheSpecsErrorBody() {
        String path = "/v1/tenant/" + TENANT;
        assertEquals(List.of(), ContractCheck.validate(List.of(ps("GET", path, null, 404,
                "{\"msg\": \"NotFound: Tenant " + TENANT + " not found\"}"))).failures());
        List<String> wrongShape = ContractCheck.validate(List.of(ps("GET", path, null, 404, "{\"error\": \"not found\"}"))).failures();
        assertEquals(1, wrongShape.size());
        assertTrue(wrongShape.get(0).contains("error body"), wrongShape.get(0));
        assertFalse(ContractCheck.validate(List.of(ps("GET", path, null, 404, ""))).failures().isEmpty());
        assertFalse(ContractCheck.validate(List.of(ps("GET", path, null, 418, "{\"msg\": \"teapot\"}"))).failures().isEmpty(),
                "a status http-utils never produces is not excused");
    }

    @Test
    void anInvalidRequest_isExcusedOnlyWhenTheTestkitRefusedIt() {
        String path = "/v1/tenant/" + TENANT + "/timeline";
        String invalid = "{\"ancestor_timeline_id\": \"" + TENANT + "\"}"; // no new_timeline_id
        assertEquals(List.of(), ContractCheck.validate(List.of(ps("POST", path, invalid, 400,
                "{\"msg\": \"Bad request: missing field `new_timeline_id`\"}"))).failures());
        List<String> accepted = ContractCheck.validate(List.of(ps("POST", path, invalid, 201, "{}"))).failures();
        assertTrue(accepted.stream().anyMatch(f -> f.contains("validation.request.body.schema.required")), accepted.toString());
    }

    @Test
    void computeBodyRejections_are422WithGenericError() {
        RawHttp.Exchange lower = new RawHttp.Exchange(Component.COMPUTE, "POST", "/configure", null, null, "{\"spec\": {}}", 422,
                "{\"error\": \"failed to deserialize the json body into the target type: missing field `compute_ctl_config`\"}", null);
        assertEquals(List.of(), ContractCheck.validate(List.of(lower)).failures());
        RawHttp.Exchange msg = new RawHttp.Exchange(Component.COMPUTE, "POST", "/configure", null, null, "{\"spec\": {}}", 422,
                "{\"msg\": \"failed\"}", null);
        assertEquals(1, ContractCheck.validate(List.of(msg)).failures().size());
    }

    @Test
    void routesTheSpecLacks_areCountedAsSkipped() {
        ContractCheck.Tally t = ContractCheck.validate(List.of(ps("GET", "/v1/location_config", null, 200, "{\"tenant_shards\": []}")));
        assertEquals(List.of(), t.failures());
        assertEquals(0, t.validated(Component.PAGESERVER));
        assertTrue(t.toString().contains("1 skipped"), t.toString());
    }

    @Test
    void aSuccessfulAnswerWithAFixture_mustHaveItsKeys_evenOnRoutesTheSpecLacks() {
        String status = "{\"start_time\": \"2025-06-01T10:00:00Z\", \"tenant\": null, \"timeline\": null, \"status\": \"empty\", "
                + "\"last_active\": null, \"error\": null}";
        RawHttp.Exchange full = new RawHttp.Exchange(Component.COMPUTE, "GET", "/status", null, null, null, 200, status, null);
        ContractCheck.Tally ok = ContractCheck.validate(List.of(full));
        assertEquals(List.of(), ok.failures());
        assertEquals(1, ok.fixtureComparisons(Component.COMPUTE));
        RawHttp.Exchange noError = new RawHttp.Exchange(Component.COMPUTE, "GET", "/status", null, null, null, 200,
                status.replace(", \"error\": null", ""), null);
        List<String> failures = ContractCheck.validate(List.of(noError)).failures();
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("compute.status.response.json"), failures.get(0));
        List<String> list = ContractCheck.validate(List.of(ps("GET", "/v1/location_config", null, 200,
                "{\"tenant_shards\": [[\"" + TENANT + "\", {\"mode\": \"Secondary\"}]]}"))).failures();
        assertEquals(1, list.size(), "skipped by the spec, still compared with the fixture");
    }

    @Test
    void everyDriftEntry_namesItsUpstreamSource() {
        for (TestkitDrift d : TestkitDrift.ALL) {
            assertTrue(d.upstream().matches("(libs|pageserver|safekeeper|compute_tools)/.*\\.rs .+"), d.toString());
        }
    }
}
