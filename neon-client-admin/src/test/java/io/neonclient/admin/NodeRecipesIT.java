package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NodeEvacuation, NodeRemoval and ShardMove on the testkit. */
class NodeRecipesIT {
    final TenantId tenant = TenantId.generate();
    final TimelineId timeline = TimelineId.generate();

    static NodeEvacuation.Restarter restartOn(NeonTestCluster cluster) {
        return node -> {
            cluster.stopPageserver(node.value());
            cluster.startPageserver(node.value());
        };
    }

    static void assertSettled(StorageControllerClient storcon, TenantId tenant) {
        var d = storcon.tenant(tenant).describe();
        assertEquals(io.neonclient.core.WaitVerdict.done(), Conditions.settled(d), d.toString());
    }

    @Test
    void evacuation_drainsRestartsAndFillsTheNode() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult r = NodeEvacuation.of(storcon, NodeId.of(1)).withWaitPolicy(RecipeHarness.WAIT)
                    .withRestarter(restartOn(cluster)).run(events::add);
            assertTrue(r.results().get(0).startsWith("drained"), r.results().toString());
            var node = storcon.node(NodeId.of(1)).describe();
            assertEquals(NodeAvailability.ACTIVE, node.availability());
            assertEquals(NodeSchedulingPolicy.ACTIVE, node.scheduling());
            assertSettled(storcon, tenant);
            assertTrue(events.stream().anyMatch(e -> e instanceof StillWaiting w && w.reason().contains("node 1")), events.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"drain", "restart", "fill"})
    void evacuation_crashInsideAStep_rerunWithTheJournalConverges(String step, @TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            Path journal = dir.resolve("evacuate.json");
            NodeEvacuation recipe = NodeEvacuation.of(storcon, NodeId.of(2)).withWaitPolicy(RecipeHarness.WAIT)
                    .withRestarter(restartOn(cluster)).withJournal(Journal.file(journal));
            RecipeHarness.runUntilCrash(recipe, new RecipeHarness.Crash(RecipeHarness.midStep(step)));
            NodeEvacuation.of(storcon, NodeId.of(2)).withWaitPolicy(RecipeHarness.WAIT).withRestarter(restartOn(cluster))
                    .withJournal(Journal.file(journal)).run(e -> { });
            var node = storcon.node(NodeId.of(2)).describe();
            assertEquals(NodeSchedulingPolicy.ACTIVE, node.scheduling());
            assertEquals(NodeAvailability.ACTIVE, node.availability());
            assertSettled(storcon, tenant);
        }
    }

    @Test
    void evacuation_whenTheNodeIsLostMidDrain_stopsWithANextStep() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            var recipe = NodeEvacuation.of(storcon, NodeId.of(1))
                    .withWaitPolicy(RecipeHarness.WAIT.withTimeout(java.time.Duration.ofSeconds(3)));
            // Node loss mid-drain: the pageserver dies as soon as the drain is under way.
            java.util.function.Consumer<RecipeEvent> loseNode = ev -> {
                if (ev instanceof StillWaiting w && w.step().id().equals("drain") && cluster.pageserverRunning(1)) {
                    cluster.stopPageserver(1);
                }
            };
            var e = assertThrows(RecipeFailedException.class, () -> recipe.run(loseNode));
            assertFalse(e.nextAction().isBlank());
            assertTrue(e.nextAction().contains("node 1") || e.nextAction().contains("cancelDrain"), e.nextAction());
        }
    }

    @Test
    void removal_drainsAndDeletesTheNode_andTheTenantStaysPlaced() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            NodeRemoval.of(storcon, NodeId.of(3)).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            assertThrows(NotFoundException.class, () -> storcon.node(NodeId.of(3)).describe());
            for (ShardDescription s : storcon.tenant(tenant).describe().shards()) {
                assertNotEquals(NodeId.of(3), s.attachedNode().orElseThrow());
                assertFalse(s.secondaryNodes().contains(NodeId.of(3)));
            }
            RecipeResult again = NodeRemoval.of(storcon, NodeId.of(3)).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            assertTrue(again.results().get(0).contains("already removed"), again.results().toString());
        }
    }

    @Test
    void shardMove_migratesTheShardToTheOtherNode() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            TenantShardId shard = TenantShardId.parse(tenant + "-0102");
            NodeId from = storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow();
            NodeId to = from.equals(NodeId.of(1)) ? NodeId.of(2) : NodeId.of(1);
            ShardMove move = ShardMove.of(storcon, shard, to).withWaitPolicy(RecipeHarness.WAIT);
            assertEquals(List.of("check", "migrate", "settled"), move.steps().stream().map(Step::id).toList());
            move.run(e -> { });
            ShardDescription s = storcon.tenant(tenant).describe().shard(shard).orElseThrow();
            assertEquals(to, s.attachedNode().orElseThrow());
            assertFalse(s.isReconciling());

            RecipeResult again = ShardMove.of(storcon, shard, to).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            assertEquals("already attached on node " + to, again.results().get(1));
        }
    }

    @Test
    void shardMove_overridingTheScheduler_pinsTheTenantAndSaysSo() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            TenantShardId shard = TenantShardId.parse(tenant + "-0002");
            NodeId from = storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow();
            NodeId to = from.equals(NodeId.of(1)) ? NodeId.of(2) : NodeId.of(1);
            RecipeResult r = ShardMove.of(storcon, shard, to).overridingScheduler().withoutPrewarm().withWaitPolicy(RecipeHarness.WAIT)
                    .run(e -> { });
            assertTrue(r.results().get(1).contains("Essential"), r.results().toString());
            storcon.tenant(tenant).describe().shards().forEach(s -> assertEquals(ShardSchedulingPolicy.ESSENTIAL, s.schedulingPolicy()));
            assertEquals(to, storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow());
        }
    }

    @Test
    void shardMove_toAnOfflineNode_isRefusedBeforeAnythingMoves() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            TenantShardId shard = TenantShardId.parse(tenant + "-0002");
            NodeId before = storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow();
            NodeId offline = storcon.nodes().list().stream().map(n -> n.id()).filter(id -> !id.equals(before)).findFirst().orElseThrow();
            cluster.stopPageserver(offline.value());
            Conditions.node(storcon, offline, "Offline", n -> n.availability() == NodeAvailability.OFFLINE, RecipeHarness.WAIT,
                    new StepContext(new Step("test", "test"), Journal.inMemory(), e -> { }));
            var e = assertThrows(RecipeFailedException.class,
                    () -> ShardMove.of(storcon, shard, offline).withWaitPolicy(RecipeHarness.WAIT).run(ev -> { }));
            assertEquals("check", e.step().id());
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("offline"), e.getMessage());
            assertEquals(before, storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow());
        }
    }
}
