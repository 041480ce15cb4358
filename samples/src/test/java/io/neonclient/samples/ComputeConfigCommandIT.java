package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.admin.ClusterBootstrap;
import io.neonclient.compute.ComputeConfig;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.TestCompute;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neon-ops compute config}: the file compute_ctl -c reads, from the controller's view, accepted by the testkit's compute. */
class ComputeConfigCommandIT {
    final TenantId tenant = TenantId.generate();
    final TimelineId timeline = TimelineId.generate();

    record Run(int exit, String out, String err) {}

    static Run neonOps(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Run(exit, out.toString(), err.toString());
    }

    void bootstrap(NeonTestCluster cluster) {
        WaitPolicy wait = new WaitPolicy(Duration.ofSeconds(60), Duration.ofMillis(10), Duration.ofMillis(100), 0.2);
        var storcon = StorageControllerClient.builder().baseUri(cluster.storageController()).config(ClientConfig.defaults().withWaitPolicy(wait)).build();
        ClusterBootstrap.Builder b = ClusterBootstrap.builder(storcon).waitPolicy(wait);
        cluster.pageservers().forEach((id, uri) -> b.pageserver(RegisterNodeRequest.of(NodeId.of(id), uri.getHost(),
                cluster.pageserverPgPort(id), uri.getHost(), uri.getPort(), "az-a")));
        cluster.safekeepers().forEach((id, uri) -> b.safekeeper(
                UpsertSafekeeperRequest.of(NodeId.of(id), "local", "sk-" + id + ".storage.svc", 5454, uri.getPort(), "az-a")));
        b.tenant(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .timeline(timeline, 16).build().run(e -> { });
    }

    @Test
    void computeConfig_printsTheFile_andWritesOneATestkitComputeStartsFrom(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(3).build().start()) {
            bootstrap(cluster);
            String storcon = cluster.storageController().toString();
            Run printed = neonOps("--storcon", storcon, "compute", "config", "--tenant", tenant.toString(), "--timeline", timeline.toString());
            assertEquals(0, printed.exit(), printed.err());
            ComputeConfig config = ComputeConfig.parse(printed.out());
            var spec = config.spec().orElseThrow();
            assertEquals(List.of("sk-1.storage.svc:5454", "sk-2.storage.svc:5454", "sk-3.storage.svc:5454"), spec.safekeeperConnstrings());
            assertEquals(2, spec.pageserverConnectionInfo().orElseThrow().shardCount());
            assertTrue(printed.out().contains("\"compute_ctl_config\""), printed.out());

            Path file = dir.resolve("config.json");
            Run wrote = neonOps("--storcon", storcon, "compute", "config", "--tenant", tenant.toString(), "--timeline", timeline.toString(),
                    "--compute-id", "compute-quiet-sun", "--out", file.toString());
            assertEquals(0, wrote.exit(), wrote.err());
            assertTrue(wrote.out().contains("Wrote " + file + ": tenant " + tenant), wrote.out());
            assertTrue(wrote.out().contains("safekeepers sk-1.storage.svc:5454,sk-2.storage.svc:5454,sk-3.storage.svc:5454 (generation 0)"), wrote.out());
            assertTrue(wrote.out().contains("compute_ctl -c " + file + " --compute-id compute-quiet-sun"), wrote.out());
            TestCompute compute = cluster.startCompute(file);
            assertEquals("running", compute.status(), compute.error());
            assertEquals(2, compute.pageservers().size());
        }
    }

    @Test
    void computeConfig_withTwoSafekeepers_refusesAsNoQuorum_andBadIdsAreUsageErrors(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(3).build().start()) {
            bootstrap(cluster);
            String storcon = cluster.storageController().toString();
            Path file = dir.resolve("config.json");
            Run two = neonOps("--storcon", storcon, "compute", "config", "--tenant", tenant.toString(), "--timeline", timeline.toString(),
                    "--safekeepers", "1,2", "--out", file.toString());
            assertEquals(2, two.exit(), two.out());
            assertTrue(two.err().contains("would have 2 safekeepers [1, 2]"), two.err());
            assertTrue(Files.notExists(file));
        }
        Run badTenant = neonOps("--storcon", "http://127.0.0.1:9", "compute", "config", "--tenant", "nope", "--timeline", timeline.toString());
        assertEquals(2, badTenant.exit());
        assertTrue(badTenant.err().contains("--tenant: TenantId"), badTenant.err());
        Run badId = neonOps("--storcon", "http://127.0.0.1:9", "compute", "config", "--tenant", tenant.toString(), "--timeline",
                timeline.toString(), "--compute-id", "a b");
        assertEquals(2, badId.exit());
        assertTrue(badId.err().contains("--compute-id must be letters"), badId.err());
    }
}
