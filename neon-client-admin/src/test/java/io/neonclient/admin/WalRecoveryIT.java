package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineState;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.storcon.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WalRecovery on the testkit: the pageservers' copy of a timeline is corrupt (Broken), its WAL is on the safekeeper and
 * its initdb archive in remote storage; the recipe rebuilds it in place and the rebuilt timeline reaches the WAL's end.
 */
class WalRecoveryIT {
    static final List<String> STEPS = List.of("check", "preserve-initdb", "stop-computes", "delete", "recreate", "replay", "verify",
            "start-computes");

    static SafekeeperClient safekeeper(ComputeCluster env) {
        return SafekeeperClient.builder().baseUri(env.cluster.safekeeper(1)).config(env.storcon.config()).build();
    }

    static WalRecovery recipe(ComputeCluster env) {
        return WalRecovery.of(env.storcon, env.tenant, env.timeline).withSafekeepers(List.of(safekeeper(env))).withComputes(env.computes)
                .withWaitPolicy(RecipeHarness.WAIT);
    }

    /** Every shard's view of the timeline, from its pageserver. */
    static List<Timeline> onShards(ComputeCluster env, TimelineId timeline) {
        var nodes = env.storcon.nodes().list();
        return env.storcon.tenant(env.tenant).describe().shards().stream().map(s -> {
            Node n = nodes.stream().filter(x -> x.id().equals(s.attachedNode().orElseThrow())).findFirst().orElseThrow();
            return Placements.pageserver(env.storcon, n).timeline(s.id(), timeline).describe();
        }).toList();
    }

    static io.neonclient.pageserver.PageserverTimeline onShard(ComputeCluster env, io.neonclient.storcon.ShardDescription s,
            TimelineId timeline) {
        Node n = env.storcon.nodes().list().stream().filter(x -> x.id().equals(s.attachedNode().orElseThrow())).findFirst().orElseThrow();
        return Placements.pageserver(env.storcon, n).timeline(s.id(), timeline);
    }

    static Lsn corruptAfterWrites(ComputeCluster env) {
        env.write(64 * 1024);
        env.advance(Duration.ofMinutes(1));
        Lsn end = env.write(128 * 1024);
        env.cluster.corruptTimeline(env.tenant, env.timeline, "layer file checksum mismatch");
        assertTrue(onShards(env, env.timeline).stream().allMatch(t -> t.state() instanceof TimelineState.Broken));
        return end;
    }

    static void assertRebuilt(ComputeCluster env, Lsn end) {
        for (Timeline t : onShards(env, env.timeline)) {
            assertInstanceOf(TimelineState.Active.class, t.state(), "shard " + t.tenantShardId());
            assertEquals(end, t.lastRecordLsn(), "shard " + t.tenantShardId() + " replayed the WAL to its end");
            assertEquals(Optional.empty(), t.ancestorTimelineId());
        }
        assertEquals(end, safekeeper(env).timeline(env.tenant, env.timeline).status().commitLsn(), "the safekeeper's WAL is intact");
    }

    @Test
    void corruptTimeline_isRebuiltFromItsInitdbAndTheSafekeepersWal_andItsComputeRestarted() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient before = env.startCompute();
            Lsn end = corruptAfterWrites(env);
            WalRecovery recovery = recipe(env);
            assertEquals(STEPS, recovery.steps().stream().map(Step::name).toList());

            RecipeResult r = recovery.run(e -> { });

