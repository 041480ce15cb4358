package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import org.junit.jupiter.api.Test;

/** {@code neon-ops wal-recovery} and {@code neon-ops import}: plans, input checks, and a rebuild on the testkit. */
class WalRecoveryCommandIT {

    static NeonOpsIT.Run neonOps(String... args) {
        return NeonOpsIT.neonOps(args);
    }

    @Test
    void walRecovery_refusesUntilTheComputesAreStopped_butPrintsThePlan() {
        String tenant = TenantId.generate().toString();
        String timeline = TimelineId.generate().toString();
        NeonOpsIT.Run refused = neonOps("--storcon", "http://127.0.0.1:9", "wal-recovery", "--tenant", tenant, "--timeline", timeline,
                "--safekeeper", "http://127.0.0.1:9");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--computes-stopped"), refused.err());
        NeonOpsIT.Run plan = neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "wal-recovery", "--tenant", tenant, "--timeline",
                timeline, "--safekeeper", "http://127.0.0.1:9");
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.out().startsWith("WalRecovery plan (nothing sent):"), plan.out());
        assertTrue(plan.out().contains("existing_initdb_timeline_id") && plan.out().contains("never through the controller"), plan.out());
    }

    @Test
    void walRecovery_checkOnlyOptions_needCheckOnly() {
        NeonOpsIT.Run r = neonOps("--storcon", "http://127.0.0.1:9", "wal-recovery", "--tenant", TenantId.generate().toString(),
                "--timeline", TimelineId.generate().toString(), "--safekeeper", "http://127.0.0.1:9", "--until", "0/16B5A50");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--check-only"), r.err());
    }

    @Test
    void import_dryRun_printsThePlanWithTheBucketCheck() {
        NeonOpsIT.Run plan = neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "import", "--tenant", TenantId.generate().toString(),
                "--timeline", TimelineId.generate().toString(), "--key", "k1", "--bucket", "imports", "--prefix", "t/pgdata-1",
                "--s3-endpoint", "http://127.0.0.1:9");
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.out().startsWith("PgdataImport plan (nothing sent):"), plan.out());
        assertTrue(plan.out().contains("s3://imports/t/pgdata-1 holds a finished upload"), plan.out());
    }

    @Test
    void import_blankKey_isAUsageProblemBeforeAnyRequest() {
        NeonOpsIT.Run r = neonOps("--storcon", "http://127.0.0.1:9", "import", "--tenant", TenantId.generate().toString(),
                "--timeline", TimelineId.generate().toString(), "--key", " ", "--bucket", "imports", "--prefix", "p", "--no-precheck");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("idempotencyKey"), r.err());
    }

    @Test
    void walRecovery_rebuildsACorruptTimeline_andCheckOnlyLeavesNothingBehind() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start()) {
            StorageControllerClient storcon = cluster.storageControllerClient();
            Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                    nodes -> nodes.size() == 2 && nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE)
                            ? WaitVerdict.done() : WaitVerdict.pending("waiting for heartbeats"));
            TenantId tenant = TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                    .await(java.time.Duration.ofSeconds(30));
            storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(timeline, 16));
            Lsn end = cluster.write(tenant, timeline, 64 * 1024);
            String sk = cluster.safekeeper(1).toString();
            String[] common = {"--storcon", cluster.storageController().toString()};

            NeonOpsIT.Run check = neonOps(concat(common, "wal-recovery", "--tenant", tenant.toString(), "--timeline", timeline.toString(),
                    "--safekeeper", sk, "--check-only"));
            assertEquals(0, check.exit(), check.out() + check.err());
            assertTrue(check.out().contains("WalReplayCheck done"), check.out());
            assertEquals(1, storcon.tenant(tenant).timelines().list().stream().map(t -> t.timelineId()).distinct().count(),
                    "the copy was deleted");

            cluster.corruptTimeline(tenant, timeline, "bad layer");
            NeonOpsIT.Run rebuild = neonOps(concat(common, "wal-recovery", "--tenant", tenant.toString(), "--timeline", timeline.toString(),
                    "--safekeeper", sk, "--computes-stopped"));
            assertEquals(0, rebuild.exit(), rebuild.out() + rebuild.err());
            assertTrue(rebuild.out().contains("WalRecovery done"), rebuild.out());
            var t = storcon.tenant(tenant).timeline(timeline).describe();
            assertFalse(t.isBroken(), t.state().toString());
            assertEquals(end, t.lastRecordLsn());
        }
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
