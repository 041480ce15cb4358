package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.MigrationConfig;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.NeonTestClusterBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash matrix ({@link CrashMatrix}) of the recipes that touch timelines and computes: {@link TimeTravel},
 * {@link PointInTimeRecovery}, {@link ShardRoutingRepair} and {@link EmergencyRecovery}, each on one testkit cluster
 * shared by its kill points (a new tenant, branch or stale compute per case).
 */
class CrashMatrixComputeIT {

    /** Where each kill point's journal lives: a file per run here; {@code …PostgresIT} runs the same matrix on Postgres. */
    java.util.function.Function<String, Journal> journals(Path dir) {
        return run -> Journal.file(dir.resolve(run + ".json"));
    }

    /** One compute of {@code tenant} on {@code timeline}, running and configured against the controller's current placement. */
    static void assertOneComputeServes(StorageControllerClient storcon, ComputeRegistry computes, TenantId tenant, TimelineId timeline) {
        List<ComputeClient> on = computes.computesOf(tenant).stream()
                .filter(c -> computes.specOf(c).flatMap(ComputeSpec::timelineId).filter(timeline::equals).isPresent()).toList();
        assertEquals(1, on.size(), "exactly one compute on " + timeline + ": " + on);
        var state = on.get(0).status();
        assertEquals(ComputeStatus.RUNNING, state.status(), state.toString());
        assertEquals(Optional.of(timeline), state.timelineId());
        ComputeSpec spec = computes.specOf(on.get(0)).orElseThrow();
        assertEquals(spec.withPlacement(Placements.of(storcon, tenant)), spec, "configured against the current placement");
    }

