package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.TestPostgres;
import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.core.Lsn;
import io.neonclient.model.Timeline;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neon-ops backup …} on the testkit (the CLI reads this machine's clock; the testkit's follows it). */
class NeonOpsBackupIT {

    static NeonOpsGuardsIT.Run ops(NeonOpsGuardsIT.Env env, Path catalog, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--storcon";
        all[1] = env.cluster().storageController().toString();
        all[2] = "backup";
        all[3] = "--catalog=" + catalog;
        System.arraycopy(args, 0, all, 4, args.length);
        return NeonOpsGuardsIT.neonOps(Map.of(), all);
    }

    static NeonOpsGuardsIT.Run opsDry(NeonOpsGuardsIT.Env env, Path catalog, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "--storcon";
        all[1] = env.cluster().storageController().toString();
        all[2] = "--dry-run";
        all[3] = "backup";
        all[4] = "--catalog=" + catalog;
        System.arraycopy(args, 0, all, 5, args.length);
        return NeonOpsGuardsIT.neonOps(Map.of(), all);
    }

    static NeonTestCluster cluster() {
        return NeonTestCluster.builder().pageservers(2).safekeepers(0).registerNodes(true).build().start();
    }

    @Test
    void snapshotListOncePerDayReconcilePruneAndExport(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = cluster()) {
            var env = NeonOpsGuardsIT.start(cluster);
            Path catalog = dir.resolve("catalog.json");
            Lsn tip = cluster.write(env.tenant(), env.timeline(), 8192);
            String t = env.tenant().toString();
            String tl = env.timeline().toString();

            var first = ops(env, catalog, "snapshot", "--tenant", t, "--timeline", tl, "--name", "nightly-1", "--label", "kind=nightly",
                    "--once-per", "day", "--archive");
            assertEquals(0, first.exit(), first.err());
            assertTrue(first.out().contains("snapshot nightly-1: timeline ") && first.out().contains(" at " + tip), first.out());
            assertTrue(first.out().contains("does not cover: a lost or damaged remote-storage bucket"), first.out());

            var again = ops(env, catalog, "snapshot", "--tenant", t, "--timeline", tl, "--name", "nightly-2", "--once-per", "day");
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("none taken, nightly-1 was already taken this day"), again.out());

            var list = ops(env, catalog, "list", "--tenant", t);
            assertEquals(0, list.exit(), list.err());
            assertTrue(list.out().startsWith("nightly-1 ") && list.out().contains("archived") && list.out().contains("[kind=nightly]"), list.out());

            var clean = ops(env, catalog, "reconcile", "--tenant", t);
            assertEquals(0, clean.exit(), clean.out() + clean.err());
            assertTrue(clean.out().contains("catalog and cluster agree"), clean.out());

            assertEquals(0, ops(env, catalog, "snapshot", "--tenant", t, "--timeline", tl, "--name", "adhoc").exit());
            var dry = opsDry(env, catalog, "prune", "--tenant", t, "--keep-last", "1");
            assertEquals(0, dry.exit(), dry.err());
            assertTrue(dry.out().contains("(dry run: nothing is deleted)"), dry.out());
            assertTrue(dry.out().contains("keep   adhoc") && dry.out().contains("delete nightly-1"), dry.out());
            assertEquals(2, BackupCatalog.file(catalog).list().size(), "the dry run deleted nothing");
            var pruned = ops(env, catalog, "prune", "--tenant", t, "--keep-last", "1");
            assertEquals(0, pruned.exit(), pruned.err());
            assertTrue(pruned.out().contains("deleted 1: nightly-1"), pruned.out());
            assertEquals(List.of("adhoc"), BackupCatalog.file(catalog).list().stream().map(CatalogEntry::name).toList());
            var none = ops(env, catalog, "prune", "--tenant", t);
            assertEquals(2, none.exit());
            assertTrue(none.err().contains("must keep something"), none.err());

            Path meta = dir.resolve("meta.json");
            var export = ops(env, catalog, "export-metadata", "--out", meta.toString());
            assertEquals(0, export.exit(), export.err());
            assertTrue(export.out().contains("1 tenants") && export.out().contains("1 catalog entries"), export.out());
            assertTrue(export.out().contains("not included: the compute registry"), export.out());
            assertTrue(Files.readString(meta).contains(t));

