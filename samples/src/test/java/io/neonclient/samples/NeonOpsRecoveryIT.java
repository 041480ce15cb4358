package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.admin.Placements;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.samples.NeonOpsIT.Run;
import io.neonclient.storcon.MigrationConfig;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.TestCompute;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's start-up, routing repair and emergency recovery from the command line: {@code bootstrap},
 * {@code repair-routing} and {@code emergency-recovery} on the testkit, with computes from a compute registry file.
 */
class NeonOpsRecoveryIT {

    @Test
    void bootstrap_fromAnEmptyController_dryRunFirst_thenRun_thenAgainChangesNothing(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            String url = cluster.storageController().toString();
            StorageControllerClient storcon = cluster.storageControllerClient();
            List<String> nodes = new ArrayList<>();
            for (long id : new long[] {1, 2}) {
                URI http = cluster.pageserver(id);
                nodes.addAll(List.of("--pageserver", "id=" + id + ",host=" + http.getHost() + ",az=az-a,pg-port=" + cluster.pageserverPgPort(id)
                        + ",http-port=" + http.getPort()));
            }
            URI sk = cluster.safekeeper(1);
            nodes.addAll(List.of("--safekeeper", "id=1,host=" + sk.getHost() + ",az=az-a,http-port=" + sk.getPort()));

            // Bad input is refused before anything is sent, naming the option and what was expected.
            Run noAz = NeonOpsIT.neonOps("--storcon", url, "bootstrap", "--pageserver", "id=1,host=ps-1");
            assertEquals(2, noAz.exit());
            assertTrue(noAz.err().contains("--pageserver 'id=1,host=ps-1': 'az' is missing"), noAz.err());
            Run badPort = NeonOpsIT.neonOps("--storcon", url, "bootstrap", "--pageserver", "id=1,host=ps-1,az=a,pg-port=99999");
            assertTrue(badPort.err().contains("pg-port must be a port 1 to 65535, got '99999'"), badPort.err());
            Run unknownKey = NeonOpsIT.neonOps("--storcon", url, "bootstrap", "--safekeeper", "id=1,host=sk,az=a,port=5454", "--expect-pageservers", "2");
            assertTrue(unknownKey.err().contains("keys id, host, az, http-port, pg-port, region; got 'port=5454'"), unknownKey.err());
            Run badId = NeonOpsIT.neonOps("--storcon", url, "bootstrap", "--pageserver", "id=one,host=ps-1,az=a");
            assertTrue(badId.err().contains("--pageserver 'id=one,host=ps-1,az=a': id: "), badId.err());
            Run twice = NeonOpsIT.neonOps("--storcon", url, "bootstrap", "--pageserver", "id=1,host=a,az=a", "--pageserver", "id=1,host=b,az=a");
            assertTrue(twice.err().contains("--pageserver: id 1 is given twice"), twice.err());
            Run none = NeonOpsIT.neonOps("--storcon", url, "bootstrap");
            assertTrue(none.err().contains("or --expect-pageservers N for pageservers that register themselves"), none.err());
            Run noStripe = NeonOpsIT.neonOps("--storcon", url, "bootstrap", "--expect-pageservers", "2", "--shards", "2", "--stripe-size", "0");
            assertTrue(noStripe.err().contains("--shards/--stripe-size: "), noStripe.err());
            Run oldPg = NeonOpsIT.neonOps("--storcon", url, "bootstrap", "--expect-pageservers", "2", "--pg-version", "13");
            assertTrue(oldPg.err().contains("--pg-version must be 14 to 17, got 13"), oldPg.err());
            assertTrue(storcon.nodes().list().isEmpty() && storcon.safekeepers().list().isEmpty(), "nothing was sent");

            // The dry run generates the ids and shows them in the plan; the real run given them does exactly that.
            List<String> dry = new ArrayList<>(List.of("--storcon", url, "--dry-run", "bootstrap", "--shards", "2"));
            dry.addAll(nodes);
            Run plan = NeonOpsIT.neonOps(dry.toArray(String[]::new));
            assertEquals(0, plan.exit(), plan.err());
            Matcher ids = Pattern.compile("generated --tenant ([0-9a-f]{32}) --timeline ([0-9a-f]{32}): pass them to run exactly this plan").matcher(plan.out());
            assertTrue(ids.find(), plan.out());
            TenantId tenant = TenantId.parse(ids.group(1));
            TimelineId timeline = TimelineId.parse(ids.group(2));
            assertTrue(plan.out().contains("ClusterBootstrap plan (nothing sent):"), plan.out());
            assertTrue(plan.out().contains("Register pageservers 1, 2 (POST /control/v1/node)"), plan.out());
            assertTrue(plan.out().contains("Create tenant " + tenant + " with 2 shards of 2048 pages"), plan.out());
            assertTrue(plan.out().contains("Create timeline " + timeline + " (bootstrap, pg 16)"), plan.out());
            assertTrue(storcon.nodes().list().isEmpty(), "a dry run sends nothing");

            Path journal = dir.resolve("bootstrap.json");
            List<String> real = new ArrayList<>(List.of("--storcon", url, "bootstrap", "--shards", "2", "--tenant", tenant.toString(),
                    "--timeline", timeline.toString(), "--journal", journal.toString()));
            real.addAll(nodes);
            Run run = NeonOpsIT.neonOps(real.toArray(String[]::new));
            assertEquals(0, run.exit(), run.out() + run.err());
            assertFalse(run.out().contains("generated"), "the ids were given: " + run.out());
            assertTrue(run.out().contains("tenant " + tenant + " Attached(1), 2 shard(s), timeline " + timeline), run.out());
            TenantDescription d = storcon.tenant(tenant).describe();
            assertEquals(2, d.shardCount());
            for (ShardDescription s : d.shards()) {
                assertTrue(s.attachedNode().isPresent() && s.secondaryNodes().size() == 1, s.toString());
            }
            assertEquals(List.of(timeline), storcon.tenant(tenant).timelines().list().stream().map(t -> t.timelineId()).toList());
            assertEquals(SkSchedulingPolicy.ACTIVE, storcon.safekeeper(NodeId.of(1)).describe().schedulingPolicy());
            assertEquals(0, NeonOpsIT.neonOps("--storcon", url, "report").exit(), "the bootstrapped cluster is healthy");

            Run resumed = NeonOpsIT.neonOps(real.toArray(String[]::new));
            assertEquals(0, resumed.exit(), resumed.err());
            assertTrue(resumed.out().contains("== nothing left to do: this journal records every step of ClusterBootstrap as finished"), resumed.out());

            // Without the journal it looks again: everything exists, so nothing is registered or created twice.
            real.subList(real.indexOf("--journal"), real.indexOf("--journal") + 2).clear();
            Run again = NeonOpsIT.neonOps(real.toArray(String[]::new));
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("\"registered\":[]"), again.out());
            assertTrue(again.out().contains("(already done: ") && again.out().contains("Create tenant " + tenant), again.out());
            assertEquals(2, storcon.nodes().list().size());
            assertEquals(List.of(timeline), storcon.tenant(tenant).timelines().list().stream().map(t -> t.timelineId()).toList());
        }
    }

    @Test
    void bootstrap_withGeneratedIds_printsThem_andAFailedRunsResumeCommandCarriesThem(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonOpsBackupIT.cluster()) {
            String url = cluster.storageController().toString();
            var env = NeonOpsGuardsIT.start(cluster); // an existing 2-shard tenant
            Path journal = dir.resolve("j.json");
            Run generated = NeonOpsIT.neonOps("--storcon", url, "--journal", journal.toString(), "bootstrap", "--expect-pageservers", "2");
            assertEquals(0, generated.exit(), generated.err());
            Matcher ids = Pattern.compile("generated --tenant ([0-9a-f]{32}) --timeline ([0-9a-f]{32}): pass them to run this bootstrap again")
                    .matcher(generated.out());
            assertTrue(ids.find(), generated.out());
            assertEquals(1, env.storcon().tenant(TenantId.parse(ids.group(1))).describe().shards().size(), "unsharded by default");

            // The existing tenant with another shard count is refused, never re-created; the resume command names the ids.
            Run refused = NeonOpsIT.neonOps("--storcon", url, "--journal", dir.resolve("k.json").toString(), "bootstrap", "--expect-pageservers",
                    "2", "--tenant", env.tenant().toString(), "--shards", "4");
            assertEquals(3, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.err().contains("stopped at step 'tenant-created'") && refused.err().contains("exists with 2 shards, not 4"),
                    refused.err());
            Matcher resume = Pattern.compile("resume: neon-ops .* --timeline ([0-9a-f]{32})").matcher(refused.err());
            assertTrue(resume.find(), refused.err());
            assertEquals(2, env.storcon().tenant(env.tenant()).describe().shardCount(), "nothing was changed");
        }
    }

    /** Swaps the two shards' pageservers behind the computes' backs (no compute hook is running), keeping the cluster balanced. */
    static void swapShards(StorageControllerClient storcon, TenantId tenant) {
        for (ShardDescription s : storcon.tenant(tenant).describe().shards()) {
            NodeId to = s.attachedNode().orElseThrow().equals(NodeId.of(1)) ? NodeId.of(2) : NodeId.of(1);
            storcon.shard(s.id()).migrateTo(to, MigrationConfig.defaults().withPrewarm(false)).await(Duration.ofSeconds(60));
        }
    }

    static boolean pointsAtPlacement(StorageControllerClient storcon, TenantId tenant, TestCompute c) {
        ComputeSpec applied = ComputeSpec.parse(c.specJson());
        return applied.equals(applied.withPlacement(Placements.of(storcon, tenant)));
    }

    @Test
    void repairRouting_repointsTheStaleCompute_andTheReportAgrees(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonOpsBackupIT.cluster()) {
            var env = NeonOpsGuardsIT.start(cluster);
            String url = cluster.storageController().toString();
            String t = env.tenant().toString();
            TestCompute c1 = cluster.startCompute(env.tenant(), env.timeline());
            String registry = NeonOpsBackupRegistryIT.registry(dir, c1).toString();
            swapShards(env.storcon(), env.tenant());
            assertFalse(pointsAtPlacement(env.storcon(), env.tenant(), c1), "the compute is stale");
            Run stale = NeonOpsIT.neonOps("--storcon", url, "report", "--registry", registry);
            assertEquals(1, stale.exit());
            assertTrue(stale.out().contains("STALE: controller has"), stale.out());

            String before = c1.specJson();
            Run plan = NeonOpsIT.neonOps("--storcon", url, "repair-routing", "--tenant", t, "--registry", registry, "--dry-run");
            assertEquals(0, plan.exit(), plan.err());
            assertTrue(plan.out().startsWith("ShardRoutingRepair plan (nothing sent):"), plan.out());
            assertEquals(before, c1.specJson(), "a dry run re-points nothing");

            Run fixed = NeonOpsIT.neonOps("--storcon", url, "repair-routing", "--tenant", t, "--registry", registry);
            assertEquals(0, fixed.exit(), fixed.out() + fixed.err());
            assertTrue(pointsAtPlacement(env.storcon(), env.tenant(), c1), "compute_ctl itself has the placement: " + c1.specJson());
            assertEquals("running", c1.status());
            assertTrue(fixed.out().contains("COMPUTES (1 registered)") && fixed.out().contains("c1 ") && fixed.out().contains("in place"),
                    fixed.out());
            assertFalse(fixed.out().contains("ComputeSpec[") || fixed.out().contains("Repointed["), "no Java records: " + fixed.out());
            assertEquals(0, NeonOpsIT.neonOps("--storcon", url, "report", "--registry", registry).exit());

            // Run again, for scripts: nothing is stale, every line is JSON, and the exit says the computes are in place.
            Run json = NeonOpsIT.neonOps("--storcon", url, "repair-routing", "--tenant", t, "--registry", registry, "--output", "json");
            assertEquals(0, json.exit(), json.err());
            JsonNode last = null;
            for (String line : json.out().strip().split("\n")) {
                last = CliJson.MAPPER.readTree(line);
            }
            assertEquals("recipe_finished", last.path("event").asText(), json.out());
            assertTrue(json.out().contains("\"step\":\"repoint-stale\"") && json.out().contains("\"stale\":[]"), json.out());
        }
    }

    @Test
    void emergencyRecovery_afterAControllerRestart_waitsForItAll_repointsTheComputeLast_andEndsWithAHealthyReport(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonOpsBackupIT.cluster()) {
            var env = NeonOpsGuardsIT.start(cluster);
            String url = cluster.storageController().toString();
            TestCompute c1 = cluster.startCompute(env.tenant(), env.timeline());
            String registry = NeonOpsBackupRegistryIT.registry(dir, c1).toString();
            swapShards(env.storcon(), env.tenant());

            Run bad = NeonOpsIT.neonOps("--storcon", url, "emergency-recovery", "--stuck-after", "0");
            assertEquals(2, bad.exit());
            assertTrue(bad.err().contains("--stuck-after must be at least 1 second, got 0"), bad.err());
            Run plan = NeonOpsIT.neonOps("--storcon", url, "--dry-run", "emergency-recovery", "--registry", registry);
            assertEquals(0, plan.exit(), plan.err());
            assertEquals(7, plan.out().strip().split("\n").length, "a heading and six steps: " + plan.out());
            assertTrue(plan.out().contains("6. Collect a cluster report"), plan.out());

            cluster.restartStorageController();
            Run recovered = NeonOpsIT.neonOps("--storcon", url, "emergency-recovery", "--registry", registry, "--journal",
                    dir.resolve("recovery.json").toString());
            assertEquals(0, recovered.exit(), recovered.out() + recovered.err());
            String out = recovered.out();
            int ready = out.indexOf("[1/6] Wait for the storage controller to be ready");
            int pageservers = out.indexOf("[2/6] Wait until every registered pageserver is Active");
            int placed = out.indexOf("[4/6] Wait until every tenant's shards are placed and idle");
            int computes = out.indexOf("[5/6] Re-point stale computes");
            assertTrue(0 <= ready && ready < pageservers && pageservers < placed && placed < computes, out);
            assertTrue(out.contains("\"stale\":[\"" + env.timeline() + "\"]"), "the compute's timeline was re-pointed: " + out);
            assertTrue(out.contains("none: every node Active, every shard placed and idle"), out);
            assertTrue(out.contains("COMPUTES (1 registered)") && out.contains("in place"), out);
            assertTrue(pointsAtPlacement(env.storcon(), env.tenant(), c1), "re-pointed last: " + c1.specJson());
            assertEquals("running", c1.status());
        }
    }
}