    @TestFactory
    Stream<DynamicTest> timeTravel(@TempDir Path dir) {
        // Reconciles of 100 ms (10 s upstream time, scaled), so the detach and the re-attach are still running when first polled.
        ComputeCluster env = ComputeCluster.start(2, false, b -> b.reconcileLatency(Duration.ofSeconds(10)));
        var steps = TimeTravel.of(env.storcon, env.tenant).steps();
        // "start-computes" has no wait to kill in: compute_ctl answers POST /configure once the compute runs.
        return CrashMatrix.tests(journals(dir), steps, Set.of("detach", "reattach"), () -> new CrashMatrix.Subject() {
            final TenantId tenant = TenantId.generate();
            final TimelineId timeline = TimelineId.generate();
            final ComputeClient compute;
            final Lsn good;
            final Instant goodTime;

            {
                env.storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)));
                env.storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(timeline, 16));
                CrashMatrix.settled(env.storcon, tenant);
                compute = env.computes.start(ComputeSpec.minimal(tenant, timeline).withPlacement(Placements.of(env.storcon, tenant)));
                compute.running().await(RecipeHarness.WAIT, p -> { });
                env.advance(Duration.ofMinutes(1));
                good = env.cluster.write(tenant, timeline, 16 * 1024);
                env.advance(Duration.ofMinutes(1));
                goodTime = env.now();
                env.advance(Duration.ofMinutes(1));
                env.cluster.write(tenant, timeline, 1024 * 1024);
                env.advance(Duration.ofMinutes(1));
            }

            @Override
            public Recipe recipe(Journal journal) {
                return TimeTravel.of(env.storcon, tenant).to(goodTime).withComputes(env.computes).withClock(env.clock())
                        .withWaitPolicy(RecipeHarness.WAIT).withJournal(journal);
            }

            @Override
            public void assertEndState() {
                TenantDescription d = env.storcon.tenant(tenant).describe();
                assertEquals(PlacementPolicy.attached(1), d.policy(), "re-attached with its policy");
                assertEquals(2, d.shardCount());
                CrashMatrix.assertSettled(env.storcon, tenant);
                assertEquals(List.of(timeline), env.storcon.tenant(tenant).timelines().list().stream().map(Timeline::timelineId).toList());
                assertEquals(good, env.storcon.tenant(tenant).timeline(timeline).describe().lastRecordLsn(), "rewound to " + goodTime);
                assertEquals(ComputeStatus.TERMINATED, compute.status().status(), "the old compute was stopped");
                assertOneComputeServes(env.storcon, env.computes, tenant, timeline);
            }
        }).onClose(env::close);
    }

    @TestFactory
    Stream<DynamicTest> pointInTimeRecovery(@TempDir Path dir) {
        ComputeCluster env = ComputeCluster.start(2);
        env.advance(Duration.ofMinutes(1));
        env.write(16 * 1024);
        env.advance(Duration.ofMinutes(1));
        Instant at = env.now();
        env.advance(Duration.ofMinutes(1));
        env.write(1024 * 1024);
        env.advance(Duration.ofMinutes(1));
        Lsn expected = env.storcon.tenant(env.tenant).timeline(env.timeline).lsnByTimestamp(at).lsn();
        var steps = PointInTimeRecovery.of(env.storcon, env.tenant, env.timeline).withComputes(env.computes).steps();
        // No branch id is given: each new recipe instance would generate another, so the resumed run must take the one
        // its journal recorded. No step waits in a way to kill: "compute" starts one, and compute_ctl answers
        // POST /configure once it runs.
        return CrashMatrix.tests(journals(dir), steps, Set.of(), () -> new CrashMatrix.Subject() {
            final Set<TimelineId> before = timelines();

            Set<TimelineId> timelines() {
                return new HashSet<>(env.storcon.tenant(env.tenant).timelines().list().stream().map(Timeline::timelineId).toList());
            }

            @Override
            public Recipe recipe(Journal journal) {
                return PointInTimeRecovery.of(env.storcon, env.tenant, env.timeline).at(at).withComputes(env.computes)
                        .withWaitPolicy(RecipeHarness.WAIT).withJournal(journal);
            }

            @Override
            public void assertEndState() {
                Set<TimelineId> added = timelines();
                added.removeAll(before);
                assertEquals(1, added.size(), "exactly one branch more: " + added);
                TimelineId branch = added.iterator().next();
                Timeline t = env.storcon.tenant(env.tenant).timeline(branch).describe();
                assertEquals(Optional.of(env.timeline), t.ancestorTimelineId());
                assertEquals(Optional.of(expected), t.ancestorLsn(), "branched at the LSN of " + at);
                assertOneComputeServes(env.storcon, env.computes, env.tenant, branch);
            }
        }).onClose(env::close);
    }

    /** A bootstrapped 3-pageserver cluster without a compute hook, with one compute: a shard moved goes unnoticed by it. */
    static final class StaleComputes implements AutoCloseable {
        final NeonTestCluster cluster;
        final TenantId tenant = TenantId.generate();
        final StorageControllerClient storcon;
        final ComputeRegistry computes;
        final TimelineId timeline;
        final ComputeClient compute;
        final TenantShardId shard = TenantShardId.parse(tenant + "-0102");

        /** Secondaries warm up in 600 ms (60 s upstream time, scaled), so a graceful move is still under way when a recipe starts. */
        StaleComputes(UnaryOperator<NeonTestClusterBuilder> more) {
            cluster = more.apply(NeonTestCluster.builder().pageservers(3).safekeepers(1).secondaryWarmup(Duration.ofSeconds(60))).build().start();
            storcon = RecipeHarness.bootstrapped(cluster, tenant, TimelineId.generate());
            computes = new ComputeRegistry(s -> ComputeClient.create(cluster.newCompute().uri()), ComputeCtlConfig.empty());
            timeline = storcon.tenant(tenant).timelines().list().get(0).timelineId();
            compute = computes.start(ComputeSpec.minimal(tenant, timeline).withPlacement(Placements.of(storcon, tenant)));
        }

        /** Starts a graceful (prewarm) move of the shard to a node without a location of it; the compute goes stale at cut-over. */
        void moveBehindTheComputesBack() {
            ShardDescription s = CrashMatrix.settled(storcon, tenant).shard(shard).orElseThrow();
            NodeId to = storcon.nodes().list().stream().map(Node::id)
                    .filter(id -> !s.attachedNode().orElseThrow().equals(id) && !s.secondaryNodes().contains(id)).findFirst().orElseThrow();
            storcon.shard(shard).migrateTo(to, MigrationConfig.defaults());
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> shardRoutingRepair(@TempDir Path dir) {
        StaleComputes env = new StaleComputes(b -> b);
        var steps = ShardRoutingRepair.of(env.storcon, env.computes, env.tenant).steps();
        return CrashMatrix.tests(journals(dir), steps, Set.of("placement-settled"), () -> new CrashMatrix.Subject() {
            {
                env.moveBehindTheComputesBack();
                // Holds the move until the recipe is seen waiting for it, so "killed waiting" has a wait to kill in however
                // slowly the journal opens (a PostgreSQL journal on a loaded machine takes longer than the move).
                env.cluster.stickReconcile(env.shard);
            }

            @Override
            public void observe(RecipeEvent event) {
                if (event instanceof StillWaiting w && w.step().name().equals("placement-settled")) {
                    env.cluster.clearFaults();
                }
            }

            @Override
            public Recipe recipe(Journal journal) {
                return ShardRoutingRepair.of(env.storcon, env.computes, env.tenant).withWaitPolicy(RecipeHarness.WAIT).withJournal(journal);
            }

            @Override
            public void assertEndState() {
                CrashMatrix.assertSettled(env.storcon, env.tenant);
                assertOneComputeServes(env.storcon, env.computes, env.tenant, env.timeline);
                assertEquals(List.of(env.compute), env.computes.computesOf(env.tenant), "re-pointed, not replaced");
            }
        }).onClose(env::close);
    }

    @TestFactory
    Stream<DynamicTest> emergencyRecovery(@TempDir Path dir) {
        // The controller's start-up reconcile takes 900 ms (90 s upstream time, scaled): GET /ready answers 503 until then, long
        // enough for the first wait to be seen even when the journal is slow to open.
        StaleComputes env = new StaleComputes(b -> b.startupReconcile(Duration.ofSeconds(90)));
        var steps = EmergencyRecovery.of(env.storcon).withComputes(env.computes).steps();
        // Not killed inside: "pageservers-active" and "safekeepers-active" (a pageserver stopped in the outage leaves the
        // in-flight move with a last_error, which the next wait treats as failed, and the testkit cannot stop a
        // safekeeper), "computes" (it reports no progress; compute_ctl answers POST /configure once the compute runs).
        return CrashMatrix.tests(journals(dir), steps, Set.of("controller-ready", "placement-settled"), () -> new CrashMatrix.Subject() {
            {
                // The outage: a shard on its way to another node and the controller restarted, still in its start-up.
                env.moveBehindTheComputesBack();
                env.cluster.restartStorageController();
                // The move stays in flight (its reconcile hangs) until the recipe's placement wait un-sticks it, so that wait
                // is there to be killed in however long the controller's start-up and the journal take.
                env.cluster.stickReconcile(env.shard);
            }

            @Override
            public Recipe recipe(Journal journal) {
                // The held move counts as stuck after half a second (30 s by default), so the recipe un-sticks it itself.
                return EmergencyRecovery.of(env.storcon).withComputes(env.computes).withWaitPolicy(RecipeHarness.WAIT)
                        .withStuckReconcileAfter(Duration.ofMillis(500)).withJournal(journal);
            }

            @Override
            public void assertEndState() {
                List<Node> nodes = env.storcon.nodes().list();
                assertEquals(3, nodes.size());
                nodes.forEach(n -> {
                    assertEquals(NodeAvailability.ACTIVE, n.availability(), n.toString());
                    assertEquals(NodeSchedulingPolicy.ACTIVE, n.scheduling(), n.toString());
                });
                env.storcon.safekeepers().list().forEach(s -> assertEquals(SkSchedulingPolicy.ACTIVE, s.schedulingPolicy(), s.toString()));
                assertEquals(List.of(env.tenant), env.storcon.tenants().list().map(TenantDescription::tenantId).toList());
                CrashMatrix.assertSettled(env.storcon, env.tenant);
                assertOneComputeServes(env.storcon, env.computes, env.tenant, env.timeline);
                assertEquals(List.of(env.compute), env.computes.computesOf(env.tenant), "re-pointed, not replaced");
            }
        }).onClose(env::close);
    }
}