            assertRebuilt(env, end);
            assertEquals(end, r.value(WalRecovery.CHECK).walEnd());
            assertEquals(end, r.value(WalRecovery.REPLAY));
            assertEquals(2, r.value(WalRecovery.DELETE).size());
            assertEquals(new WalRecovery.Verified(2, end), r.value(WalRecovery.VERIFY));
            assertEquals(List.of(env.timeline), r.value(WalRecovery.STOP_COMPUTES));
            assertEquals(List.of(env.timeline), r.value(WalRecovery.START_COMPUTES));
            assertNotEquals(ComputeStatus.RUNNING, before.status().status(), "the old compute was stopped");
            assertTrue(Computes.runningOn(env.computes, env.tenant, env.timeline).isPresent(), "a compute runs on the rebuilt timeline");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "preserve-initdb", "stop-computes", "delete", "recreate", "replay", "verify", "start-computes"})
    void killedAtAnyStep_resumesFromTheJournalAndFinishes(String step, @TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            Lsn end = corruptAfterWrites(env);
            Journal journal = Journal.file(dir.resolve("wal-recovery.json"));
            RecipeHarness.runUntilCrash(recipe(env).withJournal(journal), new RecipeHarness.Crash(RecipeHarness.midStep(step)));

            RecipeResult r = recipe(env).withJournal(Journal.file(dir.resolve("wal-recovery.json"))).run(e -> { });

            assertRebuilt(env, end);
            assertEquals(end, r.value(WalRecovery.VERIFY).lastRecordLsn());
            assertTrue(Computes.runningOn(env.computes, env.tenant, env.timeline).isPresent(), "after a kill at " + step);
        }
    }

    @Test
    void aBranch_isRefusedBeforeAnythingChanges() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.write(4096);
            TimelineId branch = TimelineId.generate();
            env.storcon.tenant(env.tenant).timelines().create(CreateTimelineRequest.branch(branch, env.timeline));
            var failure = assertThrows(RecipeFailedException.class, () -> WalRecovery.of(env.storcon, env.tenant, branch)
                    .withSafekeepers(List.of(safekeeper(env))).assumingNoComputes().withWaitPolicy(RecipeHarness.WAIT).run(e -> { }));
            assertEquals("check", failure.step());
            assertTrue(failure.getMessage().contains("branch of " + env.timeline), failure.getMessage());
            assertEquals(2, onShards(env, branch).size(), "the branch is untouched");

            var parent = assertThrows(RecipeFailedException.class, () -> recipe(env).run(e -> { }));
            assertEquals("check", parent.step());
            assertTrue(parent.getMessage().contains("has branches [" + branch + "]"), parent.getMessage());
        }
    }

    @Test
    void noSafekeeperGiven_isRefusedBeforeAnythingChanges() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Lsn end = env.write(4096);
            var failure = assertThrows(RecipeFailedException.class, () -> WalRecovery.of(env.storcon, env.tenant, env.timeline)
                    .assumingNoComputes().withWaitPolicy(RecipeHarness.WAIT).run(e -> { }));
            assertEquals("check", failure.step());
            assertTrue(failure.getMessage().contains("withSafekeepers"), failure.getMessage());
            assertTrue(onShards(env, env.timeline).stream().allMatch(t -> t.lastRecordLsn().equals(end)));
        }
    }

    @Test
    void aSafekeeperWithoutTheTimeline_isRefused() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.write(4096);
            safekeeper(env).timeline(env.tenant, env.timeline).delete(true);
            var failure = assertThrows(RecipeFailedException.class, () -> recipe(env).assumingNoComputes().run(e -> { }));
            assertEquals("check", failure.step());
            assertTrue(failure.getMessage().contains("does not hold timeline"), failure.getMessage());
        }
    }

    @Test
    void recreateFromInitdb_withoutAPreservedArchive_failsAsUpstream() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.write(4096);
            for (var s : env.storcon.tenant(env.tenant).describe().shards()) {
                onShard(env, s, env.timeline).delete().await(RecipeHarness.WAIT, p -> { });
            }
            var failure = assertThrows(ServerErrorException.class, () -> env.storcon.tenant(env.tenant).timelines()
                    .create(CreateTimelineRequest.bootstrap(env.timeline).fromInitdbOf(env.timeline)));
            assertTrue(failure.getMessage().contains("initdb"), failure.getMessage());
        }
    }

    @Test
    void deletingOnThePageserverDirectly_keepsTheSafekeepersWal() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Lsn end = env.write(4096);
            for (var s : env.storcon.tenant(env.tenant).describe().shards()) {
                onShard(env, s, env.timeline).delete().await(RecipeHarness.WAIT, p -> { });
                assertThrows(NotFoundException.class, () -> onShard(env, s, env.timeline).describe());
            }
            assertEquals(end, safekeeper(env).timeline(env.tenant, env.timeline).status().commitLsn());
        }
    }

    @Test
    void bootstrapWithPreserveInitdb_letsTheTimelineBeRecreatedFromItAfterADeletion() {
        try (var cluster = io.neonclient.testkit.NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var tenant = io.neonclient.core.TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            var storcon = RecipeHarness.storcon(cluster);
            ClusterBootstrap bootstrap = RecipeHarness.bootstrap(cluster, storcon, tenant, timeline).preserveInitdb().build();
            assertEquals("initdb-preserved", bootstrap.steps().get(bootstrap.steps().size() - 1).name());
            RecipeResult r = bootstrap.run(e -> { });
            assertTrue(r.value(ClusterBootstrap.INITDB_PRESERVED).isShardZero());
            Lsn end = cluster.write(tenant, timeline, 32 * 1024);
            var nodes = storcon.nodes().list();
            for (var s : storcon.tenant(tenant).describe().shards()) {
                Node n = nodes.stream().filter(x -> x.id().equals(s.attachedNode().orElseThrow())).findFirst().orElseThrow();
                Placements.pageserver(storcon, n).timeline(s.id(), timeline).delete().await(RecipeHarness.WAIT, p -> { });
            }
            storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(timeline, 16).fromInitdbOf(timeline));
            io.neonclient.core.Waiter.await("replayed", RecipeHarness.WAIT, () -> storcon.tenant(tenant).timeline(timeline).describe(),
                    t -> t.lastRecordLsn().equals(end) ? io.neonclient.core.WaitVerdict.done()
                            : io.neonclient.core.WaitVerdict.pending(t.lastRecordLsn().toString()));
        }
    }
}
