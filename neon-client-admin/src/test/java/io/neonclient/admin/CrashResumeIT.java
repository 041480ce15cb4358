package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.MigrationConfig;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For the recipes whose own ITs do not already do it: a run "killed" after each step and inside each step (after its
 * request was sent), then run again with the same journal file, reaches the same end state.
 */
class CrashResumeIT {

    /** A scenario: set-up on a bootstrapped cluster returns the recipe factory and the end-state check. */
    record Scenario(String name, BiFunction<Fixture, Journal, Recipe> recipe, Consumer<Fixture> endState) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A bootstrapped 3-pageserver cluster with a 2-shard Attached(1) tenant and a compute. */
    static final class Fixture implements AutoCloseable {
        final NeonTestCluster cluster = NeonTestCluster.builder().pageservers(3).safekeepers(1).build().start();
        final TenantId tenant = TenantId.generate();
        final TimelineId timeline = TimelineId.generate();
        final StorageControllerClient storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
        final ComputeRegistry computes = new ComputeRegistry(s -> ComputeClient.create(cluster.newCompute().uri().toString()),
                ComputeCtlConfig.empty());
        final ComputeClient compute = computes.start(ComputeSpec.minimal(tenant, timeline).withPlacement(Placements.of(storcon, tenant)));
        final TenantShardId shard = TenantShardId.parse(tenant + "-0102");
        NodeId target;

        NodeId attached() {
            return storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow();
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    static Stream<Arguments> cases() {
        List<Scenario> scenarios = List.of(
                new Scenario("ShardMove", (f, j) -> {
                    if (f.target == null) {
                        f.target = f.storcon.nodes().list().stream().map(n -> n.id()).filter(id -> !id.equals(f.attached())).findFirst().orElseThrow();
                    }
                    return ShardMove.of(f.storcon, f.shard, f.target).withWaitPolicy(RecipeHarness.WAIT).withJournal(j);
                }, f -> assertEquals(f.target, f.attached())),
                new Scenario("NodeEvacuation", (f, j) -> NodeEvacuation.of(f.storcon, NodeId.of(3)).withWaitPolicy(RecipeHarness.WAIT)
                        .withRestarter(node -> {
                            f.cluster.stopPageserver(node.value());
                            f.cluster.startPageserver(node.value());
                        }).withJournal(j), f -> {
                            var n = f.storcon.node(NodeId.of(3)).describe();
                            assertEquals(io.neonclient.storcon.NodeSchedulingPolicy.ACTIVE, n.scheduling());
                            assertEquals(io.neonclient.storcon.NodeAvailability.ACTIVE, n.availability());
                            assertEquals(io.neonclient.core.WaitVerdict.done(), Conditions.settled(f.storcon.tenant(f.tenant).describe()));
                        }),
                new Scenario("NodeRemoval", (f, j) -> NodeRemoval.of(f.storcon, NodeId.of(3)).withWaitPolicy(RecipeHarness.WAIT).withJournal(j),
                        f -> assertThrows(NotFoundException.class, () -> f.storcon.node(NodeId.of(3)).describe())),
                new Scenario("ShardRoutingRepair", (f, j) -> {
                    if (f.target == null) {
                        // Move a shard behind the compute's back (no hook in this cluster), so the compute is stale.
                        f.target = f.storcon.nodes().list().stream().map(n -> n.id()).filter(id -> !id.equals(f.attached())).findFirst().orElseThrow();
                        f.storcon.shard(f.shard).migrateTo(f.target, MigrationConfig.defaults().withPrewarm(false)).await(RecipeHarness.WAIT, p -> { });
                    }
                    return ShardRoutingRepair.of(f.storcon, f.computes, f.tenant).withWaitPolicy(RecipeHarness.WAIT).withJournal(j);
                }, f -> {
                    ComputeSpec spec = f.computes.specOf(f.compute).orElseThrow();
                    assertEquals(spec, spec.withPlacement(Placements.of(f.storcon, f.tenant)), "compute points at the current placement");
                }),
                new Scenario("EmergencyRecovery", (f, j) -> EmergencyRecovery.of(f.storcon).withComputes(f.computes)
                        .withWaitPolicy(RecipeHarness.WAIT).withJournal(j),
                        f -> assertEquals(io.neonclient.core.WaitVerdict.done(), Conditions.settled(f.storcon.tenant(f.tenant).describe()))));
        List<Arguments> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            try (Fixture probe = new Fixture()) {
                for (Step<?> step : s.recipe().apply(probe, Journal.inMemory()).steps()) {
                    out.add(Arguments.of(s, step.name(), true));
                    out.add(Arguments.of(s, step.name(), false));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: crash (after step = {2}) at {1}")
    @MethodSource("cases")
    void killedAtAnyPoint_rerunWithTheJournalConverges(Scenario scenario, String step, boolean afterStep, @TempDir Path dir) {
        try (Fixture f = new Fixture()) {
            Path journal = dir.resolve("journal.json");
            var crash = new RecipeHarness.Crash(afterStep ? RecipeHarness.finished(step) : RecipeHarness.midStep(step));
            RecipeHarness.runUntilCrash(scenario.recipe().apply(f, Journal.file(journal)), crash);
            scenario.recipe().apply(f, Journal.file(journal)).run(e -> { });
            scenario.endState().accept(f);
        }
    }
}
