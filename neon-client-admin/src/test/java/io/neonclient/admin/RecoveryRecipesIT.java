package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.NodeId;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.MigrationConfig;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ShardRoutingRepair and EmergencyRecovery on the testkit. No compute hook is configured, so computes go stale. */
class RecoveryRecipesIT {
    final TenantId tenant = TenantId.generate();
    final TimelineId timeline = TimelineId.generate();

    static ComputeRegistry registry(NeonTestCluster cluster) {
        return new ComputeRegistry(spec -> ComputeClient.create(cluster.newCompute().uri().toString()), ComputeCtlConfig.empty());
    }

    /** Moves shard 0102 to the other pageserver; with no hook, the computes are not told. */
    static NodeId moveShardBehindTheComputesBack(StorageControllerClient storcon, TenantId tenant) {
        TenantShardId shard = TenantShardId.parse(tenant + "-0102");
        NodeId from = storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow();
        NodeId to = from.equals(NodeId.of(1)) ? NodeId.of(2) : NodeId.of(1);
        storcon.shard(shard).migrateTo(to, MigrationConfig.defaults().withPrewarm(false)).await(RecipeHarness.WAIT, p -> { });
        return to;
    }

    @Test
    void routingRepair_repointsOnlyTheStaleCompute() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            ComputeRegistry computes = registry(cluster);
            ComputeClient compute = computes.start(ComputeSpec.minimal(tenant, timeline).withPlacement(Placements.of(storcon, tenant)));

            RecipeResult noop = ShardRoutingRepair.of(storcon, computes, tenant).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            assertEquals(new ShardRoutingRepair.Repointed(tenant, 1, List.of()), noop.value(ShardRoutingRepair.REPOINT_STALE));

            moveShardBehindTheComputesBack(storcon, tenant);
            ComputeSpec stale = computes.specOf(compute).orElseThrow();
            assertNotEquals(stale, stale.withPlacement(Placements.of(storcon, tenant)), "the compute points at the old pageserver");

