package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.Lsn;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.storcon.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PITR's optional preparation: the source's initdb archive preserved first, so the source can later be rebuilt from its WAL. */
class PitrPreserveInitdbIT {

    @Test
    void preservingInitdb_runsFirst_andTheSourceCanBeRebuiltFromItAfterADeletion() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            env.write(8 * 1024);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            Lsn end = env.write(16 * 1024);

            PointInTimeRecovery pitr = PointInTimeRecoveryIT.recipe(env, at, TimelineId.generate()).preservingInitdb();
            assertEquals(List.of("initdb-preserved", "find-lsn", "branch", "verify", "compute"), pitr.steps().stream().map(Step::name).toList());
            RecipeResult r = pitr.run(e -> { });
            assertTrue(r.value(PointInTimeRecovery.INITDB_PRESERVED).isShardZero());

            // The source's pageserver state lost (deleted on each pageserver directly) and re-created from its own initdb:
            // without the preserved archive this create fails as upstream's does (see WalReplaySimulationIT).
            List<Node> nodes = env.storcon.nodes().list();
            for (var s : env.storcon.tenant(env.tenant).describe().shards()) {
                Node n = nodes.stream().filter(x -> x.id().equals(s.attachedNode().orElseThrow())).findFirst().orElseThrow();
                Placements.pageserver(env.storcon, n).timeline(s.id(), env.timeline).delete().await(RecipeHarness.WAIT, p -> { });
            }
            env.storcon.tenant(env.tenant).timelines().create(CreateTimelineRequest.bootstrap(env.timeline, 16).fromInitdbOf(env.timeline));
            Waiter.await("replayed", RecipeHarness.WAIT, () -> env.storcon.tenant(env.tenant).timeline(env.timeline).describe(),
                    t -> t.lastRecordLsn().equals(end) ? WaitVerdict.done() : WaitVerdict.pending(t.lastRecordLsn().toString()), p -> { });
        }
    }

    @Test
    void preservingInitdb_ofABranch_isRefusedBeforeAnythingIsCreated() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            env.write(8 * 1024);
            TimelineId branch = TimelineId.generate();
            env.storcon.tenant(env.tenant).timelines().create(CreateTimelineRequest.branch(branch, env.timeline));
            env.advance(Duration.ofMinutes(1));
            int before = env.storcon.tenant(env.tenant).timelines().list().size();

            PointInTimeRecovery pitr = PointInTimeRecovery.of(env.storcon, env.tenant, branch).at(env.now()).preservingInitdb()
                    .withWaitPolicy(RecipeHarness.WAIT);
            RecipeFailedException e = assertThrows(RecipeFailedException.class, () -> pitr.run(ev -> { }));
            assertEquals("initdb-preserved", e.step());
            assertTrue(e.getCause().getMessage().contains("is a branch of " + env.timeline), e.getCause().getMessage());
            assertEquals(before, env.storcon.tenant(env.tenant).timelines().list().size(), "nothing was created");
        }
    }
}
