package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.ObservedLocation;
import io.neonclient.storcon.SchedulerNode;
import io.neonclient.storcon.ShardAttachment;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The controller's debug and leadership routes over HTTP through the SDK client, with auth on so each route's scope
 * is the one upstream checks (storage_controller/src/http.rs; behaviour from storage_controller/src/service.rs).
 */
@NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true, auth = true)
class StorconDebugRoutesIT {

    private static TenantDescription twoShardTenant(StorageControllerClient storcon) {
        Waiter.await("both pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE) ? WaitVerdict.done()
                        : WaitVerdict.pending(nodes.toString()));
        TenantId tenant = TenantId.generate();
        return storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT)
                .withPlacement(PlacementPolicy.attached(1))).await(Duration.ofSeconds(30));
    }

    @Test
    void schedulerDump_countsEachNodesIntents(StorageControllerClient storcon) {
        TenantDescription d = twoShardTenant(storcon);
        List<SchedulerNode> dump = storcon.schedulerDump();
        assertEquals(List.of(NodeId.of(1), NodeId.of(2)), dump.stream().map(SchedulerNode::node).toList());
        assertEquals(2, dump.stream().mapToInt(SchedulerNode::attachedShardCount).sum(), "one attached location per shard");
        assertEquals(4, dump.stream().mapToInt(SchedulerNode::shardCount).sum(), "an attached and a secondary per shard");
        assertTrue(dump.stream().allMatch(SchedulerNode::maySchedule), dump.toString());
        for (SchedulerNode n : dump) {
            long attachedHere = d.shards().stream().filter(s -> s.attachedNode().equals(Optional.of(n.node()))).count();
            assertEquals(attachedHere, n.attachedShardCount(), n.toString());
        }
    }

    @Test
    void inspect_givesEachShardsGenerationAndAttachedNode(NeonTestCluster cluster, StorageControllerClient storcon) {
        TenantDescription d = twoShardTenant(storcon);
        for (ShardDescription s : d.shards()) {
            ShardAttachment a = storcon.inspect(s.id()).orElseThrow();
            assertEquals(s.attachedNode().orElseThrow(), a.node());
            // The generation the controller hands out is the one the attached pageserver holds.
            var onPageserver = cluster.pageserverClient(a.node().value()).tenants().stream()
                    .filter(t -> t.id().equals(s.id())).findFirst().orElseThrow();
            assertEquals(onPageserver.generation(), a.generation());
        }
        assertEquals(Optional.empty(), storcon.inspect(TenantShardId.unsharded(TenantId.generate())));
    }

    @Test
    void dropNode_forgetsItWithoutReschedulingItsShards(StorageControllerClient storcon) {
        TenantDescription d = twoShardTenant(storcon);
        storcon.dropNode(NodeId.of(2));
        assertEquals(List.of(NodeId.of(1)), storcon.nodes().list().stream().map(n -> n.id()).toList());
        assertTrue(storcon.tombstones().stream().anyMatch(n -> n.id().equals(NodeId.of(2))), "its id is tombstoned");
        assertEquals(List.of(NodeId.of(1)), storcon.schedulerDump().stream().map(SchedulerNode::node).toList());
        for (ShardDescription s : storcon.tenant(d.tenantId()).describe().shards()) {
            assertNotEquals(Optional.of(NodeId.of(2)), s.attachedNode(), s.toString());
            assertFalse(s.secondaryNodes().contains(NodeId.of(2)), s.toString());
        }
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> storcon.dropNode(NodeId.of(77)));
        assertTrue(e.getMessage().contains("not found for update"), e.getMessage());
    }

    @Test
    void dropTenant_forgetsItButLeavesItOnThePageservers(NeonTestCluster cluster, StorageControllerClient storcon) {
        TenantDescription d = twoShardTenant(storcon);
        storcon.dropTenant(d.tenantId());
        assertThrows(NotFoundException.class, () -> storcon.tenant(d.tenantId()).describe());
        long held = cluster.pageservers().keySet().stream().mapToLong(id -> cluster.pageserverClient(id).tenants().stream()
                .filter(t -> t.id().tenantId().equals(d.tenantId())).count()).sum();
        assertTrue(held >= 2, "not detached from pageservers, " + held + " locations left");
        storcon.dropTenant(TenantId.generate());    // nothing to drop is not an error
    }

    @Test
    void stepDown_handsOverObservedStateAndStopsLeading(NeonTestCluster cluster, StorageControllerClient storcon) {
        TenantDescription d = twoShardTenant(storcon);
        try {
            assertTrue(storcon.live());
            List<ObservedLocation> observed = storcon.stepDown();
            for (ShardDescription s : d.shards()) {
                ObservedLocation attached = observed.stream()
                        .filter(l -> l.shard().equals(s.id()) && l.node().equals(s.attachedNode().orElseThrow()))
                        .findFirst().orElseThrow(() -> new AssertionError(observed.toString()));
                assertEquals(LocationConfigMode.ATTACHED_SINGLE, attached.conf().orElseThrow().mode());
                assertTrue(attached.conf().orElseThrow().generation().isPresent(), attached.toString());
            }
            assertFalse(storcon.live(), "a stepped-down controller is not live");
            assertEquals(observed, storcon.stepDown(), "asking again hands over the same state");
        } finally {
            cluster.resumeLeadership();
        }
        assertTrue(storcon.live());
    }

    @Test
    void stepDown_cancelsAStuckReconcileInsteadOfWaitingForIt(NeonTestCluster cluster, StorageControllerClient storcon) {
        TenantDescription d = twoShardTenant(storcon);
        ShardDescription s = d.shards().get(0);
        NodeId other = s.attachedNode().orElseThrow().equals(NodeId.of(1)) ? NodeId.of(2) : NodeId.of(1);
        cluster.stickReconcile(s.id());
        storcon.shard(s.id()).migrateTo(other);
        Waiter.await("the migration's reconcile running", storcon.config().waitPolicy(),
                () -> storcon.tenant(d.tenantId()).describe().shards().get(0),
                x -> x.isReconciling() ? WaitVerdict.done() : WaitVerdict.pending(x.toString()));
        try {
            // service.rs step_down cancels in-flight reconciles and waits for them; a stuck one must not hold it.
            List<ObservedLocation> observed = assertTimeoutPreemptively(Duration.ofSeconds(10), storcon::stepDown);
            assertTrue(observed.stream().anyMatch(l -> l.shard().equals(s.id())), observed.toString());
        } finally {
            cluster.clearFaults();
        }
    }
}