            // A branch nobody catalogued: reconcile names it in Neon's words (text and JSON) and exits 1.
            io.neonclient.core.TimelineId stray = io.neonclient.core.TimelineId.generate();
            env.storcon().tenant(env.tenant()).timelines().create(io.neonclient.model.CreateTimelineRequest.branch(stray, env.timeline()));
            var strays = ops(env, catalog, "reconcile", "--tenant", t);
            assertEquals(1, strays.exit(), strays.out() + strays.err());
            assertTrue(strays.out().contains("not in the catalog: timeline " + stray + ", a branch of " + tl + " at "), strays.out());
            assertFalse(strays.out().contains("Stray["), "no Java record: " + strays.out());
            var json = ops(env, catalog, "reconcile", "--tenant", t, "--output", "json");
            assertEquals(1, json.exit(), json.err());
            var tree = CliJson.MAPPER.readTree(json.out());
            assertEquals("backup reconcile", tree.path("command").asText());
            assertFalse(tree.path("clean").asBoolean());
            assertEquals(List.of("adhoc"), List.of(tree.path("present").get(0).asText()));
            assertEquals(stray.toString(), tree.path("strays").get(0).path("timeline_id").asText(), json.out());
            assertEquals(tl, tree.path("strays").get(0).path("ancestor_timeline_id").asText(), json.out());
        }
    }

    @Test
    void restoreInPlace_isRefusedWithoutConfirmation_orComputesStopped_andWithBothTakesAPreRestoreSnapshot(@TempDir Path dir) {
        try (NeonTestCluster cluster = cluster()) {
            var env = NeonOpsGuardsIT.start(cluster);
            Path catalog = dir.resolve("catalog.json");
            Lsn good = cluster.write(env.tenant(), env.timeline(), 8192);
            String t = env.tenant().toString();
            assertEquals(0, ops(env, catalog, "snapshot", "--tenant", t, "--timeline", env.timeline().toString(), "--name", "good").exit());
            Lsn bad = cluster.write(env.tenant(), env.timeline(), 8192);
            int before = timelines(env).size();

            var noTerminal = ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--in-place", "repoint", "--computes-stopped");
            assertEquals(2, noTerminal.exit());
            assertTrue(noTerminal.out().contains("RestoreInPlace plan (nothing sent):"), "the plan is printed first: " + noTerminal.out());
            assertTrue(noTerminal.err().contains("pass --yes --confirm " + t), noTerminal.err());
            var yesAlone = ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--in-place", "repoint", "--yes");
            assertEquals(2, yesAlone.exit());
            assertTrue(yesAlone.err().contains("--yes needs --confirm"), yesAlone.err());
            var wrong = ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--in-place", "repoint", "--yes", "--confirm",
                    io.neonclient.core.TenantId.generate().toString(), "--computes-stopped");
            assertEquals(3, wrong.exit());
            assertTrue(wrong.err().contains("does not name tenant " + t), wrong.err());
            var computes = ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--in-place", "repoint", "--yes", "--confirm", t);
            assertEquals(3, computes.exit());
            assertTrue(computes.err().contains("--computes-stopped"), computes.err());
            assertEquals(before, timelines(env).size(), "every refusal changed nothing");

            var ok = ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--in-place", "repoint", "--yes", "--confirm", t,
                    "--computes-stopped");
            assertEquals(0, ok.exit(), ok.out() + ok.err());
            assertTrue(ok.out().contains("READ THIS") && ok.out().contains("Undo: timeline " + env.timeline() + " is untouched"), ok.out());
            CatalogEntry pre = BackupCatalog.file(catalog).list().stream().filter(e -> e.purpose().equals(CatalogEntry.PRE_RESTORE)).findFirst()
                    .orElseThrow();
            assertEquals(bad, pre.lsn());
            assertEquals(before + 2, timelines(env).size());

            var toBranch = ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--to-branch");
            assertEquals(0, toBranch.exit(), toBranch.err());
            assertTrue(toBranch.out().contains("restored snapshot good to new timeline "), toBranch.out());
            assertTrue(timelines(env).stream().anyMatch(x -> x.ancestorLsn().filter(good::equals).isPresent()));
        }
    }

    static List<Timeline> timelines(NeonOpsGuardsIT.Env env) {
        return env.storcon().tenant(env.tenant()).timelines().list();
    }

    @Test
    void dumpAndRestoreDump_withTheRealPgDump(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = cluster(); TestPostgres pg = TestPostgres.start()) {
            var env = NeonOpsGuardsIT.start(cluster);
            Path catalog = dir.resolve("catalog.json");
            cluster.write(env.tenant(), env.timeline(), 8192);
            String t = env.tenant().toString();
            assertEquals(0, ops(env, catalog, "snapshot", "--tenant", t, "--timeline", env.timeline().toString(), "--name", "good").exit());
            String jdbc = "jdbc:postgresql://127.0.0.1:" + pg.port + "/";
            try (Connection c = DriverManager.getConnection(jdbc + "postgres", TestPostgres.USER, TestPostgres.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (id int, body text)");
                s.execute("INSERT INTO notes VALUES (1, 'kept by the dump')");
                s.execute("CREATE DATABASE fresh");
            }
            Path password = Files.writeString(dir.resolve("pw"), TestPostgres.PASSWORD);
            String base = "postgresql://" + TestPostgres.USER + "@127.0.0.1:" + pg.port + "/";
            Path file = dir.resolve("good.dump");
            var dump = ops(env, catalog, "dump", "--tenant", t, "--snapshot", "good", "--from", base + "postgres", "--out", file.toString(),
                    "--password-file", password.toString());
            assertEquals(0, dump.exit(), dump.err());
            assertTrue(dump.out().contains("versions: pg_dump ") && dump.out().contains("recorded against snapshot good"), dump.out());
            assertEquals(1, BackupCatalog.file(catalog).list().get(0).dumps().size());

            var planned = opsDry(env, catalog, "restore-dump", "--file", file.toString(), "--into", base + "fresh", "--password-file",
                    password.toString(), "--output", "json");
            assertEquals(0, planned.exit(), planned.err());
            var plannedJson = CliJson.MAPPER.readTree(planned.out());
            assertEquals("backup restore-dump", plannedJson.path("command").asText(), planned.out());
            assertTrue(plannedJson.path("dry_run").asBoolean(), planned.out());
            assertEquals(file.toString(), plannedJson.path("file").asText(), planned.out());
            var restore = ops(env, catalog, "restore-dump", "--file", file.toString(), "--into", base + "fresh", "--password-file",
                    password.toString());
            assertEquals(0, restore.exit(), restore.err());
            try (Connection c = DriverManager.getConnection(jdbc + "fresh", TestPostgres.USER, TestPostgres.PASSWORD);
                 Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT body FROM notes")) {
                assertTrue(r.next());
                assertEquals("kept by the dump", r.getString(1));
            }
        }
    }
}
