package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The report judges placement against each tenant's policy, not just node states, and stays readable for a fleet. */
class ClusterReportPolicyIT {

    static StorageControllerClient storcon(NeonTestCluster cluster) {
        return StorageControllerClient.builder().baseUri(cluster.storageController()).config(cluster.clientConfig()).build();
    }

    /** Registered pageservers are Offline until their first heartbeat. */
    static void awaitActive(StorageControllerClient storcon) {
        Waiter.await("pageservers Active", RecipeHarness.WAIT, () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE)
                        ? WaitVerdict.done() : WaitVerdict.pending(nodes.toString()), p -> { });
    }

    static void awaitIdle(StorageControllerClient storcon, TenantId tenant) {
        Waiter.await("tenant idle", RecipeHarness.WAIT, () -> storcon.tenant(tenant).describe(),
                d -> d.shards().stream().noneMatch(s -> s.isReconciling()) ? WaitVerdict.done() : WaitVerdict.pending(d.toString()), p -> { });
    }

    @Test
    void aClusterWithoutPageservers_isNotHealthy() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(0).build().start()) {
            ClusterReport report = ClusterReport.collect(storcon(cluster));
            assertFalse(report.isHealthy());
            assertTrue(report.findings().getFirst().startsWith("no pageservers are registered"), report.findings().toString());
            assertTrue(report.toText().contains("- no pageservers are registered"), report.toText());
        }
    }

    @Test
    void anAttached1ShardWithoutItsSecondary_isAFinding_namingThePolicy() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(0).registerNodes(true).build().start()) {
            StorageControllerClient storcon = storcon(cluster);
            awaitActive(storcon);
            TenantId tenant = TenantId.generate();
            // Created as Attached(0) (with one pageserver the controller refuses Attached(1) outright), then asked for a secondary
            // there is no node for.
            storcon.tenants().create(CreateTenantRequest.unsharded(tenant).withPlacement(PlacementPolicy.attached(0)));
            awaitIdle(storcon, tenant);
            try {
                storcon.tenant(tenant).updatePolicy(PlacementPolicy.attached(1));
            } catch (io.neonclient.core.NeonException refusedOrUnsettled) {
                // the controller records the policy and reports it cannot place the secondary; the report must say so either way
            }
            assertEquals(PlacementPolicy.attached(1), storcon.tenant(tenant).describe().policy());
            awaitIdle(storcon, tenant);

            ClusterReport report = ClusterReport.collect(storcon);
            assertTrue(report.findings().contains("shard " + tenant + " has 0 of the 1 secondaries its policy Attached(1) asks for: a node loss"
                    + " is an outage until it is re-attached"), report.findings().toString());
            assertFalse(report.isHealthy());
        }
    }

    @Test
    void aShardWhosePageserverIsGone_isReported_notCalledHealthy() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(0).registerNodes(true).build().start()) {
            StorageControllerClient storcon = storcon(cluster);
            awaitActive(storcon);
            TenantId tenant = TenantId.generate();
            storcon.tenants().create(CreateTenantRequest.unsharded(tenant).withPlacement(PlacementPolicy.attached(0)));
            awaitIdle(storcon, tenant);
            assertTrue(ClusterReport.collect(storcon).isHealthy());

            cluster.stopPageserver(1);
            ClusterReport report = Waiter.await("the shard reported", RecipeHarness.WAIT, () -> ClusterReport.collect(storcon),
                    r -> r.findings().stream().anyMatch(f -> f.startsWith("shard " + tenant))
                            && r.findings().stream().anyMatch(f -> f.startsWith("no pageserver is schedulable")) ? WaitVerdict.done()
                            : WaitVerdict.pending(r.findings().toString()), p -> { });
            List<String> about = report.findings().stream().filter(f -> f.startsWith("shard " + tenant)).toList();
            assertTrue(about.stream().anyMatch(f -> f.equals("shard " + tenant + " is attached nowhere (policy Attached(0))")
                            || f.equals("shard " + tenant + " is attached on node 1, which is Offline: its computes cannot be served until it fails over")),
                    about.toString());
            assertTrue(about.stream().noneMatch(f -> f.contains("more than its policy")), "a demoted attachment is not an extra secondary: " + about);
        }
    }

    @Test
    void aFleet_isCollectedWithBoundedConcurrencyAndProgress_andItsTextListsOnlyWhatIsNotOk() throws Exception {
        int tenants = 60;
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(0).registerNodes(true).build().start()) {
            StorageControllerClient storcon = storcon(cluster);
            awaitActive(storcon);
            List<TenantId> ids = IntStream.range(0, tenants).mapToObj(i -> TenantId.generate()).toList();
            try (var pool = Executors.newFixedThreadPool(8)) {
                List<java.util.concurrent.Future<?>> created = new ArrayList<>();
                for (TenantId t : ids) {
                    created.add(pool.submit(() -> storcon.tenants().create(CreateTenantRequest.sharded(t, 4, StripeSize.DEFAULT)
                            .withPlacement(PlacementPolicy.attached(1))).await(Duration.ofSeconds(60))));
                }
                for (var f : created) {
                    f.get();
                }
            }
            ids.forEach(t -> awaitIdle(storcon, t));

            List<ClusterReport.Progress> progress = new CopyOnWriteArrayList<>();
            ClusterReport report = ClusterReport.collect(storcon, ClusterReportIT.PAGESERVERS, 4, progress::add);
            assertEquals(tenants * 4, report.shards().size());
            assertTrue(report.isHealthy(), report.findings().toString());
            List<ClusterReport.Progress> timelines = progress.stream().filter(p -> p.phase().equals("timelines")).toList();
            assertEquals(tenants, timelines.size(), "one progress report per tenant");
            assertTrue(timelines.stream().allMatch(p -> p.total() == tenants));
            assertEquals(tenants, timelines.stream().mapToInt(ClusterReport.Progress::done).max().orElseThrow());
            assertEquals(3, progress.stream().filter(p -> p.phase().equals("location_config")).count(), "one per Active pageserver");

            String text = report.toText();
            assertTrue(text.contains("SHARDS (" + tenants * 4 + ", 0 reconciling; listing the 0 not ok, --output json has all)"), text);
            assertTrue(text.lines().count() < 40, "a healthy fleet's report fits a screen:\n" + text);
            assertTrue(report.toJson().contains(ids.getLast() + "-0304"), "the JSON has every shard");
        }
    }
}
