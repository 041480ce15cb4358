package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.BackupSnapshot;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.RestoreInPlace;
import io.neonclient.admin.backup.RestoreToBranch;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.Lsn;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TimelineId;
import io.neonclient.model.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both restore modes on the testkit, each guard, and a kill after each step of the in-place restore. */
class BackupRestoreIT {

    /** A snapshot "good" (archived) at {@code good}, then more WAL up to {@code bad}. */
    record Setup(BackupCatalog catalog, CatalogEntry snapshot, Lsn good, Lsn bad) {}

    static Setup setup(ComputeCluster env, BackupCatalog catalog) {
        env.advance(Duration.ofMinutes(1));
        Lsn good = env.write(8192);
        CatalogEntry s = BackupSnapshotIT.snapshot(env, catalog).named("good").archived().run(e -> { }).value(BackupSnapshot.RECORD);
        env.advance(Duration.ofMinutes(2));
        Lsn bad = env.write(8192);
        env.advance(Duration.ofMinutes(1));
        return new Setup(catalog, s, good, bad);
    }

    static Timeline describe(ComputeCluster env, TimelineId t) {
        return env.storcon.tenant(env.tenant).timeline(t).describe();
    }

    static List<TimelineId> timelines(ComputeCluster env) {
        return env.storcon.tenant(env.tenant).timelines().list().stream().map(Timeline::timelineId).distinct().toList();
    }

    static List<ComputeClient> running(ComputeCluster env) {
        return env.computes.computesOf(env.tenant).stream().filter(c -> c.status().status() == ComputeStatus.RUNNING).toList();
    }

