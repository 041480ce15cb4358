package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.BackupPrune;
import io.neonclient.admin.backup.BackupSnapshot;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.RetentionDecision;
import io.neonclient.admin.backup.RetentionPolicy;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on the testkit: dry run, apply, the children and pinned guards, a kill in the middle and resume. */
class BackupPruneIT {

    /** Four daily snapshots d0..d3 (d3 newest), one pinned old one, and a branch of d1 (a child). */
    record Setup(BackupCatalog catalog, List<CatalogEntry> daily, CatalogEntry pinned, TimelineId childOfD1) {}

    static Setup setup(ComputeCluster env) {
        BackupCatalog catalog = BackupCatalog.inMemory();
        env.write(4096);
        CatalogEntry pinned = BackupSnapshotIT.snapshot(env, catalog).named("keep-forever").pinned().run(e -> { })
                .value(BackupSnapshot.RECORD);
        List<CatalogEntry> daily = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            env.advance(Duration.ofDays(1));
            env.write(4096);
            daily.add(BackupSnapshotIT.snapshot(env, catalog).named("d" + i).run(e -> { }).value(BackupSnapshot.RECORD));
        }
        TimelineId child = TimelineId.generate();
        env.storcon.tenant(env.tenant).timelines().create(CreateTimelineRequest.branch(child, daily.get(1).timeline()).at(daily.get(1).lsn()));
        return new Setup(catalog, daily, pinned, child);
    }

    static List<TimelineId> timelines(ComputeCluster env) {
        return env.storcon.tenant(env.tenant).timelines().list().stream().map(Timeline::timelineId).distinct().toList();
    }

    @Test
    void theDryRun_listsWhatWouldGoAndWhy_andDeletesNothing() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env);
            int before = timelines(env).size();
            List<RetentionDecision> ds = BackupPrune.of(env.storcon, s.catalog(), env.tenant, RetentionPolicy.keepLast(1)).preview();
            assertEquals(5, ds.size());
            assertEquals(List.of("d3"), names(ds, true, "last 1"));
            assertEquals(List.of("d2", "d0"), ds.stream().filter(d -> !d.keep()).map(d -> d.entry().name()).toList());
            RetentionDecision d1 = ds.stream().filter(d -> d.entry().name().equals("d1")).findFirst().orElseThrow();
            assertTrue(d1.keep() && d1.reasons().get(0).contains("has child timelines [" + s.childOfD1() + "]"), d1.toString());
            assertTrue(d1.toString().contains("412"), d1.toString());
            assertEquals(List.of("keep-forever"), names(ds, true, "pinned"));
            assertEquals(before, timelines(env).size());
            assertEquals(5, s.catalog().list(env.tenant).size());
        }
    }

    static List<String> names(List<RetentionDecision> ds, boolean keep, String reason) {
        return ds.stream().filter(d -> d.keep() == keep && d.reasons().contains(reason)).map(d -> d.entry().name()).toList();
    }

    @Test
    void apply_deletesTheBranchesAndEntries_keepsPinnedAndParents() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env);
            RecipeResult r = BackupPrune.of(env.storcon, s.catalog(), env.tenant, RetentionPolicy.keepLast(1)).withWaitPolicy(RecipeHarness.WAIT)
                    .run(e -> { });
            assertEquals(List.of("d2", "d0"), r.value(BackupPrune.DELETE));
            List<TimelineId> left = timelines(env);
            assertFalse(left.contains(s.daily().get(0).timeline()));
            assertFalse(left.contains(s.daily().get(2).timeline()));
            assertTrue(left.contains(s.daily().get(1).timeline()) && left.contains(s.daily().get(3).timeline()) && left.contains(s.pinned().timeline()));
            assertEquals(List.of("keep-forever", "d1", "d3"), s.catalog().list(env.tenant).stream().map(CatalogEntry::name).toList());
            assertTrue(s.catalog().reconcile(env.storcon, env.tenant).gone().isEmpty());
        }
    }

    @Test
    void killedAfterTheFirstDelete_resumesWithoutSendingItAgain(@TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Setup s = setup(env);
            Path journal = dir.resolve("prune.json");
            var crash = new RecipeHarness.Crash(e -> e instanceof StillWaiting w && w.reason().startsWith("deleted 1 of 2"));
            RecipeHarness.runUntilCrash(BackupPrune.of(env.storcon, s.catalog(), env.tenant, RetentionPolicy.keepLast(1))
                    .withWaitPolicy(RecipeHarness.WAIT).withJournal(Journal.file(journal)), crash);
            assertEquals(4, s.catalog().list(env.tenant).size(), "one deleted before the kill");

            var events = new java.util.ArrayList<RecipeEvent>();
            RecipeResult r = BackupPrune.of(env.storcon, s.catalog(), env.tenant, RetentionPolicy.keepLast(1)).withWaitPolicy(RecipeHarness.WAIT)
                    .withJournal(Journal.file(journal)).run(events::add);
            assertInstanceOf(StepSkipped.class, events.get(0), "the decisions come from the journal");
            assertEquals(List.of("d2", "d0"), r.value(BackupPrune.DELETE));
            assertEquals(3, s.catalog().list(env.tenant).size());
        }
    }
}
