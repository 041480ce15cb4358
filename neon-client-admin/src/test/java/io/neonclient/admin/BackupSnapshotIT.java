package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.BackupSnapshot;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.CatalogReconciliation;
import io.neonclient.admin.backup.OncePer;
import io.neonclient.core.Lsn;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BackupSnapshot and the BackupCatalog on the testkit (its clock is simulated: snapshot times are the simulation's). */
class BackupSnapshotIT {
    static final List<String> STEPS = List.of("check", "find-lsn", "branch", "verify", "archive", "record");

    static BackupSnapshot snapshot(ComputeCluster env, BackupCatalog catalog) {
        return BackupSnapshot.of(env.storcon, catalog, env.tenant, env.timeline).withClock(env.clock()).takenBy("ops@test");
    }

    static List<TimelineId> timelines(ComputeCluster env) {
        return env.storcon.tenant(env.tenant).timelines().list().stream().map(Timeline::timelineId).distinct().toList();
    }

    @Test
    void aSnapshotNow_branchesAtTheTipArchivesAndRecordsIt(@TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn tip = env.write(16 * 1024);
            BackupCatalog catalog = BackupCatalog.file(dir.resolve("catalog.json"));
            BackupSnapshot s = snapshot(env, catalog).named("before-upgrade").label("reason", "upgrade").archived();
            assertEquals(STEPS, s.steps().stream().map(Step::name).toList());
            RecipeResult r = s.run(e -> { });

            CatalogEntry e = r.value(BackupSnapshot.RECORD);
            assertEquals("before-upgrade", e.name());
            assertEquals(tip, e.lsn());
            assertEquals(env.timeline, e.source());
            assertEquals("ops@test", e.takenBy());
            assertEquals(Map.of("reason", "upgrade"), e.labels());
            assertTrue(e.archived());
            assertFalse(e.manifest().doesNotCover().isEmpty());
            assertTrue(e.manifest().covers().get(0).contains(tip.toString()), e.manifest().toString());
            Timeline branch = env.storcon.tenant(env.tenant).timeline(e.timeline()).describe();
            assertEquals(Optional.of(env.timeline), branch.ancestorTimelineId());
            assertEquals(Optional.of(tip), branch.ancestorLsn());
            assertEquals(Optional.of(true), branch.isArchived());
            // A new catalog object on the same file: the entry was written through.
            assertEquals(List.of(e), BackupCatalog.file(dir.resolve("catalog.json")).list(env.tenant));
            assertTrue(e.takenAt().equals(env.now()) || e.takenAt().isBefore(env.now()), "the simulated clock's time");
        }
    }

    @Test
    void oncePerDay_aSecondRunTheSameDayIsANoOp_theNextDayTakesOne() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.write(4096);
            BackupCatalog catalog = BackupCatalog.inMemory();
            RecipeResult first = snapshot(env, catalog).oncePer(OncePer.DAY).run(e -> { });
            int before = timelines(env).size();
            env.advance(Duration.ofMinutes(5));
            env.write(4096);

            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult second = snapshot(env, catalog).oncePer(OncePer.DAY).run(events::add);
            BackupSnapshot.Start start = second.value(BackupSnapshot.CHECK);
            assertEquals(Optional.of(first.value(BackupSnapshot.RECORD)), start.alreadyTaken());
            assertTrue(start.toString().contains("already taken this period"), start.toString());
            assertEquals(5, events.stream().filter(e -> e instanceof StepSkipped).count(), "every later step skipped: " + events);
            assertEquals(before, timelines(env).size(), "no branch made");
            assertEquals(1, catalog.list(env.tenant).size());

            env.advance(Duration.ofDays(1));
            RecipeResult third = snapshot(env, catalog).oncePer(OncePer.DAY).run(e -> { });
            assertTrue(third.value(BackupSnapshot.CHECK).alreadyTaken().isEmpty());
            assertEquals(2, catalog.list(env.tenant).size());
            assertEquals(before + 1, timelines(env).size());
        }
    }

    @Test
    void aSnapshotAtATime_branchesAtTheLastCommitBeforeIt() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn before = env.write(8192);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(8192);
            RecipeResult r = snapshot(env, BackupCatalog.inMemory()).at(at).named("noon").run(e -> { });
            assertEquals(before, r.value(BackupSnapshot.RECORD).lsn());
            assertEquals(Optional.of(before), env.storcon.tenant(env.tenant).timeline(r.value(BackupSnapshot.BRANCH)).describe().ancestorLsn());
        }
    }

    @Test
    void aNameTakenAlready_isRefusedBeforeAnythingIsCreated() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.write(4096);
            BackupCatalog catalog = BackupCatalog.inMemory();
            snapshot(env, catalog).named("nightly").run(e -> { });
            int before = timelines(env).size();
            var e = assertThrows(RecipeFailedException.class, () -> snapshot(env, catalog).named("nightly").run(x -> { }));
            assertEquals("check", e.step());
            assertTrue(e.getMessage().contains("already has a snapshot named nightly"), e.getMessage());
            assertEquals(before, timelines(env).size());
            assertThrows(IllegalArgumentException.class, () -> snapshot(env, catalog).named("no spaces"));
        }
    }

    @Test
    void reconcile_reportsEntriesWhoseTimelineIsGone_andBranchesTheCatalogDoesNotKnow() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Lsn lsn = env.write(4096);
            BackupCatalog catalog = BackupCatalog.inMemory();
            CatalogEntry kept = snapshot(env, catalog).named("kept").run(e -> { }).value(BackupSnapshot.RECORD);
            CatalogEntry lost = snapshot(env, catalog).named("lost").run(e -> { }).value(BackupSnapshot.RECORD);
            assertTrue(catalog.reconcile(env.storcon, env.tenant).clean());

            env.storcon.tenant(env.tenant).timeline(lost.timeline()).delete().await(RecipeHarness.WAIT, p -> { });
            TimelineId outside = TimelineId.generate();
            env.storcon.tenant(env.tenant).timelines().create(CreateTimelineRequest.branch(outside, env.timeline).at(lsn));

            CatalogReconciliation r = catalog.reconcile(env.storcon, env.tenant);
            assertFalse(r.clean());
            assertEquals(List.of(kept), r.present());
            assertEquals(List.of(lost), r.gone());
            assertEquals(1, r.strays().size());
            assertEquals(outside, r.strays().get(0).timeline());
            assertEquals(lsn, r.strays().get(0).ancestorLsn());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "find-lsn", "branch", "verify", "archive", "record"})
    void killedAfterEachStep_resumesToOneBranchAndOneEntry(String step, @TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.write(4096);
            BackupCatalog catalog = BackupCatalog.file(dir.resolve("catalog.json"));
            Path journal = dir.resolve("snapshot.journal.json");
            int before = timelines(env).size();
            var crash = new RecipeHarness.Crash(RecipeHarness.finished(step));
            RecipeHarness.runUntilCrash(snapshot(env, catalog).named("nightly").archived().withJournal(Journal.file(journal)), crash);
            env.advance(Duration.ofMinutes(3));
            env.write(4096); // the tip moves on: the resumed run must still branch at the LSN the first run chose

            RecipeResult r = snapshot(env, catalog).named("nightly").archived().withJournal(Journal.file(journal)).run(e -> { });
            CatalogEntry e = r.value(BackupSnapshot.RECORD);
            assertEquals(before + 1, timelines(env).size(), "one branch after the kill at " + step);
            assertEquals(List.of(e), catalog.list(env.tenant));
            assertEquals(Optional.of(e.lsn()), env.storcon.tenant(env.tenant).timeline(e.timeline()).describe().ancestorLsn());
            assertTrue(catalog.reconcile(env.storcon, env.tenant).clean());
        }
    }

    @Test
    void theCatalogOnPostgres_isSharedByTwoCatalogObjects() throws Exception {
        try (TestPostgres pg = TestPostgres.start()) {
            BackupCatalog a = BackupCatalog.on(pg.journal());
            BackupCatalog b = BackupCatalog.on(pg.journal());
            var tenant = io.neonclient.core.TenantId.generate();
            CatalogEntry e = new CatalogEntry("nightly", tenant, TimelineId.generate(), TimelineId.generate(), Lsn.parse("0/16B5A50"),
                    Instant.parse("2025-01-01T12:00:00Z"), "ops", Map.of(), false, false, CatalogEntry.SNAPSHOT,
                    io.neonclient.admin.backup.SnapshotManifest.of(tenant, TimelineId.generate(), Lsn.parse("0/16B5A50"), TimelineId.generate()),
                    List.of());
            a.add(e);
            assertEquals(List.of(e), b.list(tenant));
            assertEquals(e, b.add(e), "adding the same snapshot again is a no-op");
            b.replace(e.withPinned(true));
            assertTrue(a.find(tenant, "nightly").orElseThrow().pinned());
            assertTrue(a.remove(tenant, "nightly"));
            assertTrue(b.list().isEmpty());
        }
    }
}
