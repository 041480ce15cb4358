package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.BackupSnapshot;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.LogicalDump;
import io.neonclient.admin.backup.SnapshotDump;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.internal.Json;
import io.neonclient.testkit.TestCompute;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SnapshotDump} with a testkit compute_ctl (whose spec, mode and LSN are checked) and the real PostgreSQL the dump
 * tests start standing in for that compute's Postgres (testkit computes run none), dumped with the real pg_dump.
 */
class SnapshotDumpIT {

    static CatalogEntry archivedSnapshot(ComputeCluster env, BackupCatalog catalog) {
        env.write(8192);
        return BackupSnapshotIT.snapshot(env, catalog).named("nightly").archived().run(e -> { }).value(BackupSnapshot.RECORD);
    }

    static LogicalDump.Target postgres(TestPostgres pg) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY)");
            s.execute("INSERT INTO orders SELECT g FROM generate_series(1, 10) g ON CONFLICT DO NOTHING");
        }
        return LogicalDump.Target.parse("postgresql://" + TestPostgres.USER + "@127.0.0.1:" + pg.port + "/postgres");
    }

    /** Each spec compute_ctl held when a step finished, by step. */
    static List<String> specsSeen(List<String> seen, TestCompute compute, io.neonclient.admin.RecipeEvent e) {
        if (e instanceof StepFinished f) {
            seen.add(f.step().name() + " " + compute.specJson());
        }
        return seen;
    }

    @Test
    void aRegisteredCompute_runsStaticAtTheSnapshotLsnForTheDump_andGetsItsSpecBack(@TempDir Path dir) throws Exception {
        try (ComputeCluster env = ComputeCluster.start(2); TestPostgres pg = TestPostgres.start()) {
            BackupCatalog catalog = BackupCatalog.inMemory();
            CatalogEntry snap = archivedSnapshot(env, catalog);
            ComputeClient c = env.startCompute();
            TestCompute tc = env.testCompute(c);
            ComputeSpec registered = env.computes.specOf(c).orElseThrow();
            SnapshotDump d = SnapshotDump.of(env.storcon, catalog, env.tenant, "nightly", c, postgres(pg), TestPostgres.PASSWORD,
                    dir.resolve("nightly.dump")).puttingBack(registered).withWaitPolicy(RecipeHarness.WAIT);
            assertEquals(List.of("check", "unarchive", "static-compute", "dump", "put-back", "rearchive"),
                    d.steps().stream().map(Step::name).toList());
            List<String> seen = new ArrayList<>();
            RecipeResult r = d.run(e -> specsSeen(seen, tc, e));

            JsonNode during = Json.MAPPER.readTree(seen.stream().filter(s -> s.startsWith("dump ")).findFirst().orElseThrow().substring(5));
            assertEquals(snap.timeline().toString(), during.path("timeline_id").asText(), "the compute ran on the snapshot branch");
            assertEquals(snap.lsn().toString(), during.path("mode").path("Static").asText(), "read-only at the snapshot's LSN");
            assertEquals(true, r.value(SnapshotDump.UNARCHIVE));
            assertEquals(1, catalog.find(env.tenant, "nightly").orElseThrow().dumps().size());
            assertTrue(r.value(SnapshotDump.DUMP).bytes() > 0);

            JsonNode after = Json.MAPPER.readTree(tc.specJson());
            assertEquals(env.timeline.toString(), after.path("timeline_id").asText(), "put back on its own timeline");
            assertEquals("Primary", after.path("mode").asText());
            assertEquals(ComputeStatus.RUNNING, c.status().status());
            assertEquals(Optional.of(true), env.storcon.tenant(env.tenant).timeline(snap.timeline()).describe().isArchived(), "archived again");
        }
    }

    @Test
    void anEmptyComputeCtl_isStoppedAfterwards_andARunningUnregisteredOne_isRefused(@TempDir Path dir) throws Exception {
        try (ComputeCluster env = ComputeCluster.start(2); TestPostgres pg = TestPostgres.start()) {
            BackupCatalog catalog = BackupCatalog.inMemory();
            CatalogEntry snap = archivedSnapshot(env, catalog);
            ComputeClient running = env.startCompute();
            var refused = assertThrows(RecipeFailedException.class, () -> SnapshotDump.of(env.storcon, catalog, env.tenant, "nightly", running,
                    postgres(pg), TestPostgres.PASSWORD, dir.resolve("x.dump")).run(e -> { }));
            assertEquals("check", refused.step());
            assertTrue(refused.getMessage().contains("its spec cannot be read back"), refused.getMessage());
            assertEquals(env.timeline.toString(), Json.MAPPER.readTree(env.testCompute(running).specJson()).path("timeline_id").asText());

            TestCompute empty = env.cluster.newCompute();
            ComputeClient c = ComputeClient.builder().baseUri(empty.uri()).build();
            List<String> seen = new ArrayList<>();
            SnapshotDump.of(env.storcon, catalog, env.tenant, "nightly", c, postgres(pg), TestPostgres.PASSWORD, dir.resolve("n.dump"))
                    .withWaitPolicy(RecipeHarness.WAIT).run(e -> specsSeen(seen, empty, e));
            JsonNode during = Json.MAPPER.readTree(seen.stream().filter(s -> s.startsWith("dump ")).findFirst().orElseThrow().substring(5));
            assertEquals(snap.lsn().toString(), during.path("mode").path("Static").asText());
            assertEquals(ComputeStatus.TERMINATED, c.status().status(), "an empty compute_ctl cannot go back to empty: it is stopped");
        }
    }

    @Test
    void killedAfterTheStaticCompute_resumesToOneDump_andTheComputeBack(@TempDir Path dir) throws Exception {
        try (ComputeCluster env = ComputeCluster.start(2); TestPostgres pg = TestPostgres.start()) {
            BackupCatalog catalog = BackupCatalog.file(dir.resolve("catalog.json"));
            archivedSnapshot(env, catalog);
            ComputeClient c = env.startCompute();
            ComputeSpec registered = env.computes.specOf(c).orElseThrow();
            Journal journal = Journal.file(dir.resolve("dump-journal.json"));
            LogicalDump.Target target = postgres(pg);
            java.util.function.Supplier<SnapshotDump> dump = () -> SnapshotDump.of(env.storcon, catalog, env.tenant, "nightly", c, target,
                    TestPostgres.PASSWORD, dir.resolve("nightly.dump")).puttingBack(registered).withJournal(journal)
                    .withWaitPolicy(RecipeHarness.WAIT);
            for (String step : List.of("static-compute", "dump")) {
                RecipeHarness.runUntilCrash(dump.get(), new RecipeHarness.Crash(RecipeHarness.finished(step)));
            }
            RecipeResult r = dump.get().run(e -> { });
            assertEquals("registered spec", r.value(SnapshotDump.PUT_BACK));
            assertEquals(1, catalog.find(env.tenant, "nightly").orElseThrow().dumps().size(), "one dump for the killed runs");
            assertEquals(env.timeline.toString(), Json.MAPPER.readTree(env.testCompute(c).specJson()).path("timeline_id").asText());
        }
    }
}
