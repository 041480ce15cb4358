package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.Scope;
import io.neonclient.core.ServerErrorException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafekeepersTest extends WireMockTestBase {
    static final NodeId SK1 = NodeId.of(1);

    @Test
    void list_decodesArray_withInfraScope() {
        server.stubFor(get("/control/v1/safekeeper").willReturn(json(200, "[" + fixture("storcon.safekeeper_describe.response.json") + "]")));
        List<Safekeeper> all = storcon.safekeepers().list();
        assertRequest(onlyRequest(), "GET", "/control/v1/safekeeper", Scope.INFRA);
        assertEquals(1, all.size());
    }

    @Test
    void describe_decodesEveryField() {
        server.stubFor(get("/control/v1/safekeeper/1").willReturn(fixtureResponse(200, "storcon.safekeeper_describe.response.json")));
        Safekeeper sk = storcon.safekeeper(SK1).describe();
        assertRequest(onlyRequest(), "GET", "/control/v1/safekeeper/1", Scope.INFRA);
        assertEquals(new Safekeeper(SK1, "us-central", 1, "safekeeper-1.storage.svc", 5454, 7676, Optional.empty(), "az-a",
                SkSchedulingPolicy.ACTIVE), sk);
    }

    @Test
    void describe_readsUpstreamSpellingDecomissioned_andUnknownValues() {
        String body = fixture("storcon.safekeeper_describe.response.json");
        server.stubFor(get("/control/v1/safekeeper/1").willReturn(json(200, body.replace("\"Active\"", "\"Decomissioned\""))));
        assertEquals(SkSchedulingPolicy.DECOMISSIONED, storcon.safekeeper(SK1).describe().schedulingPolicy());
        server.stubFor(get("/control/v1/safekeeper/1").willReturn(json(200, body.replace("\"Active\"", "\"Retired\""))));
        assertEquals(new SkSchedulingPolicy.Unknown("Retired"), storcon.safekeeper(SK1).describe().schedulingPolicy());
    }

    @Test
    void describe_unknown_isNotFound() {
        server.stubFor(get("/control/v1/safekeeper/7").willReturn(error(404, "NotFound: unknown instance id")));
        assertThrows(NotFoundException.class, () -> storcon.safekeeper(NodeId.of(7)).describe());
    }

    @Test
    void upsert_sendsFixtureBody_andAccepts204EmptyBody() {
        server.stubFor(post("/control/v1/safekeeper/1").willReturn(aResponse().withStatus(204)));
        storcon.safekeeper(SK1).upsert(UpsertSafekeeperRequest.of(SK1, "us-central", "safekeeper-1.storage.svc", 5454, 7676, "az-a"));
        assertRequest(onlyRequest(), "POST", "/control/v1/safekeeper/1", Scope.INFRA);
        assertBodyIsFixture(onlyRequest(), "storcon.safekeeper_register.request.json");
    }

    @Test
    void upsert_idMismatchAndBadValues_rejectedBeforeSending() {
        UpsertSafekeeperRequest other = UpsertSafekeeperRequest.of(NodeId.of(2), "r", "h", 5454, 7676, "az");
        assertThrows(IllegalArgumentException.class, () -> storcon.safekeeper(SK1).upsert(other));
        assertThrows(IllegalArgumentException.class, () -> UpsertSafekeeperRequest.of(NodeId.of(0), "r", "h", 5454, 7676, "az"));
        assertThrows(IllegalArgumentException.class, () -> UpsertSafekeeperRequest.of(SK1, "r", "h", 5454, 7676, "az").withVersion(-1));
        assertThrows(IllegalArgumentException.class, () -> UpsertSafekeeperRequest.of(SK1, "r", "h", 70000, 7676, "az"));
        assertNothingSent();
    }

    @Test
    void schedulingPolicy_sendsFixtureBody_withAdminScope() {
        server.stubFor(post("/control/v1/safekeeper/1/scheduling_policy").willReturn(nullBody(200)));
        storcon.safekeeper(SK1).schedulingPolicy(SkSchedulingPolicy.PAUSE);
        assertRequest(onlyRequest(), "POST", "/control/v1/safekeeper/1/scheduling_policy", Scope.ADMIN);
        assertBodyIsFixture(onlyRequest(), "storcon.safekeeper_scheduling_policy.request.json");
    }

    @Test
    void schedulingPolicy_sendsDecomissionedWithUpstreamSpelling() {
        server.stubFor(post("/control/v1/safekeeper/1/scheduling_policy").willReturn(nullBody(200)));
        storcon.safekeeper(SK1).schedulingPolicy(SkSchedulingPolicy.DECOMISSIONED);
        LoggedRequestAssert.body(onlyRequest(), "{\"scheduling_policy\":\"Decomissioned\"}");
    }

    @Test
    void schedulingPolicy_unknownIdIs500() {
        assertThrows(NullPointerException.class, () -> storcon.safekeeper(SK1).schedulingPolicy(null));
        assertNothingSent();
        server.stubFor(post("/control/v1/safekeeper/9/scheduling_policy").willReturn(error(500, "unexpected number of rows (0)")));
        assertThrows(ServerErrorException.class, () -> storcon.safekeeper(NodeId.of(9)).schedulingPolicy(SkSchedulingPolicy.ACTIVE));
    }
}
