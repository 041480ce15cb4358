package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Failpoint;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.ObservedLocation;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.storcon.TenantShardDump;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Upstream's failpoint routes (libs/http-utils/src/failpoints.rs failpoints_handler, the fail crate's action strings)
 * and the failpoints the simulation evaluates: the reconciler's pausable points (storage_controller/src/reconciler.rs,
 * used by test_runner/regress/test_storage_controller.py test_storage_controller_step_down) and the pageserver's
 * api-503/api-500 (pageserver/src/http/routes.rs api_handler, used by test_runner/regress/test_sharding.py).
 */
@NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true, auth = true)
class FailpointsIT {

    private static TenantDescription twoShardTenant(StorageControllerClient storcon) {
        Waiter.await("both pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE) ? WaitVerdict.done()
                        : WaitVerdict.pending(nodes.toString()));
        return storcon.tenants().create(CreateTenantRequest.sharded(TenantId.generate(), 2, StripeSize.DEFAULT)
                .withPlacement(PlacementPolicy.attached(1))).await(Duration.ofSeconds(30));
    }

    private static TenantShardDump dumpOf(StorageControllerClient storcon, ShardDescription s) {
        return storcon.tenantsDump().stream().filter(d -> d.id().equals(s.id())).findFirst().orElseThrow();
    }

    @Test
    void reconcilerEpiloguePause_holdsStepDownUntilTheReconcileFinishes(NeonTestCluster cluster, StorageControllerClient storcon)
            throws Exception {
        TenantDescription d = twoShardTenant(storcon);
        ShardDescription s = d.shards().get(0);
        NodeId other = s.attachedNode().orElseThrow().equals(NodeId.of(1)) ? NodeId.of(2) : NodeId.of(1);
        storcon.configureFailpoints(List.of(Failpoint.of("reconciler-epilogue", "pause")));
        CompletableFuture<List<ObservedLocation>> stepDown = null;
        try {
            storcon.shard(s.id()).migrateTo(other);
            Waiter.await("a reconcile paused in its epilogue", storcon.config().waitPolicy(), () -> dumpOf(storcon, s),
                    x -> x.observed().stream().anyMatch(l -> l.node().equals(other) && l.conf().orElseThrow().mode().toString()
                            .startsWith("Attached")) ? WaitVerdict.done() : WaitVerdict.pending(x.toString()));
            stepDown = CompletableFuture.supplyAsync(storcon::stepDown);
            RawHttp admin = RawHttp.storcon(cluster.storageController(), cluster.token(Scope.ADMIN));
            Await.until("the controller stepped down", () -> admin.get("/testkit/v1/faults").json(),
                    j -> j.path("stepped_down").asBoolean());
            assertFalse(stepDown.isDone(), "step_down waits for the paused reconcile (it has no cancellation)");
            // the failpoint route does not forward: a stepped-down controller still takes it
            storcon.configureFailpoints(List.of(Failpoint.off("reconciler-epilogue")));
            List<ObservedLocation> observed = stepDown.get(30, TimeUnit.SECONDS);
            ObservedLocation there = observed.stream().filter(l -> l.shard().equals(s.id()) && l.node().equals(other))
                    .findFirst().orElseThrow(() -> new AssertionError(observed.toString()));
            assertTrue(there.conf().orElseThrow().mode().toString().startsWith("Attached"), "the finished work is handed over: " + there);
        } finally {
            cluster.resumeLeadership();
            cluster.clearFaults();
        }
    }

    @Test
    void reconcilerPreIncrementGenerationPause_holdsTheAttachUntilOff(NeonTestCluster cluster, StorageControllerClient storcon) {
        Waiter.await("both pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE) ? WaitVerdict.done()
                        : WaitVerdict.pending(nodes.toString()));
        storcon.configureFailpoints(List.of(Failpoint.of("reconciler-pre-increment-generation", "pause")));
        try {
            TenantId tenant = TenantId.generate();
            storcon.tenants().create(CreateTenantRequest.unsharded(tenant));
            ShardDescription s = Waiter.await("the first reconcile running", storcon.config().waitPolicy(),
                    () -> storcon.tenant(tenant).describe().shards().get(0),
                    x -> x.isReconciling() ? WaitVerdict.done() : WaitVerdict.pending(x.toString()));
            assertTrue(dumpOf(storcon, s).observed().isEmpty(), "paused before attaching anywhere");
            storcon.configureFailpoints(List.of(Failpoint.off("reconciler-pre-increment-generation")));
            Waiter.await("attached once unpaused", storcon.config().waitPolicy(), () -> dumpOf(storcon, s),
                    x -> !x.observed().isEmpty() && x.generation().isPresent() ? WaitVerdict.done() : WaitVerdict.pending(x.toString()));
        } finally {
            cluster.clearFaults();
        }
    }

