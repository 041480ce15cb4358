package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.TestPostgres;
import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.Lsn;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.TestCompute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output json} of the backup commands: every stdout line is JSON, the last one the command's summary in wire
 * names; and {@code export-metadata --registry} and {@code dump --compute} on the testkit.
 */
class NeonOpsBackupJsonIT {

    /** Every stdout line parsed; fails on a line that is not JSON. */
    static List<JsonNode> lines(NeonOpsGuardsIT.Run run) throws Exception {
        assertEquals(0, run.exit(), run.out() + run.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            out.add(CliJson.MAPPER.readTree(line));
        }
        return out;
    }

    static JsonNode summary(NeonOpsGuardsIT.Run run, String command) throws Exception {
        List<JsonNode> all = lines(run);
        JsonNode last = all.get(all.size() - 1);
        assertEquals(command, last.path("command").asText(), run.out());
        return last;
    }

    static NeonOpsGuardsIT.Run json(NeonOpsGuardsIT.Env env, Path catalog, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--output";
        all[1] = "json";
        System.arraycopy(args, 0, all, 2, args.length);
        return NeonOpsBackupIT.ops(env, catalog, all);
    }

    @Test
    void snapshotListPruneRestoreAndExport_endWithOneSummaryObject(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonOpsBackupIT.cluster()) {
            var env = NeonOpsGuardsIT.start(cluster);
            Path catalog = dir.resolve("catalog.json");
            Lsn tip = cluster.write(env.tenant(), env.timeline(), 8192);
            String t = env.tenant().toString();
            String tl = env.timeline().toString();

            JsonNode snap = summary(json(env, catalog, "snapshot", "--tenant", t, "--timeline", tl, "--name", "n1", "--label", "k=v",
                    "--once-per", "day"), "backup snapshot");
            assertTrue(snap.path("taken").asBoolean());
            assertEquals("n1", snap.path("snapshot").path("name").asText());
            assertEquals(tip.toString(), snap.path("snapshot").path("lsn").asText());
            assertEquals(tl, snap.path("snapshot").path("source_timeline_id").asText());
            assertEquals("v", snap.path("snapshot").path("labels").path("k").asText());
            assertTrue(snap.path("does_not_cover").get(0).asText().contains("bucket"), snap.toString());
            JsonNode again = summary(json(env, catalog, "snapshot", "--tenant", t, "--timeline", tl, "--name", "n2", "--once-per", "day"),
                    "backup snapshot");
            assertFalse(again.path("taken").asBoolean(), "once per day: none taken");
            assertEquals("n1", again.path("snapshot").path("name").asText());
            assertEquals(0, json(env, catalog, "snapshot", "--tenant", t, "--timeline", tl, "--name", "n3").exit());

            List<JsonNode> list = lines(json(env, catalog, "list", "--tenant", t));
            assertEquals(1, list.size(), "list prints one object");
            assertEquals(List.of("n1", "n3"), names(list.get(0).path("snapshots")));

            JsonNode dry = summary(NeonOpsBackupIT.ops(env, catalog, "--output", "json", "--dry-run", "prune", "--tenant", t, "--keep-last", "1"),
                    "backup prune");
            assertTrue(dry.path("dry_run").asBoolean());
            assertEquals(0, dry.path("deleted").size());
            assertEquals(1, dry.path("policy").path("keep_last").asInt());
            JsonNode pruned = summary(json(env, catalog, "prune", "--tenant", t, "--keep-last", "1"), "backup prune");
            assertEquals("n1", pruned.path("deleted").get(0).asText());
            assertFalse(pruned.path("decisions").get(0).path("reasons").isEmpty());

            JsonNode restored = summary(json(env, catalog, "restore", "--tenant", t, "--snapshot", "n3", "--to-branch"), "backup restore");
            assertEquals("to-branch", restored.path("mode").asText());
            assertEquals(tip, env.storcon().tenant(env.tenant()).timeline(io.neonclient.core.TimelineId.parse(
                    restored.path("new_timeline_id").asText())).describe().lastRecordLsn());

            Path registry = dir.resolve("registry.json");
            try (ComputeStore store = ComputeStore.file(registry)) {
                TestCompute c = cluster.startCompute(env.tenant(), env.timeline());
                store.put(ComputeRecord.of("c1", c.uri(), ComputeSpec.parse(c.specJson()).withStorageAuthToken("tok-secret-123")));
            }
            Path meta = dir.resolve("meta.json");
            JsonNode export = summary(json(env, catalog, "export-metadata", "--out", meta.toString(), "--registry", registry.toString()),
                    "backup export-metadata");
            assertEquals(1, export.path("computes").asInt());
            assertEquals(1, export.path("catalog_entries").asInt());
            String written = Files.readString(meta);
            assertTrue(written.contains("\"compute_id\" : \"c1\""), written);
            assertFalse(written.contains("tok-secret-123"), "no token in the export");
        }
    }

    @Test
    void dumpThroughARegisteredCompute_runsItStaticAtTheSnapshotLsn_andPutsItBack(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonOpsBackupIT.cluster(); TestPostgres pg = TestPostgres.start()) {
            var env = NeonOpsGuardsIT.start(cluster);
            Path catalog = dir.resolve("catalog.json");
            cluster.write(env.tenant(), env.timeline(), 8192);
            String t = env.tenant().toString();
            assertEquals(0, NeonOpsBackupIT.ops(env, catalog, "snapshot", "--tenant", t, "--timeline", env.timeline().toString(), "--name",
                    "good", "--archive").exit());
            Path registry = dir.resolve("registry.json");
            TestCompute c = cluster.startCompute(env.tenant(), env.timeline());
            try (ComputeStore store = ComputeStore.file(registry)) {
                store.put(ComputeRecord.of("c1", c.uri(), ComputeSpec.parse(c.specJson())));
            }
            Path password = Files.writeString(dir.resolve("pw"), TestPostgres.PASSWORD);
            String from = "postgresql://" + TestPostgres.USER + "@127.0.0.1:" + pg.port + "/postgres";
            var run = json(env, catalog, "dump", "--tenant", t, "--snapshot", "good", "--compute", "c1", "--registry", registry.toString(),
                    "--from", from, "--out", dir.resolve("good.dump").toString(), "--password-file", password.toString());
            JsonNode s = summary(run, "backup dump");
            var entry = BackupCatalog.file(catalog).list().get(0);
            assertEquals(entry.lsn().toString(), s.path("static_lsn").asText());
            assertEquals("registered spec", s.path("put_back").asText());
            assertTrue(s.path("dump").path("bytes").asLong() > 0);
            assertEquals(1, entry.dumps().size());
            assertTrue(lines(run).stream().anyMatch(l -> l.path("step").asText().equals("static-compute")), "the recipe's events come first");
            JsonNode spec = CliJson.MAPPER.readTree(c.specJson());
            assertEquals(env.timeline().toString(), spec.path("timeline_id").asText(), "put back on its timeline");
            assertEquals("Primary", spec.path("mode").asText());
        }
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("name").asText()));
        return out;
    }
}
