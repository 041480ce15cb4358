package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TimelineId;
import io.neonclient.model.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WalReplayCheck on the testkit: the safekeeper copies the WAL into a new timeline, the digests agree, the pageservers
 * replay the copy from the source's initdb to the same LSN, and everything created is deleted again.
 */
class WalReplayCheckIT {

    static WalReplayCheck recipe(ComputeCluster env) {
        return WalReplayCheck.of(env.storcon, env.tenant, env.timeline).withSafekeepers(List.of(WalRecoveryIT.safekeeper(env)))
                .withWaitPolicy(RecipeHarness.WAIT);
    }

    static void assertCleanedUp(ComputeCluster env, TimelineId copy) {
        for (var s : env.storcon.tenant(env.tenant).describe().shards()) {
            assertThrows(NotFoundException.class, () -> WalRecoveryIT.onShard(env, s, copy).describe(), "shard " + s.id());
        }
        assertThrows(NotFoundException.class, () -> WalRecoveryIT.safekeeper(env).timeline(env.tenant, copy).status());
    }

    @Test
    void copyOfTheWal_replaysToTheSameLsn_andIsDeletedAfterwards() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.write(16 * 1024);
            env.advance(Duration.ofMinutes(1));
            Lsn end = env.write(48 * 1024);
            TimelineId copy = TimelineId.generate();

            RecipeResult r = recipe(env).into(copy).run(e -> { });

            assertEquals(end, r.value(WalReplayCheck.CHECK).until());
            assertEquals(copy, r.value(WalReplayCheck.COPY));
            assertEquals(1, r.value(WalReplayCheck.DIGEST).size());
            assertEquals(64, r.value(WalReplayCheck.DIGEST).get(0).length(), "a SHA-256 in hex");
            assertEquals(new WalReplayCheck.Outcome(true, end), r.value(WalReplayCheck.REPLAY));
            assertEquals(3, r.value(WalReplayCheck.CLEANUP).size(), "two shards and one safekeeper");
            assertCleanedUp(env, copy);
            for (Timeline t : WalRecoveryIT.onShards(env, env.timeline)) {
                assertEquals(end, t.lastRecordLsn(), "the source is untouched");
            }
        }
    }

    @Test
    void anEarlierLsn_copiesAndReplaysOnlyUpToIt() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Lsn middle = env.write(16 * 1024);
            env.write(16 * 1024);
            RecipeResult r = recipe(env).upTo(middle).run(e -> { });
            assertEquals(new WalReplayCheck.Outcome(true, middle), r.value(WalReplayCheck.REPLAY));
            assertCleanedUp(env, r.value(WalReplayCheck.COPY));
        }
    }

    @Test
    void anLsnPastTheWal_isRefusedBeforeAnythingIsCopied() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Lsn end = env.write(4096);
            var failure = assertThrows(RecipeFailedException.class, () -> recipe(env).upTo(end.plus(8)).run(e -> { }));
            assertEquals("check", failure.step());
            assertTrue(failure.getMessage().contains("past the WAL"), failure.getMessage());
            assertEquals(List.of(env.timeline), WalRecoveryIT.safekeeper(env).timelines().stream()
                    .filter(t -> t.tenantId().equals(env.tenant)).map(t -> t.timelineId()).toList());
        }
    }

    @Test
    void theCopyMustDifferFromTheSource() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            var e = assertThrows(IllegalArgumentException.class, () -> recipe(env).into(env.timeline));
            assertTrue(e.getMessage().contains("copy must differ"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy", "digest", "create", "replay", "cleanup"})
    void killedAtAnyStep_resumesWithTheSameCopy(String step, @TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Lsn end = env.write(32 * 1024);
            Path file = dir.resolve("check.json");
            RecipeHarness.runUntilCrash(recipe(env).withJournal(Journal.file(file)), new RecipeHarness.Crash(RecipeHarness.midStep(step)));

            RecipeResult r = recipe(env).withJournal(Journal.file(file)).run(e -> { });

            assertEquals(new WalReplayCheck.Outcome(true, end), r.value(WalReplayCheck.REPLAY));
            assertCleanedUp(env, r.value(WalReplayCheck.COPY));
        }
    }
}
