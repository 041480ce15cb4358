package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterBootstrapIT {
    static final List<String> STEPS = List.of("controller-ready", "pageservers-active", "safekeepers-active", "tenant-created",
            "timeline-created", "tenant-settled");

    static NeonTestCluster cluster() {
        return NeonTestCluster.builder().pageservers(2).safekeepers(3).build().start();
    }

    static void assertBootstrapped(StorageControllerClient storcon, TenantId tenant, TimelineId timeline) {
        storcon.nodes().list().forEach(n -> assertEquals(NodeAvailability.ACTIVE, n.availability(), n.toString()));
        storcon.safekeepers().list().forEach(s -> assertEquals(SkSchedulingPolicy.ACTIVE, s.schedulingPolicy(), s.toString()));
        TenantDescription d = storcon.tenant(tenant).describe();
        assertEquals(PlacementPolicy.attached(1), d.policy());
        assertEquals(2, d.shards().size());
        d.shards().forEach(s -> {
            assertTrue(s.attachedNode().isPresent(), s.toString());
            assertEquals(1, s.secondaryNodes().size(), s.toString());
            assertFalse(s.secondaryNodes().contains(s.attachedNode().get()), s.toString());
        });
        assertTrue(storcon.tenant(tenant).timelines().list().stream().anyMatch(t -> t.timelineId().equals(timeline)));
    }

    @Test
    void run_onAFreshCluster_registersNodesAndSafekeepers_createsAndSettlesTheTenant() {
        try (NeonTestCluster cluster = cluster()) {
            var storcon = RecipeHarness.storcon(cluster);
            TenantId tenant = TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            ClusterBootstrap bootstrap = RecipeHarness.bootstrap(cluster, storcon, tenant, timeline).build();
            assertEquals(STEPS, bootstrap.steps().stream().map(Step::name).toList());
            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult result = bootstrap.run(events::add);
            assertBootstrapped(storcon, tenant, timeline);
            assertEquals(STEPS, List.copyOf(result.values().keySet()));
            assertEquals(2, result.value(ClusterBootstrap.PAGESERVERS_ACTIVE).registered().size());
            assertEquals(2, result.value(ClusterBootstrap.TENANT_CREATED).size());
            assertEquals(timeline, result.value(ClusterBootstrap.TIMELINE_CREATED));
            assertEquals(WaitVerdict.done(), result.value(ClusterBootstrap.TENANT_SETTLED).settledVerdict());
            assertEquals(6, events.stream().filter(e -> e instanceof StepFinished).count());
        }
    }

    @Test
    void rerun_onABootstrappedCluster_changesNothing() {
        try (NeonTestCluster cluster = cluster()) {
            TenantId tenant = TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            TenantDescription before = storcon.tenant(tenant).describe();
            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult again = RecipeHarness.bootstrap(cluster, storcon, tenant, timeline).build().run(events::add);
            assertEquals(new ClusterBootstrap.Registered(List.of(), List.of(NodeId.of(1), NodeId.of(2))),
                    again.value(ClusterBootstrap.PAGESERVERS_ACTIVE));
            assertEquals(before.shards().stream().map(s -> s.id()).toList(), again.value(ClusterBootstrap.TENANT_CREATED));
            assertEquals(List.of("tenant-created", "timeline-created"), events.stream()
                    .filter(e -> e instanceof StepSkipped s && !s.fromJournal()).map(e -> e.step().name()).toList(), "found, not created again");
            TenantDescription after = storcon.tenant(tenant).describe();
            assertEquals(before.shards().stream().map(s -> s.attachedNode()).toList(), after.shards().stream().map(s -> s.attachedNode()).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"controller-ready", "pageservers-active", "safekeepers-active", "tenant-created", "timeline-created"})
    void crashAfterAStep_thenRerunWithTheJournal_resumesAndConverges(String step, @TempDir Path dir) {
        try (NeonTestCluster cluster = cluster()) {
            var storcon = RecipeHarness.storcon(cluster);
            TenantId tenant = TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            Path journal = dir.resolve("bootstrap.json");
            var crash = new RecipeHarness.Crash(RecipeHarness.finished(step));
            RecipeHarness.runUntilCrash(RecipeHarness.bootstrap(cluster, storcon, tenant, timeline).journal(Journal.file(journal)).build(), crash);

            List<RecipeEvent> resumed = new ArrayList<>();
            RecipeHarness.bootstrap(cluster, storcon, tenant, timeline).journal(Journal.file(journal)).build().run(resumed::add);
            long skipped = resumed.stream().filter(e -> e instanceof StepSkipped).count();
            assertEquals(STEPS.indexOf(step) + 1, skipped, "steps finished before the crash are not repeated");
            assertBootstrapped(storcon, tenant, timeline);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pageservers-active", "safekeepers-active", "tenant-created", "timeline-created", "tenant-settled"})
    void crashInsideAStep_afterItsRequestWasSent_rerunConverges(String step, @TempDir Path dir) {
        try (NeonTestCluster cluster = cluster()) {
            var storcon = RecipeHarness.storcon(cluster);
            TenantId tenant = TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            Path journal = dir.resolve("bootstrap.json");
            var crash = new RecipeHarness.Crash(RecipeHarness.midStep(step));
            RecipeHarness.runUntilCrash(RecipeHarness.bootstrap(cluster, storcon, tenant, timeline).journal(Journal.file(journal)).build(), crash);
            RecipeHarness.bootstrap(cluster, storcon, tenant, timeline).journal(Journal.file(journal)).build().run(e -> { });
            assertBootstrapped(storcon, tenant, timeline);
        }
    }

    @Test
    void unschedulableTenant_stopsAtTenantCreated_sayingWhatCapacityIsMissing() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(0).build().start()) {
            var storcon = RecipeHarness.storcon(cluster);
            TenantId tenant = TenantId.generate();
            var b = ClusterBootstrap.builder(storcon).waitPolicy(RecipeHarness.WAIT)
                    .pageserver(RecipeHarness.register(cluster, 1, cluster.pageserver(1)))
                    .tenant(io.neonclient.storcon.CreateTenantRequest.sharded(tenant, 2, io.neonclient.core.StripeSize.DEFAULT)
                            .withPlacement(PlacementPolicy.attached(1)));
            Journal journal = Journal.inMemory();
            var e = assertThrows(RecipeFailedException.class, () -> b.journal(journal).build().run(ev -> { }));
            assertEquals("tenant-created", e.step());
            assertTrue(e.nextAction().contains("schedulable"), e.nextAction());
            assertTrue(storcon.node(NodeId.of(1)).describe().availability() == NodeAvailability.ACTIVE);
        }
    }
}
