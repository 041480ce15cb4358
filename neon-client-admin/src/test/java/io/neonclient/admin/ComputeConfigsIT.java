package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeConfig;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.TestCompute;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compute provisioned from the config ComputeConfigs derives: the right pageservers per shard and every safekeeper. */
class ComputeConfigsIT {
    final TenantId tenant = TenantId.generate();
    final TimelineId timeline = TimelineId.generate();

    /** 3 pageservers and {@code safekeepers} safekeepers, each registered with its own pg port; a 4-shard Attached(1) tenant. */
    StorageControllerClient bootstrapped(NeonTestCluster cluster) {
        StorageControllerClient storcon = RecipeHarness.storcon(cluster);
        ClusterBootstrap.Builder b = ClusterBootstrap.builder(storcon).waitPolicy(RecipeHarness.WAIT);
        cluster.pageservers().forEach((id, uri) -> b.pageserver(RecipeHarness.register(cluster, id, uri)));
        cluster.safekeepers().forEach((id, uri) -> b.safekeeper(
                UpsertSafekeeperRequest.of(NodeId.of(id), "local", uri.getHost(), 5454 + id.intValue(), uri.getPort(), "az-a")));
        b.tenant(CreateTenantRequest.sharded(tenant, 4, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .timeline(timeline, 16).build().run(e -> { });
        return storcon;
    }

    static Map<String, Long> attachments(TenantDescription d) {
        Map<String, Long> out = new TreeMap<>();
        d.shards().forEach(s -> out.put(s.id().shardIndex().toString(), s.attachedNode().orElseThrow().value()));
        return out;
    }

    @Test
    void aComputeStartedFromTheConfigFile_readsEachShardFromItsAttachedPageserver_andListsTheTimelinesSafekeepers(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(3).timelinesOntoSafekeepers(true).build().start()) {
            var storcon = bootstrapped(cluster);
            var located = storcon.tenant(tenant).timeline(timeline).locate();
            assertEquals(3, located.skSet().size());

            ComputeConfig config = ComputeConfigs.forTimeline(storcon, tenant, timeline).build();
            var spec = config.spec().orElseThrow();
            assertEquals(List.of("127.0.0.1:5455", "127.0.0.1:5456", "127.0.0.1:5457"), spec.safekeeperConnstrings());
            assertEquals(java.util.Optional.of(located.generation()), spec.safekeepersGeneration());
            var info = spec.pageserverConnectionInfo().orElseThrow();
            assertEquals(4, info.shardCount());
            assertEquals(java.util.Optional.of(StripeSize.DEFAULT), info.stripeSize());
            assertEquals(4, spec.pageserverConnstring().orElseThrow().split(",").length);

            Path file = dir.resolve("config.json");
            config.writeTo(file);
            TestCompute compute = cluster.startCompute(file);
            assertEquals("running", compute.status(), compute.error());
            assertEquals(attachments(storcon.tenant(tenant).describe()), compute.pageservers());
            assertTrue(compute.write(8192).compareTo(io.neonclient.core.Lsn.parse("0/0")) > 0);

            // The same config through POST /configure on a compute started empty
            TestCompute empty = cluster.newCompute();
            var state = ComputeClient.create(empty.uri()).configure(config);
            assertEquals(ComputeStatus.RUNNING, state.status());
            assertEquals(attachments(storcon.tenant(tenant).describe()), empty.pageservers());
        }
    }

    @Test
    void aStaleConfig_pointsAShardAtAPageserverThatNoLongerHoldsIt_andTheComputeFails_untilRebuilt(@TempDir Path dir) {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(3).build().start()) {
            var storcon = bootstrapped(cluster);
            Path stale = dir.resolve("stale.json");
            ComputeConfigs.forTimeline(storcon, tenant, timeline).build().writeTo(stale);
            var shard = storcon.tenant(tenant).describe().shards().stream().filter(s -> s.id().shardNumber() == 1).findFirst().orElseThrow();
            NodeId from = shard.attachedNode().orElseThrow();
            NodeId to = shard.secondaryNodes().getFirst();
            ShardMove.of(storcon, shard.id(), to).withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            assertEquals(to.value(), attachments(storcon.tenant(tenant).describe()).get("0104"));

            TestCompute failed = cluster.startCompute(stale);
            assertEquals("failed", failed.status());
            assertTrue(failed.error().contains("shard 0104") && failed.error().contains("not attached to pageserver " + from.value()),
                    failed.error());

            Path fresh = dir.resolve("fresh.json");
            ComputeConfigs.forTimeline(storcon, tenant, timeline).build().writeTo(fresh);
            TestCompute running = cluster.startCompute(fresh);
            assertEquals("running", running.status(), running.error());
            assertEquals(to.value(), running.pageservers().get("0104"));
        }
    }