    @Test
    void api503_countedReturnsFailThatManyCallsAndSparesTheFailpointRoute(NeonTestCluster cluster) {
        RawHttp ps = RawHttp.pageserver(cluster.pageserver(1), cluster.token(Scope.PAGESERVER_API));
        try {
            // test_sharding.py: PageserverFailpoint("api-500", ...) style, counted with the fail crate's N*
            assertEquals(200, ps.put("/v1/failpoints", "[{\"name\":\"api-503\",\"actions\":\"2*return->off\"}]").status());
            for (int i = 0; i < 2; i++) {
                RawHttp.Resp r = ps.get("/v1/tenant");
                assertEquals(503, r.status(), r.body());
                assertEquals("failpoint", r.msg());
            }
            assertEquals(200, ps.get("/v1/tenant").status(), "the count is used up");
            assertEquals(200, ps.put("/v1/failpoints", "[{\"name\":\"api-500\",\"actions\":\"return\"}]").status());
            assertEquals(500, ps.get("/v1/tenant").status());
            assertEquals(200, ps.put("/v1/failpoints", "[{\"name\":\"api-500\",\"actions\":\"off\"}]").status(),
                    "the failpoint route itself is not wrapped");
            assertEquals(200, ps.get("/v1/tenant").status());
            assertEquals(200, RawHttp.pageserver(cluster.pageserver(2), cluster.token(Scope.PAGESERVER_API)).get("/v1/tenant").status());
        } finally {
            cluster.clearFaults();
        }
    }

    @Test
    void failpoints_unknownNamesAreStoredAndListed_badActionsAre400(NeonTestCluster cluster) {
        RawHttp admin = RawHttp.storcon(cluster.storageController(), cluster.token(Scope.ADMIN));
        RawHttp sk = RawHttp.safekeeper(cluster.safekeeper(1), cluster.token(Scope.SAFEKEEPER_DATA));
        try {
            assertEquals(200, sk.put("/v1/failpoints", "[{\"name\":\"sk-acceptor-pausable\",\"actions\":\"pause\"}]").status());
            assertEquals(200, admin.put("/debug/v1/failpoints", "[{\"name\":\"shard-split-post-remote\",\"actions\":\"50%return(x)\"}]").status());
            RawHttp.Resp bad = admin.put("/debug/v1/failpoints", "[{\"name\":\"x\",\"actions\":\"explode\"}]");
            assertEquals(400, bad.status());
            assertEquals("Failed to configure failpoints: unrecognized command \"explode\"", bad.msg());
            assertEquals(400, admin.put("/debug/v1/failpoints", "{\"name\":\"x\"}").status(), "the body is a list");
            assertEquals(403, RawHttp.pageserver(cluster.pageserver(1), cluster.token(Scope.SAFEKEEPER_DATA))
                    .put("/v1/failpoints", "[]").status(), "the pageserver checks its scope");

            JsonNode listed = admin.get("/testkit/v1/faults").json().path("failpoints");
            assertEquals(2, listed.size(), listed.toString());
            assertEquals("safekeeper", listed.get(0).path("component").asText());
            assertEquals("sk-acceptor-pausable", listed.get(0).path("name").asText());
            assertEquals("50%return(x)", listed.get(1).path("actions").asText());
            assertTrue(listed.get(1).path("effect").asText().startsWith("stored only"), listed.toString());
            assertEquals(200, admin.delete("/testkit/v1/faults").status());
            assertEquals(0, admin.get("/testkit/v1/faults").json().path("failpoints").size());
        } finally {
            cluster.clearFaults();
        }
    }
}
