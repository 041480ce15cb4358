package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RollingRestart on the testkit: 3 pageservers, a 4-shard Attached(1) tenant, the testkit's stop/start as restarter. */
class RollingRestartIT {
    final TenantId tenant = TenantId.generate();
    final TimelineId timeline = TimelineId.generate();
    final List<NodeId> all = List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3));

    StorageControllerClient bootstrapped(NeonTestCluster cluster) {
        StorageControllerClient storcon = RecipeHarness.storcon(cluster);
        ClusterBootstrap.Builder b = ClusterBootstrap.builder(storcon).waitPolicy(RecipeHarness.WAIT);
        cluster.pageservers().forEach((id, uri) -> b.pageserver(RecipeHarness.register(cluster, id, uri)));
        cluster.safekeepers().forEach((id, uri) -> b.safekeeper(
                UpsertSafekeeperRequest.of(NodeId.of(id), "local", uri.getHost(), 5454, uri.getPort(), "az-a")));
        b.tenant(CreateTenantRequest.sharded(tenant, 4, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .timeline(timeline, 16).build().run(e -> { });
        return storcon;
    }

    /** Stops and starts the testkit's pageserver, counting restarts per node. */
    static NodeRestarter counting(NeonTestCluster cluster, Map<NodeId, Integer> restarts) {
        return node -> {
            restarts.merge(node, 1, Integer::sum);
            cluster.stopPageserver(node.value());
            cluster.startPageserver(node.value());
        };
    }

    void assertEveryNodeActiveAndSettled(StorageControllerClient storcon) {
        for (NodeId id : all) {
            var node = storcon.node(id).describe();
            assertEquals(NodeAvailability.ACTIVE, node.availability(), node.toString());
            assertEquals(NodeSchedulingPolicy.ACTIVE, node.scheduling(), node.toString());
        }
        var d = storcon.tenant(tenant).describe();
        assertEquals(WaitVerdict.done(), Conditions.settled(d), d.toString());
    }

    @Test
    void rollingRestart_restartsEveryNodeOnce_oneAtATime_andEndsSettled() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(1).build().start()) {
            var storcon = bootstrapped(cluster);
            Map<NodeId, Integer> restarts = new ConcurrentHashMap<>();
            NodeRestarter restarter = counting(cluster, restarts);
            // Never more than one node out: when a node is restarted, every other node is Active/Active.
            NodeRestarter checked = node -> {
                for (NodeId other : all) {
                    if (!other.equals(node)) {
                        assertTrue(storcon.node(other).describe().isSchedulable(), "node " + other + " while restarting " + node);
                    }
                }
                assertEquals(NodeSchedulingPolicy.PAUSE_FOR_RESTART, storcon.node(node).describe().scheduling());
                assertEquals(0, storcon.tenant(tenant).describe().shards().stream()
                                .filter(s -> s.attachedNode().equals(java.util.Optional.of(node))).count(),
                        "drained node " + node + " holds no attachment");
                restarter.restart(node);
            };
            // Before each drain, the secondaries of the node's attached shards are warm: their download is complete.
            Map<NodeId, Integer> expectedWarm = new ConcurrentHashMap<>();
            List<String> cold = new java.util.ArrayList<>();
            RecipeResult r = RollingRestart.of(storcon, all).withWaitPolicy(RecipeHarness.WAIT).withRestarter(checked).run(e -> {
                if (e instanceof StepFinished f && f.step().name().startsWith("warm-")) {
                    NodeId node = NodeId.parse(f.step().name().substring("warm-".length()));
                    int secondaries = 0;
                    for (var s : storcon.tenant(tenant).describe().shards()) {
                        if (s.attachedNode().equals(java.util.Optional.of(node))) {
                            for (NodeId sec : s.secondaryNodes()) {
                                secondaries++;
                                var progress = PageserverClient.create(cluster.pageservers().get(sec.value())).tenant(s.id()).secondaryStatus();
                                if (!progress.isComplete()) {
                                    cold.add(s.id() + " on " + sec + ": " + progress);
                                }
                            }
                        }
                    }
                    expectedWarm.put(node, secondaries);
                }
            });
            assertEquals(List.of(), cold);
            for (NodeId id : all) {
                assertEquals(expectedWarm.get(id), r.value(RollingRestart.warmed(id)), "secondaries warmed before draining node " + id);
            }
            assertTrue(expectedWarm.values().stream().mapToInt(Integer::intValue).sum() >= 4, expectedWarm.toString());
            assertEquals(Map.of(NodeId.of(1), 1, NodeId.of(2), 1, NodeId.of(3), 1), restarts);
            for (NodeId id : all) {
                assertEquals(NodeSchedulingPolicy.PAUSE_FOR_RESTART, r.value(RollingRestart.drained(id)).scheduling());
                assertEquals(NodeSchedulingPolicy.ACTIVE, r.value(RollingRestart.filled(id)).scheduling());
                assertEquals(3, r.value(RollingRestart.healthy(id)));
            }
            assertEveryNodeActiveAndSettled(storcon);
        }
    }

    @Test
    void rollingRestart_killedMidWay_resumesFromTheFileJournal_restartingNoNodeTwice(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(1).build().start()) {
            var storcon = bootstrapped(cluster);
            Map<NodeId, Integer> restarts = new ConcurrentHashMap<>();
            Path journal = dir.resolve("rolling.json");
            RollingRestart recipe = RollingRestart.of(storcon, all).withWaitPolicy(RecipeHarness.WAIT)
                    .withRestarter(counting(cluster, restarts)).withJournal(Journal.file(journal));
            var crash = new RecipeHarness.Crash(RecipeHarness.midStep("fill-2"));
            RecipeHarness.runUntilCrash(recipe, crash);
            assertEquals(Map.of(NodeId.of(1), 1, NodeId.of(2), 1), restarts);

            List<RecipeEvent> events = new java.util.ArrayList<>();
            RollingRestart.of(storcon, all).withWaitPolicy(RecipeHarness.WAIT).withRestarter(counting(cluster, restarts))
                    .withJournal(Journal.file(journal)).run(events::add);
            assertEquals(Map.of(NodeId.of(1), 1, NodeId.of(2), 1, NodeId.of(3), 1), restarts);
            assertTrue(events.stream().anyMatch(e -> e instanceof StepSkipped s && s.fromJournal() && s.step().name().equals("restart-2")),
                    events.toString());
            assertEveryNodeActiveAndSettled(storcon);
        }
    }

    @Test
    void rollingRestart_killedAfterTheRestarterReturned_beforeTheNodeReattached_resumesWithoutRestartingItAgain(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(1).build().start()) {
            var storcon = bootstrapped(cluster);
            Map<NodeId, Integer> restarts = new ConcurrentHashMap<>();
            // A restart command that returns while the pageserver is still coming up: node 2 is stopped and only
            // starts later, so the controller still reads PauseForRestart when the run dies.
            NodeRestarter slow = node -> {
                restarts.merge(node, 1, Integer::sum);
                cluster.stopPageserver(node.value());
                if (!node.equals(NodeId.of(2))) {
                    cluster.startPageserver(node.value());
                }
            };
            Path journal = dir.resolve("rolling.json");
            var crash = new RecipeHarness.Crash(RecipeHarness.midStep("restart-2"));
            RecipeHarness.runUntilCrash(RollingRestart.of(storcon, all).withWaitPolicy(RecipeHarness.WAIT).withRestarter(slow)
                    .withJournal(Journal.file(journal)), crash);
            assertEquals(Map.of(NodeId.of(1), 1, NodeId.of(2), 1), restarts);
            assertEquals(NodeSchedulingPolicy.PAUSE_FOR_RESTART, storcon.node(NodeId.of(2)).describe().scheduling());

            List<RecipeEvent> events = new java.util.ArrayList<>();
            RollingRestart.of(storcon, all).withWaitPolicy(RecipeHarness.WAIT).withRestarter(slow).withJournal(Journal.file(journal))
                    .run(e -> {
                        events.add(e);
                        // the slow boot of pageserver 2 finishes while the resumed run waits for its re-attach
                        if (e instanceof StillWaiting w && w.step().name().equals("restart-2") && !cluster.pageserverRunning(2)) {
                            cluster.startPageserver(2);
                        }
                    });
            assertEquals(Map.of(NodeId.of(1), 1, NodeId.of(2), 1, NodeId.of(3), 1), restarts);
            assertTrue(events.stream().anyMatch(e -> e instanceof StillWaiting w && w.step().name().equals("restart-2")
                    && w.reason().contains("restarted by an earlier run")), events.toString());
            assertEveryNodeActiveAndSettled(storcon);
        }
    }

    @Test
    void rollingRestart_aNodeOfflineBeforeTheNext_stopsWithoutTouchingTheNext() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(1).build().start()) {
            var storcon = bootstrapped(cluster);
            Map<NodeId, Integer> restarts = new ConcurrentHashMap<>();
            NodeRestarter restarter = counting(cluster, restarts);
            RollingRestart recipe = RollingRestart.of(storcon, all).withWaitPolicy(RecipeHarness.WAIT).withRestarter(restarter);
            // Node 3 dies on its own while node 1 is being handled; the check before node 2 must stop the run.
            var e = assertThrows(RecipeFailedException.class, () -> recipe.run(ev -> {
                if (ev instanceof StepFinished f && f.step().name().equals("balanced-1")) {
                    cluster.stopPageserver(3);
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (storcon.node(NodeId.of(3)).describe().availability() == NodeAvailability.ACTIVE && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
            }));
            assertTrue(e.getMessage().contains("healthy-2"), e.getMessage());
            assertTrue(e.getMessage().contains("node 3 is Offline"), e.getMessage());
            assertEquals(Map.of(NodeId.of(1), 1), restarts);
            assertEquals(NodeSchedulingPolicy.ACTIVE, storcon.node(NodeId.of(2)).describe().scheduling());
        }
    }

    @Test
    void rollingRestart_badNodeList_isRefusedBeforeAnythingIsSent() {
        var storcon = StorageControllerClient.create("http://127.0.0.1:1");
        var empty = assertThrows(IllegalArgumentException.class, () -> RollingRestart.of(storcon, List.of()));
        assertTrue(empty.getMessage().contains("nodes must name at least one"), empty.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> RollingRestart.of(storcon, List.of(NodeId.of(1), NodeId.of(1))));
        assertTrue(twice.getMessage().contains("got 1,1"), twice.getMessage());
    }
}
