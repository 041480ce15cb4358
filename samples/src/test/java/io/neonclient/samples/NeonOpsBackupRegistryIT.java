package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.TestCompute;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup restore --in-place --registry}: the registry's computes are asked first, then re-pointed or stopped
 * through compute_ctl; and the typed confirmation at a real terminal (neon-ops run under {@code script}, which gives it
 * a pseudo-terminal, as an operator's shell does).
 */
class NeonOpsBackupRegistryIT {

    static Path registry(Path dir, TestCompute... computes) {
        Path file = dir.resolve("registry.json");
        try (ComputeStore store = ComputeStore.file(file)) {
            for (int i = 0; i < computes.length; i++) {
                store.put(ComputeRecord.of("c" + (i + 1), computes[i].uri(), ComputeSpec.parse(computes[i].specJson())));
            }
        }
        return file;
    }

    /** Writes some WAL and takes snapshot "good" of the tenant's timeline with the CLI; returns the catalog file. */
    static Path snapshotGood(NeonTestCluster cluster, NeonOpsGuardsIT.Env env, Path dir) {
        Path catalog = dir.resolve("catalog.json");
        cluster.write(env.tenant(), env.timeline(), 8192);
        assertEquals(0, NeonOpsBackupIT.ops(env, catalog, "snapshot", "--tenant", env.tenant().toString(), "--timeline",
                env.timeline().toString(), "--name", "good").exit());
        return catalog;
    }

    static JsonNode spec(TestCompute c) throws Exception {
        return CliJson.MAPPER.readTree(c.specJson());
    }

    @Test
    void repoint_movesTheRegisteredComputesToTheNewBranch_andAnUnreachableOneIsRefusedFirst(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonOpsBackupIT.cluster()) {
            var env = NeonOpsGuardsIT.start(cluster);
            Path catalog = snapshotGood(cluster, env, dir);
            String t = env.tenant().toString();
            cluster.write(env.tenant(), env.timeline(), 8192);
            TestCompute c1 = cluster.startCompute(env.tenant(), env.timeline());
            TestCompute c2 = cluster.startCompute(env.tenant(), env.timeline());
            Path registry = registry(dir, c1, c2);
            int before = NeonOpsBackupIT.timelines(env).size();

            c2.stop();
            var unreachable = NeonOpsBackupIT.ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--in-place", "repoint",
                    "--registry", registry.toString(), "--yes", "--confirm", t);
            assertEquals(2, unreachable.exit(), unreachable.out());
            assertTrue(unreachable.err().contains("compute c2 at " + c2.uri() + " does not answer") && unreachable.err().contains(
                    "may still be running"), unreachable.err());
            assertEquals(before, NeonOpsBackupIT.timelines(env).size(), "nothing was changed");
            var both = NeonOpsBackupIT.ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--in-place", "repoint",
                    "--registry", registry.toString(), "--computes-stopped", "--yes", "--confirm", t);
            assertEquals(2, both.exit());
            assertTrue(both.err().contains("not both"), both.err());
            c2.start();

            var ok = NeonOpsBackupIT.ops(env, catalog, "--output", "json", "restore", "--tenant", t, "--snapshot", "good", "--in-place",
                    "repoint", "--registry", registry.toString(), "--yes", "--confirm", t);
            assertEquals(0, ok.exit(), ok.out() + ok.err());
            String[] out = ok.out().strip().split("\n");
            JsonNode summary = CliJson.MAPPER.readTree(out[out.length - 1]);
            String branch = summary.path("new_timeline_id").asText();
            assertEquals(List.of("c1", "c2"), texts(summary.path("computes_repointed")));
            assertEquals(branch, spec(c1).path("timeline_id").asText(), "compute_ctl got the new branch");
            assertEquals(branch, spec(c2).path("timeline_id").asText());
            assertEquals("running", c1.status());
            try (ComputeStore store = ComputeStore.file(registry)) {
                assertEquals(branch, store.find("c1").orElseThrow().timelineId().toString(), "the registry records it");
            }
            assertTrue(summary.path("undo").asText().contains("Undo"), summary.toString());
        }
    }

    @Test
    void timeTravel_stopsTheRegisteredComputesFirst(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonOpsBackupIT.cluster()) {
            var env = NeonOpsGuardsIT.start(cluster);
            Path catalog = snapshotGood(cluster, env, dir);
            String t = env.tenant().toString();
            Thread.sleep(1_200); // the CLI reads this machine's clock: the rewind target is a second in the past
            cluster.write(env.tenant(), env.timeline(), 8192);
            TestCompute c1 = cluster.startCompute(env.tenant(), env.timeline());
            Path registry = registry(dir, c1);
            var ok = NeonOpsBackupIT.ops(env, catalog, "restore", "--tenant", t, "--snapshot", "good", "--in-place", "time-travel",
                    "--registry", registry.toString(), "--yes", "--confirm", t);
            assertEquals(0, ok.exit(), ok.out() + ok.err());
            assertEquals("terminated", c1.status(), "stopped before the rewind");
            assertTrue(ok.out().contains("stopped c1"), ok.out());
            assertTrue(ok.out().contains("Undo: rewind again to"), ok.out());
        }
    }

    /** Runs neon-ops in a new JVM under {@code script}, so it has a terminal; {@code typed} is what the operator types. */
    static String atATerminal(String typed, String... args) throws Exception {
        // util-linux's script (Debian's essential bsdutils package); BSD script takes other arguments
        Process v = new ProcessBuilder("script", "-V").redirectErrorStream(true).start();
        String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(v.waitFor() == 0 && version.contains("util-linux"), "needs util-linux script: " + version);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), NeonOps.class.getName()));
        cmd.addAll(List.of(args));
        StringBuilder line = new StringBuilder();
        for (String a : cmd) {
            line.append(line.isEmpty() ? "" : " ").append("'").append(a.replace("'", "'\\''")).append("'");
        }
        Process p = new ProcessBuilder("script", "-qec", line.toString(), "/dev/null").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((typed + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return out + "\nexit " + p.exitValue();
    }

    @Test
    void atATerminal_theTenantIdIsTyped_aWrongOneSendsNothing(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonOpsBackupIT.cluster()) {
            var env = NeonOpsGuardsIT.start(cluster);
            Path catalog = snapshotGood(cluster, env, dir);
            String t = env.tenant().toString();
            int before = NeonOpsBackupIT.timelines(env).size();
            String[] args = {"--storcon", cluster.storageController().toString(), "backup", "--catalog=" + catalog, "restore", "--tenant", t,
                    "--snapshot", "good", "--in-place", "repoint", "--computes-stopped"};

            String wrong = atATerminal(io.neonclient.core.TenantId.generate().toString(), args);
            assertTrue(wrong.contains("Type the tenant id (" + t + ") to restore it in place:"), wrong);
            assertTrue(wrong.contains("does not name tenant " + t) && wrong.endsWith("exit 3"), wrong);
            assertEquals(before, NeonOpsBackupIT.timelines(env).size(), "a wrong id: nothing sent");
            assertEquals(1, BackupCatalog.file(catalog).list().size(), "no pre-restore snapshot");

            String right = atATerminal(t, args);
            assertTrue(right.endsWith("exit 0"), right);
            assertTrue(right.contains("Undo: timeline " + env.timeline() + " is untouched"), right);
            assertEquals(before + 2, NeonOpsBackupIT.timelines(env).size(), "the pre-restore snapshot and the restored branch");
            assertTrue(BackupCatalog.file(catalog).list().stream().anyMatch(e -> e.purpose().equals(CatalogEntry.PRE_RESTORE)));
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