            RecipeResult fixed = ShardRoutingRepair.of(storcon, computes, tenant).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            assertEquals(new ShardRoutingRepair.Repointed(tenant, 1, List.of(timeline)), fixed.value(ShardRoutingRepair.REPOINT_STALE));
            ComputeSpec now = computes.specOf(compute).orElseThrow();
            assertEquals(now, now.withPlacement(Placements.of(storcon, tenant)));
            assertEquals(ComputeStatus.RUNNING, compute.status().status());
        }
    }

    @Test
    void routingRepair_ofTheComputesInAStore_recordsTheirNewSpecsUnderTheirOwnIds(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            TenantId other = TenantId.generate();
            var c1 = cluster.startCompute(tenant, timeline);
            var c2 = cluster.newCompute();
            Path file = dir.resolve("registry.json");
            try (ComputeStore store = ComputeStore.file(file)) {
                store.put(ComputeRecord.of("compute-1", c1.uri(), ComputeSpec.parse(c1.specJson())));
                // A compute of another tenant, which the repair must not touch (its compute_ctl is not even configured).
                store.put(ComputeRecord.of("compute-2", c2.uri(), ComputeSpec.minimal(other, timeline)));
            }
            moveShardBehindTheComputesBack(storcon, tenant);

            List<ComputeClient> connected = new java.util.ArrayList<>();
            try (ComputeStore store = ComputeStore.file(file)) {
                ComputeRegistry computes = ComputeRegistry.following(store, r -> {
                    ComputeClient c = ComputeClient.create(r.computeCtlUrl().toString());
                    connected.add(c);
                    return c;
                }, ComputeCtlConfig.empty());
                assertEquals(2, connected.size(), "one client per record");
                assertEquals(1, computes.computesOf(tenant).size());
                var refused = assertThrows(UnsupportedOperationException.class, () -> computes.start(ComputeSpec.minimal(tenant, timeline)));
                assertTrue(refused.getMessage().contains("starts none"), refused.getMessage());

                RecipeResult fixed = ShardRoutingRepair.of(storcon, computes, tenant).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
                assertEquals(new ShardRoutingRepair.Repointed(tenant, 1, List.of(timeline)), fixed.value(ShardRoutingRepair.REPOINT_STALE));
            } finally {
                connected.forEach(ComputeClient::close);
            }
            ComputeSpec applied = ComputeSpec.parse(c1.specJson());
            assertEquals(applied, applied.withPlacement(Placements.of(storcon, tenant)), "compute_ctl itself has the placement");
            try (ComputeStore store = ComputeStore.file(file)) {
                assertEquals(List.of("compute-1", "compute-2"), store.list().stream().map(ComputeRecord::computeId).sorted().toList(),
                        "recorded under the operator's ids, no second record under host:port");
                assertEquals(applied, store.find("compute-1").orElseThrow().spec());
                assertEquals(ComputeSpec.minimal(other, timeline), store.find("compute-2").orElseThrow().spec());
            }
        }
    }

    @Test
    void emergencyRecovery_afterARestart_unsticksReconciles_repointsComputes_andReportsHealthy(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(2)
                .startupReconcile(Duration.ofSeconds(100)).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            ComputeRegistry computes = registry(cluster);
            ComputeClient compute = computes.start(ComputeSpec.minimal(tenant, timeline).withPlacement(Placements.of(storcon, tenant)));
            moveShardBehindTheComputesBack(storcon, tenant);

            // The emergency: the controller and a pageserver bounced and one shard's reconcile hangs.
            cluster.stopPageserver(2);
            cluster.restartStorageController();
            assertFalse(storcon.ready(), "the controller is still in its start-up reconcile");
            cluster.startPageserver(2);
            TenantShardId stuck = TenantShardId.parse(tenant + "-0002");
            cluster.stickReconcile(stuck);
            storcon.tenant(tenant).updateScheduling(io.neonclient.storcon.ShardSchedulingPolicy.ACTIVE);

            EmergencyRecovery recovery = EmergencyRecovery.of(storcon).withComputes(computes).withWaitPolicy(RecipeHarness.WAIT)
                    .withStuckReconcileAfter(Duration.ofMillis(500)).withJournal(Journal.file(dir.resolve("recovery.json")));
            assertEquals(6, recovery.steps().size());
            RecipeResult r = recovery.run(e -> { });
            assertFalse(r.value(EmergencyRecovery.CONTROLLER_READY).isAfter(java.time.Instant.now()));
            assertEquals(List.of(NodeId.of(1), NodeId.of(2)), r.value(EmergencyRecovery.PAGESERVERS_ACTIVE).stream().sorted(
                    java.util.Comparator.comparingLong(NodeId::value)).toList());
            assertEquals(2, r.value(EmergencyRecovery.SAFEKEEPERS_ACTIVE).size());
            EmergencyRecovery.Settled settled = r.value(EmergencyRecovery.PLACEMENT_SETTLED);
            assertTrue(settled.tenants().contains(tenant), settled.toString());
            assertTrue(List.of(stuck).containsAll(settled.unstuck()), "only the hung reconcile may be cancelled: " + settled);
            assertEquals(List.of(new ShardRoutingRepair.Repointed(tenant, 1, List.of(timeline))), r.value(EmergencyRecovery.COMPUTES));
            // The testkit has no optimiser, so after the bounce the report may still flag the imbalance; nothing worse.
            ClusterReport report = r.value(EmergencyRecovery.REPORT);
            assertTrue(report.isHealthy() || report.findings().size() == 1 && report.findings().get(0).contains("imbalanced"),
                    report.findings().toString());
            assertEquals(ComputeStatus.RUNNING, compute.status().status());
            assertEquals(io.neonclient.core.WaitVerdict.done(), Conditions.settled(storcon.tenant(tenant).describe()));
        }
    }

    @Test
    void emergencyRecovery_withAPageserverStillDown_stopsSayingWhichToStart() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            cluster.stopPageserver(1);
            var e = assertThrows(RecipeFailedException.class, () -> EmergencyRecovery.of(storcon)
                    .withWaitPolicy(RecipeHarness.WAIT.withTimeout(Duration.ofSeconds(2))).run(ev -> { }));
            assertEquals("pageservers-active", e.step());
            assertTrue(e.getMessage().contains("pageservers [1]"), e.getMessage());
            assertTrue(e.nextAction().contains("start the pageservers"), e.nextAction());
        }
    }
}
