package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.Lsn;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TimelineId;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PointInTimeRecovery on the testkit, whose {@code get_lsn_by_timestamp} answers like upstream's
 * {@code find_lsn_for_timestamp}: present (the last commit at or before the time), future (after the newest commit),
 * past (before the oldest readable commit) and nodata (no commits).
 */
class PointInTimeRecoveryIT {
    static final List<String> STEPS = List.of("find-lsn", "branch", "verify", "compute");

    static PointInTimeRecovery recipe(ComputeCluster env, Instant at, TimelineId branch) {
        return PointInTimeRecovery.of(env.storcon, env.tenant, env.timeline).at(at).into(branch).withComputes(env.computes)
                .withWaitPolicy(RecipeHarness.WAIT);
    }

    static Timeline describe(ComputeCluster env, TimelineId timeline) {
        return env.storcon.tenant(env.tenant).timeline(timeline).describe();
    }

    static List<TimelineId> timelines(ComputeCluster env) {
        return env.storcon.tenant(env.tenant).timelines().list().stream().map(Timeline::timelineId).distinct().toList();
    }

    /** The branch starts at {@code lsn} of the source timeline and one running compute serves it. */
    static void assertBranchedWithCompute(ComputeCluster env, TimelineId branch, Lsn lsn) {
        Timeline t = describe(env, branch);
        assertEquals(Optional.of(env.timeline), t.ancestorTimelineId());
        assertEquals(Optional.of(lsn), t.ancestorLsn());
        List<ComputeClient> onBranch = env.computes.computesOf(env.tenant).stream()
                .filter(c -> c.status().timelineId().filter(branch::equals).isPresent()).toList();
        assertEquals(1, onBranch.size(), "one compute on the branch");
        assertEquals(ComputeStatus.RUNNING, onBranch.get(0).status().status());
    }

    @Test
    void aTimeBetweenTwoWrites_branchesAtTheLastCommitBeforeIt() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn first = env.write(8 * 1024);
            env.advance(Duration.ofMinutes(1));
            Lsn before = env.write(32 * 1024);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            Lsn after = env.write(32 * 1024);
            assertTrue(first.compareTo(before) < 0 && before.compareTo(after) < 0);

            TimelineId branch = TimelineId.generate();
            PointInTimeRecovery pitr = recipe(env, at, branch);
            assertEquals(STEPS, pitr.steps().stream().map(Step::name).toList());
            RecipeResult r = pitr.run(e -> { });

