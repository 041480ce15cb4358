package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.internal.Json;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.testkit.Component;
import io.neonclient.testkit.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TimeTravel on the testkit with a compute hook and computes: rewind, refusals, crashes and 503 bursts. */
class TimeTravelIT {
    static final List<String> STEPS = List.of("check", "stop-computes", "detach", "time-travel", "reattach", "verify", "start-computes");
    static final String TIME_TRAVEL_ROUTE = "/v1/tenant/*/time_travel_remote_storage";
    static final String POLICY_ROUTE = "/control/v1/tenant/*/policy";

    /** A good state (WAL up to {@code good}, committed before {@code goodTime}) followed by a bad write. */
    record History(Lsn good, Instant goodTime, Lsn bad) {}

    static History history(ComputeCluster env) {
        env.advance(Duration.ofMinutes(1));
        Lsn good = env.write(16 * 1024);
        env.advance(Duration.ofMinutes(1));
        Instant goodTime = env.now();
        env.advance(Duration.ofMinutes(1));
        Lsn bad = env.write(1024 * 1024);
        env.advance(Duration.ofMinutes(1));
        return new History(good, goodTime, bad);
    }

    static TimeTravel recipe(ComputeCluster env, History h) {
        return TimeTravel.of(env.storcon, env.tenant).to(h.goodTime()).withComputes(env.computes).withClock(env.clock())
                .withWaitPolicy(RecipeHarness.WAIT);
    }

    static Lsn lastRecordLsn(ComputeCluster env) {
        return env.storcon.tenant(env.tenant).timeline(env.timeline).describe().lastRecordLsn();
    }

    /** The controller still holds the tenant Attached(1), every shard attached and idle: nothing was changed. */
    static void assertUntouched(ComputeCluster env, ComputeClient compute, History h) {
        TenantDescription d = env.storcon.tenant(env.tenant).describe();
        assertEquals(PlacementPolicy.attached(1), d.policy());
        d.shards().forEach(s -> assertTrue(s.attachedNode().isPresent(), s.toString()));
        assertEquals(ComputeStatus.RUNNING, compute.status().status());
        assertEquals(List.of(compute), env.computes.computesOf(env.tenant));
        assertEquals(h.bad(), lastRecordLsn(env));
    }

    /** Rewound to the good LSN, Attached(1) and settled, one compute running on the timeline against the current placement. */
    static void assertRewoundAndServed(ComputeCluster env, History h) {
        TenantDescription d = env.storcon.tenant(env.tenant).describe();
        assertEquals(PlacementPolicy.attached(1), d.policy(), "the tenant is never left detached");
        assertEquals(WaitVerdict.done(), Conditions.settled(d), d.toString());
        assertEquals(h.good(), lastRecordLsn(env), "timeline back at the LSN of " + h.goodTime());

        List<ComputeClient> computes = env.computes.computesOf(env.tenant);
        assertEquals(1, computes.size(), "exactly one compute restarted: " + computes);
        ComputeClient c = computes.get(0);
        var state = c.status();
        assertEquals(ComputeStatus.RUNNING, state.status(), state.toString());
        assertEquals(Optional.of(env.timeline), state.timelineId());
        ComputeSpec expected = ComputeSpec.minimal(env.tenant, env.timeline).withPlacement(Placements.of(env.storcon, env.tenant));
        assertEquals(expected.pageserverConnstring(), env.computes.specOf(c).orElseThrow().pageserverConnstring(),
                "configured against the controller's current placement");
    }

    /** Reports whether the controller holds the tenant attached (false: detached or dropped after a detach). */
    static boolean attached(ComputeCluster env) {
        try {
            return env.storcon.tenant(env.tenant).describe().policy() instanceof PlacementPolicy.Attached;
        } catch (NotFoundException dropped) {
            return false;
        }
    }

    @Test
    void run_rewindsTheTimeline_andRestartsTheComputeAgainstTheCurrentPlacement() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient before = env.startCompute();
            History h = history(env);
            TimeTravel travel = recipe(env, h);
            assertEquals(STEPS, travel.steps().stream().map(Step::name).toList());

            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult r = travel.run(events::add);

