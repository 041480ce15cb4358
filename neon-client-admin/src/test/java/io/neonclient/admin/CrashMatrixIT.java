package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.Safekeeper;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash matrix ({@link CrashMatrix}) of the recipes that change nodes and placement: {@link ClusterBootstrap},
 * {@link ShardMove}, {@link NodeEvacuation} and {@link NodeRemoval}. Each recipe shares one testkit cluster across its
 * kill points (a new tenant or another node per case), except the bootstrap, which needs an empty cluster per case.
 * {@link ClusterReport} is read-only and has no steps to kill.
 */
class CrashMatrixIT {

    /** Where each kill point's journal lives: a file per run here; {@code …PostgresIT} runs the same matrix on Postgres. */
    java.util.function.Function<String, Journal> journals(Path dir) {
        return run -> Journal.file(dir.resolve(run + ".json"));
    }

    static NeonTestCluster cluster(int pageservers) {
        return NeonTestCluster.builder().pageservers(pageservers).safekeepers(1).build().start();
    }

    /** Reconciles of 100 ms (10 s upstream time, scaled), so that a drain or fill is still running when first polled. */
    static NeonTestCluster slowCluster(int pageservers) {
        return NeonTestCluster.builder().pageservers(pageservers).safekeepers(1).reconcileLatency(Duration.ofSeconds(10)).build().start();
    }

    static NeonTestCluster bootstrapCluster() {
        return cluster(2);
    }

