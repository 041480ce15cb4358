package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.Generation;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ProtocolException;
import io.neonclient.core.Scope;
import io.neonclient.model.LocationConfigMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The controller's tenant dump, attach hook and preferred-AZ answer (storage_controller/src/http.rs; shapes from
 * storage_controller/src/tenant_shard.rs {@code TenantShard} and control_plane/src/storage_controller.rs
 * {@code AttachHookRequest}/{@code AttachHookResponse}).
 */
class TestHookRoutesTest extends WireMockTestBase {

    @Test
    void tenantsDump_readsIntentAndObservedOfEveryShard() {
        // A TenantShard as upstream's Serialize derive writes it, fields in declaration order.
        server.stubFor(get("/debug/v1/tenant").willReturn(json(200, "[{\"tenant_shard_id\":\"" + SHARD0 + "\","
                + "\"shard\":{\"number\":0,\"count\":2,\"stripe_size\":2048,\"layout\":1},\"sequence\":7,\"generation\":3,"
                + "\"policy\":{\"Attached\":1},\"intent\":{\"attached\":1,\"secondary\":[2],\"preferred_az_id\":\"az-a\"},"
                + "\"observed\":{\"locations\":{\"2\":{\"conf\":null},\"1\":{\"conf\":{\"mode\":\"AttachedSingle\",\"generation\":3,"
                + "\"secondary_conf\":null,\"shard_number\":0,\"shard_count\":2,\"shard_stripe_size\":2048,\"tenant_conf\":{}}}}},"
                + "\"config\":{},\"splitting\":\"Idle\",\"importing\":\"Importing\",\"delayed_reconcile\":false,\"last_error\":\"\","
                + "\"consecutive_reconciles_count\":1,\"pending_compute_notification\":true,\"preferred_node\":null,"
                + "\"scheduling_policy\":\"Essential\"}]")));
        List<TenantShardDump> dump = storcon.tenantsDump();
        assertEquals(1, dump.size());
        TenantShardDump d = dump.get(0);
        assertEquals(SHARD0, d.id());
        assertEquals(7, d.sequence());
        assertEquals(Optional.of(Generation.of(3)), d.generation());
        assertEquals(PlacementPolicy.attached(1), d.policy());
        assertEquals(Optional.of(NodeId.of(1)), d.intendedAttached());
        assertEquals(List.of(NodeId.of(2)), d.intendedSecondaries());
        assertEquals(Optional.of("az-a"), d.preferredAz());
        assertEquals(List.of(NodeId.of(1), NodeId.of(2)), d.observed().stream().map(ObservedLocation::node).toList());
        assertEquals(LocationConfigMode.ATTACHED_SINGLE, d.observed().get(0).conf().orElseThrow().mode());
        assertEquals(Optional.empty(), d.observed().get(1).conf(), "conf null: unsure what the node holds");
        assertEquals(false, d.splitting());
        assertEquals(true, d.importing());
        assertEquals(1, d.consecutiveReconciles());
        assertEquals(true, d.pendingComputeNotification());
        assertEquals(Optional.empty(), d.preferredNode());
        assertEquals(ShardSchedulingPolicy.ESSENTIAL, d.schedulingPolicy());
        assertRequest(onlyRequest(), "GET", "/debug/v1/tenant", Scope.ADMIN);
    }

    @Test
    void tenantsDump_aShardWithoutGenerationReadsEmpty() {
        server.stubFor(get("/debug/v1/tenant").willReturn(json(200, "[{\"tenant_shard_id\":\"" + SHARD1 + "\",\"sequence\":0,"
                + "\"generation\":null,\"policy\":\"Secondary\",\"intent\":{\"attached\":null,\"secondary\":[],\"preferred_az_id\":null},"
                + "\"observed\":{\"locations\":{}},\"splitting\":\"Idle\",\"importing\":\"Idle\",\"last_error\":\"boom\","
                + "\"consecutive_reconciles_count\":0,\"pending_compute_notification\":false,\"preferred_node\":2,"
                + "\"scheduling_policy\":\"Active\"}]")));
        TenantShardDump d = storcon.tenantsDump().get(0);
        assertEquals(Optional.empty(), d.generation());
        assertEquals(Optional.empty(), d.intendedAttached());
        assertEquals(List.of(), d.observed());
        assertEquals("boom", d.lastError());
        assertEquals(Optional.of(NodeId.of(2)), d.preferredNode());
    }

    @Test
    void attachHookIssue_postsShardAndNodeAndReadsGen() {
        server.stubFor(post("/debug/v1/attach-hook").willReturn(json(200, "{\"gen\":4}")));
        assertEquals(Generation.of(4), storcon.attachHookIssue(SHARD0, NodeId.of(3)));
        assertRequest(onlyRequest(), "POST", "/debug/v1/attach-hook", Scope.ADMIN);
        LoggedRequestAssert.body(onlyRequest(), "{\"tenant_shard_id\":\"" + SHARD0 + "\",\"node_id\":3}");
    }

    @Test
    void attachHookIssue_anAnswerWithoutGenerationIsAProtocolError() {
        server.stubFor(post("/debug/v1/attach-hook").willReturn(json(200, "{\"gen\":null}")));
        ProtocolException e = assertThrows(ProtocolException.class, () -> storcon.attachHookIssue(SHARD0, NodeId.of(3)));
        assertTrue(e.getMessage().contains("no generation"), e.getMessage());
    }

    @Test
    void attachHookDrop_sendsANullNode() {
        server.stubFor(post("/debug/v1/attach-hook").willReturn(json(200, "{\"gen\":null}")));
        storcon.attachHookDrop(SHARD1);
        LoggedRequestAssert.body(onlyRequest(), "{\"tenant_shard_id\":\"" + SHARD1 + "\",\"node_id\":null}");
    }

    @Test
    void updatePreferredAzs_returnsEveryShardReportedEvenUnchanged() {
        server.stubFor(put("/control/v1/preferred_azs").willReturn(json(200,
                "{\"updated\":[\"" + SHARD0 + "\",\"" + SHARD1 + "\"]}")));
        assertEquals(List.of(SHARD0, SHARD1), storcon.updatePreferredAzs(Map.of(SHARD0, "az-a", SHARD1, "az-b")));
    }

    @Test
    void configureFailpoints_putsNamesAndActionsWithAdminScope() {
        server.stubFor(put("/debug/v1/failpoints").willReturn(json(200, "null")));
        storcon.configureFailpoints(List.of(io.neonclient.core.Failpoint.of("reconciler-epilogue", "pause")));
        assertRequest(onlyRequest(), "PUT", "/debug/v1/failpoints", Scope.ADMIN);
        LoggedRequestAssert.body(onlyRequest(), "[{\"name\":\"reconciler-epilogue\",\"actions\":\"pause\"}]");
    }

    @Test
    void nullArguments_areRejectedBeforeSending() {
        assertThrows(NullPointerException.class, () -> storcon.attachHookIssue(null, NodeId.of(1)));
        assertThrows(NullPointerException.class, () -> storcon.attachHookIssue(SHARD0, null));
        assertThrows(NullPointerException.class, () -> storcon.attachHookDrop(null));
        assertThrows(NullPointerException.class, () -> storcon.configureFailpoints(null));
        assertThrows(IllegalArgumentException.class, () -> storcon.configureFailpoints(List.of()));
        assertNothingSent();
    }
}