    @Test
    void toANewBranch_checksWithAReadOnlyCompute_repointsTheComputes_andDetaches() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env, BackupCatalog.inMemory());
            ComputeClient old = env.startCompute();
            TimelineId into = TimelineId.generate();
            RestoreToBranch r = RestoreToBranch.of(env.storcon, s.catalog(), env.tenant, "good").into(into).checkingWithReadOnlyCompute()
                    .repointing(env.timeline).detachingAncestor().withComputes(env.computes).withWaitPolicy(RecipeHarness.WAIT);
            assertEquals(List.of("check", "unarchive", "branch", "verify", "check-compute", "repoint", "detach-ancestor"),
                    r.steps().stream().map(Step::name).toList());
            RecipeResult result = r.run(e -> { });

            assertEquals(true, result.value(RestoreToBranch.UNARCHIVE), "the archived snapshot was unarchived to branch from it");
            assertEquals(into, result.value(RestoreToBranch.BRANCH));
            assertEquals(true, result.value(RestoreToBranch.CHECK_COMPUTE));
            assertEquals(List.of(env.timeline), result.value(RestoreToBranch.REPOINT));
            assertEquals(ComputeStatus.TERMINATED, old.status().status());
            List<ComputeClient> now = running(env);
            assertEquals(1, now.size(), "one compute, on the restored branch");
            assertEquals(Optional.of(into), now.get(0).status().timelineId());
            assertEquals(true, result.value(RestoreToBranch.DETACH_ANCESTOR), "detach_ancestor was sent");
            Timeline detached = describe(env, into);
            assertEquals(Optional.empty(), detached.ancestorTimelineId(), "no ancestor after detach_ancestor");
            assertEquals(Optional.empty(), detached.ancestorLsn());
            assertEquals(s.good(), detached.lastRecordLsn(), "the data up to the snapshot's LSN is the branch's own");
            assertTrue(env.storcon.tenant(env.tenant).timelines().list().stream()
                    .noneMatch(t -> t.ancestorTimelineId().filter(s.snapshot().timeline()::equals).isPresent()), "the snapshot has no child");
            assertEquals(s.bad(), describe(env, env.timeline).lastRecordLsn(), "the source timeline is untouched");

            // With no child left, retention may delete the snapshot: a newer one is kept, "good" goes.
            env.advance(Duration.ofDays(1));
            BackupSnapshotIT.snapshot(env, s.catalog()).named("newer").run(e -> { });
            RecipeResult pruned = io.neonclient.admin.backup.BackupPrune.of(env.storcon, s.catalog(), env.tenant,
                    io.neonclient.admin.backup.RetentionPolicy.keepLast(1)).run(e -> { });
            assertEquals(List.of("good"), pruned.value(io.neonclient.admin.backup.BackupPrune.DELETE));
            assertFalse(timelines(env).contains(s.snapshot().timeline()), "the snapshot branch was deleted");
            assertEquals(s.good(), describe(env, into).lastRecordLsn(), "the restored branch still reads its data");
        }
    }

    @Test
    void toANewBranch_guards_unknownSnapshot_goneBranch_computesWithoutAFleet() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env, BackupCatalog.inMemory());
            int before = timelines(env).size();
            var unknown = assertThrows(RecipeFailedException.class, () -> RestoreToBranch.of(env.storcon, s.catalog(), env.tenant, "nope").run(e -> { }));
            assertEquals("check", unknown.step());
            assertTrue(unknown.getMessage().contains("has no snapshot named nope"), unknown.getMessage());
            var noFleet = assertThrows(RecipeFailedException.class, () -> RestoreToBranch.of(env.storcon, s.catalog(), env.tenant, "good")
                    .repointing(env.timeline).run(e -> { }));
            assertTrue(noFleet.getMessage().contains("needs a ComputeFleet"), noFleet.getMessage());
            assertEquals(before, timelines(env).size());

            env.storcon.tenant(env.tenant).timeline(s.snapshot().timeline()).delete().await(RecipeHarness.WAIT, p -> { });
            var gone = assertThrows(RecipeFailedException.class, () -> RestoreToBranch.of(env.storcon, s.catalog(), env.tenant, "good").run(e -> { }));
            assertTrue(gone.getMessage().contains("is gone from the cluster"), gone.getMessage());
            assertEquals("nothing changed", gone.nextAction());
            assertThrows(IllegalArgumentException.class, () -> RestoreToBranch.of(env.storcon, s.catalog(), env.tenant, "bad name"));
        }
    }

    static RestoreInPlace repoint(ComputeCluster env, Setup s) {
        return RestoreInPlace.repointingTimeline(env.storcon, s.catalog(), env.tenant, "good").withClock(env.clock())
                .withWaitPolicy(RecipeHarness.WAIT);
    }

    @Test
    void inPlace_refusesWithoutTheTypedConfirmation_orAWayToStopComputes_beforeAnythingChanges() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env, BackupCatalog.inMemory());
            env.startCompute();
            int before = timelines(env).size();
            var none = assertThrows(RecipeFailedException.class, () -> repoint(env, s).withComputes(env.computes).run(e -> { }));
            assertEquals("guard", none.step());
            assertTrue(none.getMessage().contains("confirm by typing the tenant id"), none.getMessage());
            var wrong = assertThrows(RecipeFailedException.class, () -> repoint(env, s).withComputes(env.computes)
                    .confirmedBy(io.neonclient.core.TenantId.generate().toString()).run(e -> { }));
            assertTrue(wrong.getMessage().contains("does not name tenant " + env.tenant), wrong.getMessage());
            var computes = assertThrows(RecipeFailedException.class, () -> repoint(env, s).confirmedBy(env.tenant.toString()).run(e -> { }));
            assertTrue(computes.getMessage().contains("cannot stop them"), computes.getMessage());
            assertEquals(before, timelines(env).size());
            assertEquals(1, s.catalog().list(env.tenant).size(), "no pre-restore snapshot");
            assertEquals(1, running(env).size());
            assertThrows(IllegalArgumentException.class, () -> RestoreInPlace.repointingTimeline(env.storcon, s.catalog(), env.tenant, "nope"));
        }
    }

    @Test
    void inPlace_repointingTheTimeline_takesAPreRestoreSnapshot_movesTheComputes_andSaysHowToUndo() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env, BackupCatalog.inMemory());
            ComputeClient old = env.startCompute();
            RestoreInPlace r = repoint(env, s).withComputes(env.computes).confirmedBy(env.tenant.toString());
            assertEquals(List.of("guard", "pre-restore", "check", "unarchive", "branch", "verify", "check-compute", "repoint",
                    "detach-ancestor", "undo"), r.steps().stream().map(Step::name).toList());
            RecipeResult result = r.run(e -> { });

            CatalogEntry pre = result.value(RestoreInPlace.PRE_RESTORE).snapshot();
            assertEquals(CatalogEntry.PRE_RESTORE, pre.purpose());
            assertTrue(pre.pinned());
            assertEquals(s.bad(), pre.lsn(), "the pre-restore snapshot holds the data written since");
            assertEquals(Optional.of(s.bad()), describe(env, pre.timeline()).ancestorLsn());
            TimelineId restored = result.value(RestoreToBranch.BRANCH);
            assertEquals(Optional.of(s.good()), describe(env, restored).ancestorLsn());
            assertEquals(ComputeStatus.TERMINATED, old.status().status());
            assertEquals(Optional.of(restored), running(env).get(0).status().timelineId());
            String undo = result.value(RestoreInPlace.UNDO);
            assertTrue(undo.contains(pre.name()) && undo.contains("Undo"), undo);
        }
    }

    /** Each visible timeline's id with its ancestor, branch point and last record LSN. */
    static java.util.Set<String> state(ComputeCluster env) {
        return env.storcon.tenant(env.tenant).timelines().list().stream().map(t -> t.timelineId() + " " + t.ancestorTimelineId()
                .map(Object::toString).orElse("-") + "@" + t.ancestorLsn().map(Object::toString).orElse("-") + " " + t.lastRecordLsn())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void inPlace_timeTravellingTheTenant_rewindsIt_andThePrintedUndoBringsEverythingBack() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env, BackupCatalog.inMemory());
            java.util.Set<String> before = state(env);
            RestoreInPlace r = RestoreInPlace.timeTravellingTenant(env.storcon, s.catalog(), env.tenant, "good").withClock(env.clock())
                    .withWaitPolicy(RecipeHarness.WAIT).assumingNoComputes().confirmedBy(env.tenant.toString());
            assertEquals(List.of("guard", "pre-restore", "check", "stop-computes", "detach", "time-travel", "reattach", "verify",
                    "start-computes", "undo"), r.steps().stream().map(Step::name).toList());
            RecipeResult result = r.run(e -> { });
            assertEquals(s.good(), describe(env, env.timeline).lastRecordLsn(), "rewound to the snapshot");
            RestoreInPlace.PreRestore pre = result.value(RestoreInPlace.PRE_RESTORE);
            String undo = result.value(RestoreInPlace.UNDO);
            String command = "neon-ops time-travel --tenant " + env.tenant + " --to " + io.neonclient.core.Rfc3339.format(pre.after())
                    + " --erase-newer-timelines --computes-stopped";
            assertTrue(undo.endsWith(command), undo);
            assertTrue(s.catalog().reconcile(env.storcon, env.tenant).gone().contains(pre.snapshot()),
                    "the rewind erased the pre-restore snapshot; reconcile says so");

            // The printed undo, as the TimeTravel recipe its command runs: remote storage keeps the versions the rewind
            // replaced, so travelling to a moment after the pre-restore snapshot brings back the state before the restore.
            env.advance(Duration.ofMinutes(1));
            TimeTravel.of(env.storcon, env.tenant).to(pre.after()).erasingTimelinesCreatedAfter().assumingNoComputes()
                    .withClock(env.clock()).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            java.util.Set<String> undone = state(env);
            assertTrue(undone.containsAll(before), "every timeline as before the restore: " + before + " vs " + undone);
            assertEquals(before.size() + 1, undone.size(), "and the pre-restore snapshot: " + undone);
            assertEquals(s.bad(), describe(env, env.timeline).lastRecordLsn(), "the data written after the snapshot is back");
            assertEquals(s.bad(), describe(env, pre.snapshot().timeline()).ancestorLsn().orElseThrow());
            assertTrue(s.catalog().reconcile(env.storcon, env.tenant).gone().isEmpty(), "the catalog matches the cluster again");
        }
    }

    @Test
    void inPlace_timeTravel_keepsTheSnapshotsOwnBranch_whenTheSnapshotRunCrossedASecondBeforeItsCreate() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Instant now = env.now();
            env.advance(Duration.between(now, now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1))); // on a whole second
            Lsn good = env.write(8192);
            BackupCatalog catalog = BackupCatalog.inMemory();
            // The operator's machine stalls 1.5 s between the snapshot's check and its create: the run began at second S,
            // its branch exists only from S + 1.5 s.
            Instant began = env.now();
            CatalogEntry s = BackupSnapshotIT.snapshot(env, catalog).named("good").run(e -> {
                if (e instanceof StepStarted started && started.step().name().equals("branch")) {
                    env.advance(Duration.ofMillis(1_500));
                }
            }).value(BackupSnapshot.RECORD);
            assertFalse(s.takenAt().isBefore(began.plusMillis(1_500)), "recorded when the branch existed: " + s.takenAt() + ", run began " + began);
            env.advance(Duration.ofMinutes(1));
            env.write(8192);
            env.advance(Duration.ofMinutes(1));

            RestoreInPlace.timeTravellingTenant(env.storcon, catalog, env.tenant, "good").withClock(env.clock())
                    .withWaitPolicy(RecipeHarness.WAIT).assumingNoComputes().confirmedBy(env.tenant.toString()).run(e -> { });
            assertEquals(good, describe(env, env.timeline).lastRecordLsn(), "rewound to the snapshot");
            assertEquals(good, describe(env, s.timeline()).ancestorLsn().orElseThrow(), "the snapshot's own branch survived the rewind");
            assertFalse(catalog.reconcile(env.storcon, env.tenant).gone().contains(s), "the catalog's snapshot is still in the cluster");
        }
    }

    @Test
    void inPlace_timeTravel_withNothingWrittenSinceTheSnapshot_knowsThePreRestoreBranchIsErased_andTheUndoBringsItBack() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            BackupCatalog catalog = BackupCatalog.inMemory();
            env.advance(Duration.ofMinutes(1));
            Lsn good = env.write(8192);
            BackupSnapshotIT.snapshot(env, catalog).named("good").run(e -> { });
            env.advance(Duration.ofMinutes(2));
            java.util.Set<String> before = state(env);

            // The pre-restore branch is made at the same tip as "good": its branch point is older than the rewind target,
            // yet it did not exist then. The catalog's record of when it was made is what tells the rewind it goes.
            RecipeResult result = RestoreInPlace.timeTravellingTenant(env.storcon, catalog, env.tenant, "good").withClock(env.clock())
                    .withWaitPolicy(RecipeHarness.WAIT).assumingNoComputes().confirmedBy(env.tenant.toString()).run(e -> { });
            RestoreInPlace.PreRestore pre = result.value(RestoreInPlace.PRE_RESTORE);
            assertEquals(good, pre.snapshot().lsn());
            assertTrue(result.value(TimeTravel.CHECK).erasing().contains(pre.snapshot().timeline()), "listed as erased by the rewind");
            assertEquals(good, describe(env, env.timeline).lastRecordLsn());

            env.advance(Duration.ofMinutes(1));
            TimeTravel.of(env.storcon, env.tenant).to(pre.after()).erasingTimelinesCreatedAfter().assumingNoComputes()
                    .withClock(env.clock()).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            java.util.Set<String> undone = state(env);
            assertTrue(undone.containsAll(before), "every timeline as before the restore: " + before + " vs " + undone);
            assertEquals(good, describe(env, pre.snapshot().timeline()).ancestorLsn().orElseThrow(), "the pre-restore snapshot is back");
        }
    }

    @Test
    void inPlace_timeTravel_refusesASnapshotOfAnEarlierLsn_whoseTimeHoldsLaterCommits() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            BackupCatalog catalog = BackupCatalog.inMemory();
            env.advance(Duration.ofMinutes(1));
            Lsn early = env.write(8192);
            env.advance(Duration.ofMinutes(1));
            Lsn later = env.write(8192);
            env.advance(Duration.ofMinutes(1));
            BackupSnapshotIT.snapshot(env, catalog).atLsn(early).named("early").run(e -> { });
            env.advance(Duration.ofMinutes(1));
            int timelinesBefore = timelines(env).size();

            var refused = assertThrows(RecipeFailedException.class, () -> RestoreInPlace.timeTravellingTenant(env.storcon, catalog, env.tenant,
                    "early").withClock(env.clock()).withWaitPolicy(RecipeHarness.WAIT).assumingNoComputes()
                    .confirmedBy(env.tenant.toString()).run(e -> { }));
            assertEquals("guard", refused.step());
            assertTrue(refused.getMessage().contains("had commits up to LSN " + later) && refused.getMessage().contains("re-pointing"),
                    refused.getMessage());
            assertEquals(later, describe(env, env.timeline).lastRecordLsn(), "nothing rewound");
            assertEquals(timelinesBefore, timelines(env).size());
            assertEquals(1, catalog.list(env.tenant).size(), "no pre-restore snapshot");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"guard", "pre-restore", "check", "unarchive", "branch", "verify", "check-compute", "repoint", "detach-ancestor"})
    void inPlace_killedAfterEachStep_resumesToOneRestore(String step, @TempDir Path dir) {
        killAndResume(RecipeHarness.finished(step), dir);
    }

    @Test
    void inPlace_killedInsideThePreRestoreSnapshot_resumesWithTheSameOne(@TempDir Path dir) {
        killAndResume(e -> e instanceof StillWaiting w && w.step().name().equals("pre-restore") && w.reason().contains("branch"), dir);
    }

    private static void killAndResume(java.util.function.Predicate<RecipeEvent> when, Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env, BackupCatalog.file(dir.resolve("catalog.json")));
            env.startCompute();
            int before = timelines(env).size();
            Path journal = dir.resolve("restore.json");
            var crash = new RecipeHarness.Crash(when);
            RecipeHarness.runUntilCrash(repoint(env, s).withComputes(env.computes).confirmedBy(env.tenant.toString())
                    .withJournal(Journal.file(journal)), crash);
            env.advance(Duration.ofSeconds(30));

            RecipeResult r = repoint(env, s).withComputes(env.computes).confirmedBy(env.tenant.toString()).withJournal(Journal.file(journal))
                    .run(e -> { });
            assertEquals(before + 2, timelines(env).size(), "one pre-restore snapshot and one restored branch: " + crash.events);
            assertEquals(2, s.catalog().list(env.tenant).size());
            TimelineId restored = r.value(RestoreToBranch.BRANCH);
            List<ComputeClient> now = running(env);
            assertEquals(1, now.size());
            assertEquals(Optional.of(restored), now.get(0).status().timelineId());
            assertEquals(s.bad(), r.value(RestoreInPlace.PRE_RESTORE).snapshot().lsn());
        }
    }
}