    /** A new 2-shard {@code Attached(1)} tenant, settled. */
    static TenantId newTenant(StorageControllerClient storcon) {
        TenantId tenant = TenantId.generate();
        storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)));
        CrashMatrix.settled(storcon, tenant);
        return tenant;
    }

    @TestFactory
    Stream<DynamicTest> clusterBootstrap(@TempDir Path dir) {
        var steps = List.<Step<?>>of();
        try (NeonTestCluster probe = bootstrapCluster()) {
            steps = RecipeHarness.bootstrap(probe, RecipeHarness.storcon(probe), TenantId.generate(), TimelineId.generate()).build().steps();
        }
        // Registering nodes needs a cluster that does not know them yet: one cluster per case. Not killed inside:
        // "safekeepers-active" (a new safekeeper turns Active on the next heartbeat, which the testkit cannot hold back,
        // so whether the first poll sees it Activating is chance) and "tenant-settled" (the testkit answers the
        // timeline create once every shard is attached and idle).
        return CrashMatrix.tests(journals(dir), steps, Set.of("pageservers-active"), () -> new CrashMatrix.Subject() {
            final NeonTestCluster cluster = bootstrapCluster();
            final StorageControllerClient storcon = RecipeHarness.storcon(cluster);
            final TenantId tenant = TenantId.generate();
            final TimelineId timeline = TimelineId.generate();
            final AtomicBoolean started = new AtomicBoolean();

            {
                // The pageservers come up only once the bootstrap registers them, so the registration waits for them.
                cluster.pageservers().keySet().forEach(cluster::stopPageserver);
            }

            @Override
            public void observe(RecipeEvent event) {
                if (event instanceof StepStarted s && s.step().name().equals("pageservers-active") && started.compareAndSet(false, true)) {
                    later(() -> cluster.pageservers().keySet().forEach(cluster::startPageserver));
                }
            }

            @Override
            public Recipe recipe(Journal journal) {
                return RecipeHarness.bootstrap(cluster, storcon, tenant, timeline).journal(journal).build();
            }

            @Override
            public void assertEndState() {
                List<Node> nodes = storcon.nodes().list();
                assertEquals(List.of(NodeId.of(1), NodeId.of(2)), nodes.stream().map(Node::id).sorted().toList());
                nodes.forEach(n -> {
                    assertEquals(NodeAvailability.ACTIVE, n.availability(), n.toString());
                    assertEquals(NodeSchedulingPolicy.ACTIVE, n.scheduling(), n.toString());
                });
                List<Safekeeper> sks = storcon.safekeepers().list();
                assertEquals(List.of(NodeId.of(1)), sks.stream().map(Safekeeper::id).toList());
                assertEquals(SkSchedulingPolicy.ACTIVE, sks.get(0).schedulingPolicy());
                assertEquals(List.of(tenant), storcon.tenants().list().map(TenantDescription::tenantId).toList(), "one tenant, created once");
                TenantDescription d = storcon.tenant(tenant).describe();
                assertEquals(PlacementPolicy.attached(1), d.policy());
                assertEquals(2, d.shardCount());
                CrashMatrix.assertSettled(storcon, tenant);
                assertEquals(List.of(timeline), storcon.tenant(tenant).timelines().list().stream().map(t -> t.timelineId()).toList(),
                        "one timeline, created once");
            }

            @Override
            public void close() {
                cluster.close();
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> shardMove(@TempDir Path dir) {
        NeonTestCluster cluster = cluster(3);
        TenantId unused = TenantId.generate();
        StorageControllerClient storcon = RecipeHarness.bootstrapped(cluster, unused, TimelineId.generate());
        var steps = ShardMove.of(storcon, TenantShardId.parse(unused + "-0102"), NodeId.of(1)).overridingScheduler().steps();
        return CrashMatrix.tests(journals(dir), steps, Set.of("settled"), () -> new CrashMatrix.Subject() {
            final TenantId tenant = newTenant(storcon);
            final TenantShardId shard = TenantShardId.parse(tenant + "-0102");
            final ShardDescription before = storcon.tenant(tenant).describe().shard(shard).orElseThrow();
            // A node holding no location of the shard: the move needs a warm-up there (prewarm), so the last step waits.
            final NodeId target = storcon.nodes().list().stream().map(Node::id)
                    .filter(id -> !before.attachedNode().orElseThrow().equals(id) && !before.secondaryNodes().contains(id)).findFirst().orElseThrow();

            @Override
            public Recipe recipe(Journal journal) {
                return ShardMove.of(storcon, shard, target).overridingScheduler().withWaitPolicy(RecipeHarness.WAIT).withJournal(journal);
            }

            @Override
            public void assertEndState() {
                TenantDescription d = storcon.tenant(tenant).describe();
                ShardDescription s = d.shard(shard).orElseThrow();
                assertEquals(Optional.of(target), s.attachedNode(), s.toString());
                assertTrue(s.isIdle(), s.toString());
                d.shards().forEach(x -> assertEquals(ShardSchedulingPolicy.ESSENTIAL, x.schedulingPolicy(), "pinned: " + x));
                CrashMatrix.assertSettled(storcon, tenant);
            }
        }).onClose(cluster::close);
    }

    /** Runs {@code action} 100 ms from now on another thread: a process the operator brings back a moment later. */
    static void later(Runnable action) {
        Thread.startVirtualThread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            action.run();
        });
    }

    @TestFactory
    Stream<DynamicTest> nodeEvacuation(@TempDir Path dir) {
        NeonTestCluster cluster = slowCluster(3);
        TenantId tenant = TenantId.generate();
        StorageControllerClient storcon = RecipeHarness.bootstrapped(cluster, tenant, TimelineId.generate());
        var steps = NodeEvacuation.of(storcon, NodeId.of(1)).steps();
        // "balanced" waits too (reconcileUntilIdle), but reports no progress to kill it on; killed after it, it is covered.
        return CrashMatrix.tests(journals(dir), steps, Set.of("drain", "restart", "fill"), () -> new CrashMatrix.Subject() {
            // A node holding an attached shard, so the drain and the fill have work to wait for.
            final NodeId node = CrashMatrix.settled(storcon, tenant).shards().get(0).attachedNode().orElseThrow();
            final int locationsBefore = locations(storcon, node);

            @Override
            public Recipe recipe(Journal journal) {
                // The pageserver comes back a moment after it is stopped, so the restart step waits for its re-attach.
                return NodeEvacuation.of(storcon, node).withWaitPolicy(RecipeHarness.WAIT).withRestarter(n -> {
                    cluster.stopPageserver(n.value());
                    later(() -> cluster.startPageserver(n.value()));
                }).withJournal(journal);
            }

            @Override
            public void assertEndState() {
                Node n = storcon.node(node).describe();
                assertEquals(NodeSchedulingPolicy.ACTIVE, n.scheduling(), n.toString());
                assertEquals(NodeAvailability.ACTIVE, n.availability(), n.toString());
                assertTrue(locationsBefore > 0, "the node held shards before the evacuation");
                assertTrue(locations(storcon, node) > 0, "the fill brought shards back to node " + node);
                CrashMatrix.assertSettled(storcon, tenant);
            }
        }).onClose(cluster::close);
    }

    static int locations(StorageControllerClient storcon, NodeId node) {
        return storcon.node(node).shards().shards().size();
    }

    @TestFactory
    Stream<DynamicTest> nodeRemoval(@TempDir Path dir) {
        // Each case removes another node: 7 pageservers leave 2 after the 5 kill points (check, drain and its wait,
        // delete and its wait), enough for Attached(1). An 8-shard tenant besides the 2-shard one puts attached and
        // secondary locations on every node.
        NeonTestCluster cluster = slowCluster(7);
        TenantId small = TenantId.generate();
        StorageControllerClient storcon = RecipeHarness.bootstrapped(cluster, small, TimelineId.generate());
        TenantId large = TenantId.generate();
        storcon.tenants().create(CreateTenantRequest.sharded(large, 8, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)));
        List<TenantId> tenants = List.of(small, large);
        var steps = NodeRemoval.of(storcon, NodeId.of(1)).steps();
        return CrashMatrix.tests(journals(dir), steps, Set.of("drain", "delete"), () -> new CrashMatrix.Subject() {
            final List<ShardDescription> shards = tenants.stream().flatMap(t -> CrashMatrix.settled(storcon, t).shards().stream()).toList();
            // A node with an attached location (the drain moves it) and a secondary one (the delete moves it), so both wait.
            final NodeId node = storcon.nodes().list().stream().map(Node::id)
                    .filter(id -> shards.stream().anyMatch(s -> s.attachedNode().filter(id::equals).isPresent())
                            && shards.stream().anyMatch(s -> s.secondaryNodes().contains(id)))
                    .findFirst().orElseThrow(() -> new AssertionError("no node holds both an attached and a secondary location: " + shards));
            final int nodesBefore = storcon.nodes().list().size();

            @Override
            public Recipe recipe(Journal journal) {
                return NodeRemoval.of(storcon, node).withWaitPolicy(RecipeHarness.WAIT).withJournal(journal);
            }

            @Override
            public void assertEndState() {
                assertThrows(NotFoundException.class, () -> storcon.node(node).describe());
                List<Node> nodes = storcon.nodes().list();
                assertEquals(nodesBefore - 1, nodes.size(), "exactly node " + node + " is gone: " + nodes);
                nodes.forEach(n -> assertEquals(NodeSchedulingPolicy.ACTIVE, n.scheduling(), "the others are untouched: " + n));
                for (TenantId t : tenants) {
                    CrashMatrix.assertSettled(storcon, t);
                    storcon.tenant(t).describe().shards().forEach(s -> {
                        assertNotEquals(Optional.of(node), s.attachedNode(), s.toString());
                        assertFalse(s.secondaryNodes().contains(node), s.toString());
                    });
                }
            }
        }).onClose(cluster::close);
    }
}