    @Test
    void withoutAControllerManagedSet_everyRegisteredSafekeeperIsListed_andTwoAreNoQuorum() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(2).build().start()) {
            StorageControllerClient storcon = RecipeHarness.storcon(cluster);
            ClusterBootstrap.Builder b = ClusterBootstrap.builder(storcon).waitPolicy(RecipeHarness.WAIT);
            cluster.pageservers().forEach((id, uri) -> b.pageserver(RecipeHarness.register(cluster, id, uri)));
            cluster.safekeepers().forEach((id, uri) -> b.safekeeper(
                    UpsertSafekeeperRequest.of(NodeId.of(id), "local", uri.getHost(), 5454 + id.intValue(), uri.getPort(), "az-a")));
            b.tenant(CreateTenantRequest.unsharded(tenant)).timeline(timeline, 16).build().run(e -> { });

            var two = assertThrows(IllegalStateException.class, () -> ComputeConfigs.forTimeline(storcon, tenant, timeline).build());
            assertTrue(two.getMessage().contains("would have 2 safekeepers [1, 2]: a majority of 2 is both"), two.getMessage());

            var one = assertThrows(IllegalStateException.class,
                    () -> ComputeConfigs.forTimeline(storcon, tenant, timeline).safekeepers(List.of(NodeId.of(2))).build());
            assertTrue(one.getMessage().contains("would have 1 safekeeper [2]"), one.getMessage());

            var dev = ComputeConfigs.forTimeline(storcon, tenant, timeline).safekeepers(List.of(NodeId.of(2))).allowSingleSafekeeper()
                    .storageAuthToken("tenant-jwt").build().spec().orElseThrow();
            assertEquals(List.of("127.0.0.1:5456"), dev.safekeeperConnstrings());
            assertEquals(java.util.Optional.of(0L), dev.safekeepersGeneration());
            assertEquals(java.util.Optional.of("tenant-jwt"), dev.storageAuthToken());
            assertEquals(0, dev.pageserverConnectionInfo().orElseThrow().shardCount());
        }
    }

    @Test
    void givenSafekeepersThatDifferFromTheTimelinesSet_areRefused() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(4).timelinesOntoSafekeepers(true).build().start()) {
            var storcon = bootstrapped(cluster);
            var set = storcon.tenant(tenant).timeline(timeline).locate().skSet();
            List<NodeId> fewer = set.subList(0, 2);
            var e = assertThrows(IllegalStateException.class,
                    () -> ComputeConfigs.forTimeline(storcon, tenant, timeline).safekeepers(fewer).build());
            assertTrue(e.getMessage().contains("differ from timeline " + tenant + "/" + timeline + "'s set " + set), e.getMessage());
        }
    }

    @Test
    void badBuilderInput_isRefusedBeforeAnythingIsSent() {
        var storcon = StorageControllerClient.create("http://127.0.0.1:1");
        var b = ComputeConfigs.forTimeline(storcon, tenant, timeline);
        var empty = assertThrows(IllegalArgumentException.class, () -> b.safekeepers(List.of()));
        assertTrue(empty.getMessage().startsWith("safekeepers must name at least one safekeeper"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.safekeepers(List.of(NodeId.of(1), NodeId.of(1))));
        assertThrows(IllegalArgumentException.class, () -> b.storageAuthToken(" "));
        var other = assertThrows(IllegalArgumentException.class,
                () -> b.spec(io.neonclient.compute.ComputeSpec.minimal(TenantId.generate(), timeline)));
        assertTrue(other.getMessage().contains("expected " + tenant + "/" + timeline), other.getMessage());
        assertThrows(NullPointerException.class, () -> ComputeConfigs.forTimeline(storcon, null, timeline));
    }
}