            assertRewoundAndServed(env, h);
            assertEquals(ComputeStatus.TERMINATED, before.status().status(), "the old compute was stopped before the detach");
            assertNotEquals(before, env.computes.computesOf(env.tenant).get(0));
            assertEquals(new TimeTravel.Snapshot(PlacementPolicy.attached(1), List.of(2), List.of(env.timeline), List.of()), r.value(TimeTravel.CHECK));
            assertEquals(List.of(env.timeline), r.value(TimeTravel.STOP_COMPUTES));
            TimeTravel.Rewind rewind = r.value(TimeTravel.TIME_TRAVEL);
            assertEquals(h.goodTime().truncatedTo(ChronoUnit.SECONDS), rewind.travelTo());
            assertTrue(rewind.doneIfAfter().isAfter(r.value(TimeTravel.DETACH)), rewind.toString());
            assertEquals(List.of(2), rewind.shardCounts());
            assertEquals(WaitVerdict.done(), r.value(TimeTravel.REATTACH).settledVerdict());
            assertEquals(2, r.value(TimeTravel.VERIFY), "one timeline on each of 2 shards");
            assertEquals(List.of(env.timeline), r.value(TimeTravel.START_COMPUTES));
            assertEquals(STEPS.size(), events.stream().filter(e -> e instanceof StepFinished).count());
            // WAL written after the rewind continues from the good LSN.
            assertTrue(env.write(8).compareTo(h.good()) > 0);
        }
    }

    @Test
    void assumingNoComputes_rewindsWithoutStartingAny() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            History h = history(env);
            RecipeResult r = TimeTravel.of(env.storcon, env.tenant).to(h.goodTime()).assumingNoComputes().withClock(env.clock())
                    .withWaitPolicy(RecipeHarness.WAIT).run(e -> { });
            assertEquals(h.good(), lastRecordLsn(env));
            assertEquals(PlacementPolicy.attached(1), env.storcon.tenant(env.tenant).describe().policy());
            assertEquals(List.of(), r.value(TimeTravel.STOP_COMPUTES));
            assertEquals(List.of(), r.value(TimeTravel.START_COMPUTES));
            assertTrue(env.computes.computesOf(env.tenant).isEmpty());
        }
    }

    @Test
    void aTimeInTheFuture_isRefusedBeforeAnythingChanges() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient compute = env.startCompute();
            History h = history(env);
            List<RecipeEvent> events = new ArrayList<>();
            var e = assertThrows(RecipeFailedException.class, () -> TimeTravel.of(env.storcon, env.tenant)
                    .to(env.now().plus(Duration.ofMinutes(5))).withComputes(env.computes).withClock(env.clock())
                    .withWaitPolicy(RecipeHarness.WAIT).run(events::add));
            assertEquals("check", e.step());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(e.getMessage().contains("not in the past"), e.getMessage());
            assertEquals("nothing changed", e.nextAction());
            assertTrue(events.stream().noneMatch(ev -> ev instanceof StepStarted && !ev.step().name().equals("check")), events.toString());
            assertUntouched(env, compute, h);
        }
    }

    @Test
    void withoutComputesOrAssumingNone_isRefusedBeforeAnythingChanges() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient compute = env.startCompute();
            History h = history(env);
            var e = assertThrows(RecipeFailedException.class, () -> TimeTravel.of(env.storcon, env.tenant).to(h.goodTime())
                    .withClock(env.clock()).withWaitPolicy(RecipeHarness.WAIT).run(ev -> { }));
            assertEquals("check", e.step());
            assertTrue(e.getMessage().contains("withComputes") && e.getMessage().contains("assumingNoComputes"), e.getMessage());
            assertUntouched(env, compute, h);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "stop-computes", "detach", "time-travel", "reattach", "verify"})
    void crashAfterAStep_thenRerunWithTheJournal_convergesAndReattaches(String step, @TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            History h = history(env);
            Path journal = dir.resolve("time-travel.json");
            RecipeHarness.runUntilCrash(recipe(env, h).withJournal(Journal.file(journal)),
                    new RecipeHarness.Crash(RecipeHarness.finished(step)));

            List<RecipeEvent> resumed = new ArrayList<>();
            recipe(env, h).withJournal(Journal.file(journal)).run(resumed::add);
            assertEquals(STEPS.indexOf(step) + 1, resumed.stream().filter(e -> e instanceof StepSkipped).count(),
                    "steps finished before the crash are not repeated");
            assertRewoundAndServed(env, h);
        }
    }

    /** The process dies after the step's waiting began (its request was sent), before the journal recorded it. */
    @ParameterizedTest
    @ValueSource(strings = {"detach", "reattach"})
    void crashWhileAStepWaits_rerunConverges(String step, @TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            History h = history(env);
            Path journal = dir.resolve("time-travel.json");
            RecipeHarness.runUntilCrash(recipe(env, h).withJournal(Journal.file(journal)),
                    new RecipeHarness.Crash(RecipeHarness.midStep(step)));
            recipe(env, h).withJournal(Journal.file(journal)).run(e -> { });
            assertRewoundAndServed(env, h);
        }
    }

    /**
     * The process dies inside the step after its effect reached the cluster but before the journal recorded the step:
     * simulated by crashing after the step and removing it from the journal file, so the re-run repeats it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"check", "stop-computes", "detach", "time-travel", "reattach", "verify"})
    void crashInsideAStep_afterItsEffect_rerunRepeatsItAndConverges(String step, @TempDir Path dir) throws IOException {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            History h = history(env);
            Path journal = dir.resolve("time-travel.json");
            RecipeHarness.runUntilCrash(recipe(env, h).withJournal(Journal.file(journal)),
                    new RecipeHarness.Crash(RecipeHarness.finished(step)));
            forget(journal, step);

            List<RecipeEvent> resumed = new ArrayList<>();
            recipe(env, h).withJournal(Journal.file(journal)).run(resumed::add);
            assertTrue(resumed.stream().anyMatch(e -> e instanceof StepFinished && e.step().name().equals(step)), "the step ran again");
            assertRewoundAndServed(env, h);
        }
    }

    /** Removes a step's "finished" record from a journal file, as if the process died just before writing it. */
    static void forget(Path journal, String step) throws IOException {
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(journal));
        assertNotNull(((ObjectNode) root.get("steps")).remove(step), "journal recorded " + step);
        Files.write(journal, Json.MAPPER.writeValueAsBytes(root));
    }

    @Test
    void a503BurstOnTimeTravel_isRetried_andTheRecipeFinishes() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            History h = history(env);
            env.cluster.inject(Component.STORAGE_CONTROLLER, "PUT", TIME_TRAVEL_ROUTE, Fault.unavailable(3));
            recipe(env, h).run(e -> { });
            assertRewoundAndServed(env, h);
        }
    }

    @Test
    void a503BurstOnThePolicyRoute_atDetachAndReattach_isRetried_andTheRecipeFinishes() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            History h = history(env);
            env.cluster.inject(Component.STORAGE_CONTROLLER, "PUT", POLICY_ROUTE, Fault.unavailable(3));
            Consumer<RecipeEvent> burstAtReattach = e -> {
                if (e instanceof StepStarted s && s.step().name().equals("reattach")) {
                    env.cluster.inject(Component.STORAGE_CONTROLLER, "PUT", POLICY_ROUTE, Fault.unavailable(3));
                }
            };
            recipe(env, h).run(burstAtReattach);
            assertRewoundAndServed(env, h);
        }
    }

    @Test
    void timeTravelUnavailableForGood_stopsDetachedSayingHowToReattach_andARerunFinishes(@TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            History h = history(env);
            Path journal = dir.resolve("time-travel.json");
            env.cluster.inject(Component.STORAGE_CONTROLLER, "PUT", TIME_TRAVEL_ROUTE, Fault.unavailable(1000));
            var e = assertThrows(RecipeFailedException.class, () -> recipe(env, h).withJournal(Journal.file(journal)).run(ev -> { }));
            assertEquals("time-travel", e.step());
            assertTrue(e.nextAction().contains("detached"), e.nextAction());
            assertTrue(e.nextAction().contains("updatePolicy"), "says how to re-attach by hand: " + e.nextAction());
            assertFalse(attached(env), "the tenant is detached, as the failure says");

            env.cluster.clearFaults();
            recipe(env, h).withJournal(Journal.file(journal)).run(ev -> { });
            assertRewoundAndServed(env, h);
        }
    }

    @Test
    void policyUnavailableForGoodAtDetach_stopsWithANextStep_andARerunRestartsTheStoppedCompute(@TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient compute = env.startCompute();
            History h = history(env);
            Path journal = dir.resolve("time-travel.json");
            env.cluster.inject(Component.STORAGE_CONTROLLER, "PUT", POLICY_ROUTE, Fault.unavailable(1000));
            var e = assertThrows(RecipeFailedException.class, () -> recipe(env, h).withJournal(Journal.file(journal)).run(ev -> { }));
            assertEquals("detach", e.step());
            assertTrue(e.nextAction().contains("updatePolicy"), e.nextAction());
            assertTrue(attached(env), "the detach never reached the controller");
            assertEquals(ComputeStatus.TERMINATED, compute.status().status());

            env.cluster.clearFaults();
            recipe(env, h).withJournal(Journal.file(journal)).run(ev -> { });
            assertRewoundAndServed(env, h);
        }
    }

    @Test
    void policyUnavailableForGoodAtReattach_stopsWithANextStep_andARerunReattaches(@TempDir Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            History h = history(env);
            Path journal = dir.resolve("time-travel.json");
            Consumer<RecipeEvent> outageAtReattach = ev -> {
                if (ev instanceof StepStarted s && s.step().name().equals("reattach")) {
                    env.cluster.inject(Component.STORAGE_CONTROLLER, "PUT", POLICY_ROUTE, Fault.unavailable(1000));
                }
            };
            var e = assertThrows(RecipeFailedException.class,
                    () -> recipe(env, h).withJournal(Journal.file(journal)).run(outageAtReattach));
            assertEquals("reattach", e.step());
            assertTrue(e.nextAction().contains("re-run"), e.nextAction());
            assertFalse(attached(env));

            env.cluster.clearFaults();
            recipe(env, h).withJournal(Journal.file(journal)).run(ev -> { });
            assertRewoundAndServed(env, h);
        }
    }
}