            assertEquals(Optional.of(branch), pitr.branch());
            assertEquals(branch, r.value(PointInTimeRecovery.BRANCH));
            assertBranchedWithCompute(env, branch, before);
            LsnForTimestamp found = r.value(PointInTimeRecovery.FIND_LSN);
            assertEquals(before, found.lsn());
            assertEquals(LsnForTimestamp.Kind.PRESENT, found.kind());
            assertTrue(found.validUntil().isPresent(), "the LSN was leased: " + found);
            assertEquals(branch, r.value(PointInTimeRecovery.BRANCH));
            assertEquals(before, r.value(PointInTimeRecovery.VERIFY));
            assertEquals(after, describe(env, env.timeline).lastRecordLsn(), "the source timeline is untouched");
        }
    }

    @Test
    void withoutComputes_buildsTheSpecOnly() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn before = env.write(4096);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(4096);
            RecipeResult r = PointInTimeRecovery.of(env.storcon, env.tenant, env.timeline).at(at).withWaitPolicy(RecipeHarness.WAIT)
                    .run(e -> { });
            TimelineId branch = timelines(env).stream().filter(t -> !t.equals(env.timeline)).findFirst().orElseThrow();
            assertEquals(Optional.of(before), describe(env, branch).ancestorLsn());
            ComputeSpec spec = r.value(PointInTimeRecovery.COMPUTE);
            assertEquals(Optional.of(branch), spec.timelineId());
            assertEquals(ComputeSpec.minimal(env.tenant, branch).withPlacement(Placements.of(env.storcon, env.tenant)), spec);
            assertTrue(env.computes.computesOf(env.tenant).isEmpty());
        }
    }

    @Test
    void aTimeAfterTheLastWrite_kindFuture_branchesAtTheNewestCommit() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            env.write(4096);
            env.advance(Duration.ofMinutes(1));
            Lsn newest = env.write(4096);
            env.advance(Duration.ofMinutes(1));
            TimelineId branch = TimelineId.generate();
            RecipeResult r = recipe(env, env.now(), branch).run(e -> { });
            assertBranchedWithCompute(env, branch, newest);
            assertEquals(newest, r.value(PointInTimeRecovery.FIND_LSN).lsn());
            assertEquals(LsnForTimestamp.Kind.FUTURE, r.value(PointInTimeRecovery.FIND_LSN).kind());
        }
    }

    @Test
    void aTimeBeforeTheFirstCommit_kindPast_isRefusedBeforeAnythingIsCreated() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Instant beforeAnyCommit = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(4096);
            env.advance(Duration.ofMinutes(1));
            List<RecipeEvent> events = new ArrayList<>();
            var e = assertThrows(RecipeFailedException.class, () -> recipe(env, beforeAnyCommit, TimelineId.generate()).run(events::add));
            assertEquals("find-lsn", e.step());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(e.getMessage().contains("before the PITR/GC horizon"), e.getMessage());
            assertEquals("nothing changed", e.nextAction());
            assertNothingCreated(env, events);
        }
    }

    @Test
    void aTimelineWithoutCommits_kindNodata_isRefusedBeforeAnythingIsCreated() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            List<RecipeEvent> events = new ArrayList<>();
            var e = assertThrows(RecipeFailedException.class, () -> recipe(env, env.now(), TimelineId.generate()).run(events::add));
            assertEquals("find-lsn", e.step());
            assertTrue(e.getMessage().contains("nodata"), e.getMessage());
            assertNothingCreated(env, events);
        }
    }

    static void assertNothingCreated(ComputeCluster env, List<RecipeEvent> events) {
        assertEquals(List.of(env.timeline), timelines(env), "no branch was created");
        assertTrue(env.computes.computesOf(env.tenant).isEmpty(), "no compute was started");
        assertTrue(events.stream().noneMatch(ev -> ev instanceof StepStarted && !ev.step().name().equals("find-lsn")), events.toString());
    }

    @Test
    void crashAfterFindLsn_rerunReusesTheSameLsn_evenAfterMoreWal(@TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn chosen = env.write(4096);
            Instant at = env.now().plus(Duration.ofMinutes(10));
            TimelineId branch = TimelineId.generate();
            Path journal = dir.resolve("pitr.json");
            RecipeHarness.runUntilCrash(recipe(env, at, branch).withJournal(Journal.file(journal)),
                    new RecipeHarness.Crash(RecipeHarness.finished("find-lsn")));
            assertEquals(List.of(env.timeline), timelines(env));

            // Meanwhile more WAL is written, before and after the target time: a fresh lookup would now answer
            // "present" at a newer LSN.
            env.advance(Duration.ofMinutes(5));
            Lsn newer = env.write(64 * 1024);
            env.advance(Duration.ofMinutes(10));
            env.write(64 * 1024);

            List<RecipeEvent> resumed = new ArrayList<>();
            recipe(env, at, branch).withJournal(Journal.file(journal)).run(resumed::add);
            assertInstanceOf(StepSkipped.class, resumed.get(0));
            assertBranchedWithCompute(env, branch, chosen);

            // The same request without the journal picks the newer LSN: the journal is what kept the choice.
            TimelineId fresh = TimelineId.generate();
            recipe(env, at, fresh).run(e -> { });
            assertEquals(Optional.of(newer), describe(env, fresh).ancestorLsn());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"find-lsn", "branch", "verify"})
    void crashAfterAStep_thenRerunWithTheJournal_converges(String step, @TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn before = env.write(4096);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(4096);
            TimelineId branch = TimelineId.generate();
            Path journal = dir.resolve("pitr.json");
            RecipeHarness.runUntilCrash(recipe(env, at, branch).withJournal(Journal.file(journal)),
                    new RecipeHarness.Crash(RecipeHarness.finished(step)));
            List<RecipeEvent> resumed = new ArrayList<>();
            recipe(env, at, branch).withJournal(Journal.file(journal)).run(resumed::add);
            assertEquals(STEPS.indexOf(step) + 1, resumed.stream().filter(e -> e instanceof StepSkipped).count());
            assertBranchedWithCompute(env, branch, before);
            assertEquals(2, timelines(env).size(), "one branch only");
        }
    }

    /** The process dies after the branch was created but before the journal recorded the step: the re-run accepts it. */
    @Test
    void crashInsideBranch_afterTheCreate_rerunAcceptsTheExistingBranch(@TempDir Path dir) throws IOException {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn before = env.write(4096);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(4096);
            TimelineId branch = TimelineId.generate();
            Path journal = dir.resolve("pitr.json");
            RecipeHarness.runUntilCrash(recipe(env, at, branch).withJournal(Journal.file(journal)),
                    new RecipeHarness.Crash(RecipeHarness.finished("branch")));
            TimeTravelIT.forget(journal, "branch");

            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult r = recipe(env, at, branch).withJournal(Journal.file(journal)).run(events::add);
            assertEquals(branch, r.value(PointInTimeRecovery.BRANCH));
            assertTrue(events.stream().anyMatch(e -> e instanceof StepSkipped s && s.step().name().equals("branch") && !s.fromJournal()),
                    "the existing branch is accepted without a second create: " + events);
            assertBranchedWithCompute(env, branch, before);
        }
    }
}
