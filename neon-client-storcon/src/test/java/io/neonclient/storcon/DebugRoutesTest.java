package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.Generation;
import io.neonclient.core.NodeId;
import io.neonclient.core.ProtocolException;
import io.neonclient.core.Scope;
import io.neonclient.model.LocationConfigMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The controller's debug and leadership routes (storage_controller/src/http.rs), request bytes and answers. */
class DebugRoutesTest extends WireMockTestBase {

    @Test
    void schedulerDump_readsEveryNodeOrderedById() {
        // Shape of upstream's serialised Scheduler (storage_controller/src/scheduler.rs): node ids as keys,
        // may_schedule an externally tagged enum.
        server.stubFor(get("/debug/v1/scheduler").willReturn(json(200, """
                {"nodes":{
                  "2":{"shard_count":1,"attached_shard_count":0,"home_shard_count":1,"az":"az-b","may_schedule":"No"},
                  "1":{"shard_count":3,"attached_shard_count":2,"home_shard_count":3,"az":"az-a",
                       "may_schedule":{"Yes":{"disk_usage_bytes":0,"free_space_bytes":100,"utilization_score":0}}}}}""")));
        List<SchedulerNode> nodes = storcon.schedulerDump();
        assertEquals(List.of(new SchedulerNode(NodeId.of(1), 3, 2, 3, "az-a", true),
                new SchedulerNode(NodeId.of(2), 1, 0, 1, "az-b", false)), nodes);
        assertRequest(onlyRequest(), "GET", "/debug/v1/scheduler", Scope.ADMIN);
    }

    @Test
    void dropNode_postsWithAdminScope() {
        server.stubFor(post("/debug/v1/node/7/drop").willReturn(nullBody(200)));
        storcon.dropNode(NodeId.of(7));
        assertRequest(onlyRequest(), "POST", "/debug/v1/node/7/drop", Scope.ADMIN);
        assertEquals(0, onlyRequest().getBody().length);
    }

    @Test
    void dropTenant_postsWithPageserverApiScope() {
        server.stubFor(post("/debug/v1/tenant/" + TENANT + "/drop").willReturn(nullBody(200)));
        storcon.dropTenant(TENANT);
        assertRequest(onlyRequest(), "POST", "/debug/v1/tenant/" + TENANT + "/drop", Scope.PAGESERVER_API);
    }

    @Test
    void nullArguments_areRejectedBeforeSending() {
        assertThrows(NullPointerException.class, () -> storcon.dropNode(null));
        assertThrows(NullPointerException.class, () -> storcon.dropTenant(null));
        assertThrows(NullPointerException.class, () -> storcon.inspect(null));
        assertNothingSent();
    }

    @Test
    void stepDown_putsWithPeerScopeAndReadsObservedState() {
        server.stubFor(put("/control/v1/step_down").willReturn(json(200, "{\"" + SHARD1 + "\":{\"locations\":{"
                + "\"2\":{\"conf\":null},"
                + "\"1\":{\"conf\":{\"mode\":\"AttachedSingle\",\"generation\":4,\"secondary_conf\":null,"
                + "\"shard_number\":1,\"shard_count\":2,\"shard_stripe_size\":2048,\"tenant_conf\":{}}}}},"
                + "\"" + SHARD0 + "\":{\"locations\":{}}}")));
        List<ObservedLocation> observed = storcon.stepDown();
        assertEquals(2, observed.size());
        assertEquals(SHARD1, observed.get(0).shard());
        assertEquals(NodeId.of(1), observed.get(0).node());
        assertEquals(LocationConfigMode.ATTACHED_SINGLE, observed.get(0).conf().orElseThrow().mode());
        assertEquals(Optional.of(Generation.of(4)), observed.get(0).conf().orElseThrow().generation());
        assertEquals(new ObservedLocation(SHARD1, NodeId.of(2), Optional.empty()), observed.get(1));
        assertRequest(onlyRequest(), "PUT", "/control/v1/step_down", Scope.CONTROLLER_PEER);
    }

    @Test
    void inspect_postsTheShardAndReadsThePair() {
        server.stubFor(post("/debug/v1/inspect").willReturn(json(200, "{\"attachment\":[5,3]}")));
        assertEquals(Optional.of(new ShardAttachment(Generation.of(5), NodeId.of(3))), storcon.inspect(SHARD0));
        assertRequest(onlyRequest(), "POST", "/debug/v1/inspect", Scope.ADMIN);
        LoggedRequestAssert.body(onlyRequest(), "{\"tenant_shard_id\":\"" + SHARD0 + "\"}");
    }

    @Test
    void inspect_unknownOrUnattachedShardIsEmpty() {
        server.stubFor(post("/debug/v1/inspect").willReturn(json(200, "{\"attachment\":null}")));
        assertTrue(storcon.inspect(SHARD1).isEmpty());
    }

    @Test
    void inspect_malformedPairIsAProtocolError() {
        server.stubFor(post("/debug/v1/inspect").willReturn(json(200, "{\"attachment\":[5]}")));
        ProtocolException e = assertThrows(ProtocolException.class, () -> storcon.inspect(SHARD1));
        assertTrue(e.getMessage().contains("[generation, node_id] pair"), e.getMessage());
    }
}
