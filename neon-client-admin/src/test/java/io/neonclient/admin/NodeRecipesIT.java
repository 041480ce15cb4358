package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.RecipeFailedException;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NodeEvacuation, NodeRemoval and ShardMove on the testkit. */
class NodeRecipesIT {
    final TenantId tenant = TenantId.generate();
    final TimelineId timeline = TimelineId.generate();

    static NodeRestarter restartOn(NeonTestCluster cluster) {
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
            assertEquals(NodeSchedulingPolicy.PAUSE_FOR_RESTART, r.value(NodeEvacuation.DRAIN).scheduling());
            assertEquals(NodeSchedulingPolicy.ACTIVE, r.value(NodeEvacuation.FILL).scheduling());
            assertEquals(storcon.node(NodeId.of(1)).shards().shards().size(), r.value(NodeEvacuation.BALANCED));
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
                if (ev instanceof StillWaiting w && w.step().name().equals("drain") && cluster.pageserverRunning(1)) {
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
        }
    }

    @Test
    void removal_rerunWithItsJournal_isDone_butANodeNeverSeenIsRefusedNamingIt() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            Journal journal = Journal.inMemory();
            NodeRemoval.of(storcon, NodeId.of(3)).withWaitPolicy(RecipeHarness.WAIT).withJournal(journal).run(e -> { });

            RecipeResult again = NodeRemoval.of(storcon, NodeId.of(3)).withWaitPolicy(RecipeHarness.WAIT).withJournal(journal).run(e -> { });
            assertEquals(NodeId.of(3), again.value(NodeRemoval.DELETE), "removed by an earlier run of the same journal: done");

            for (NodeId never : List.of(NodeId.of(3), NodeId.of(9))) {
                List<RecipeEvent> events = new ArrayList<>();
                var e = assertThrows(RecipeFailedException.class,
                        () -> NodeRemoval.of(storcon, never).withWaitPolicy(RecipeHarness.WAIT).run(events::add));
                assertEquals("check", e.step());
                assertTrue(e.getMessage().contains("node " + never + " is not registered"), e.getMessage());
                assertEquals("nothing changed", e.nextAction());
                assertTrue(events.stream().noneMatch(ev -> ev instanceof StepFinished), events.toString());
            }
            assertEquals(2, storcon.nodes().list().size(), "the other nodes are untouched");
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
            assertEquals(List.of("check", "migrate", "settled"), move.steps().stream().map(Step::name).toList());
            RecipeResult first = move.run(e -> { });
            assertEquals(Optional.of(from), first.value(ShardMove.CHECK).attachedNode());
            assertEquals(from, first.value(ShardMove.MIGRATE));
            ShardDescription s = storcon.tenant(tenant).describe().shard(shard).orElseThrow();
            assertEquals(to, s.attachedNode().orElseThrow());
            assertFalse(s.isReconciling());

            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult again = ShardMove.of(storcon, shard, to).withWaitPolicy(RecipeHarness.WAIT).run(events::add);
            assertTrue(events.stream().anyMatch(e -> e instanceof StepSkipped sk && sk.step().name().equals("migrate") && !sk.fromJournal()),
                    "already attached on the target: no migration is sent: " + events);
            assertEquals(Optional.of(to), again.value(ShardMove.CHECK).attachedNode());
            assertEquals(Optional.of(to), again.value(ShardMove.SETTLED).attachedNode());
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
            assertEquals(ShardSchedulingPolicy.ESSENTIAL, r.value(ShardMove.PIN));
            assertEquals(from, r.value(ShardMove.MIGRATE), "the shard moved away from where it was");
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
                    new StepContext("test", Step.of(Step.key("test", Integer.class), "test", c -> 0), Journal.inMemory(), e -> { }, java.util.Map.of()));
            var e = assertThrows(RecipeFailedException.class,
                    () -> ShardMove.of(storcon, shard, offline).withWaitPolicy(RecipeHarness.WAIT).run(ev -> { }));
            assertEquals("check", e.step());
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("offline"), e.getMessage());
            assertEquals(before, storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow());
        }
    }
}
