package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.WaitInterruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanTest {

    /** A toy "cluster": a counter per step, so tests can see which steps really ran. */
    final List<String> executed = new ArrayList<>();
    final AtomicInteger failAt = new AtomicInteger(-1);

    Plan plan() {
        Plan.Builder b = Plan.builder("Toy", "tenant=t1");
        for (int i = 0; i < 4; i++) {
            int n = i;
            b.step("step-" + n, "does thing " + n, ctx -> {
                if (failAt.get() == n) {
                    throw new IllegalStateException("boom at " + n);
                }
                ctx.waiting("thing " + n + " settling");
                ctx.journal().put("chosen-" + n, ctx.journal().value("chosen-" + n).orElse("value-" + executed.size()));
                executed.add("step-" + n);
                return "did " + n;
            }, "cluster is fine up to step " + n + "; re-run to continue");
        }
        return b.build();
    }

    @Test
    void steps_isThePlan_andRunsNothing() {
        List<Step> steps = plan().steps();
        assertEquals(4, steps.size());
        assertEquals("step-0: does thing 0", steps.get(0).toString());
        assertTrue(executed.isEmpty());
    }

    @Test
    void run_reportsStartedWaitingFinished_inOrder() {
        List<RecipeEvent> events = new ArrayList<>();
        RecipeResult r = plan().run(Journal.inMemory(), events::add);
        assertEquals(List.of("did 0", "did 1", "did 2", "did 3"), r.results());
        assertEquals(12, events.size());
        assertInstanceOf(StepStarted.class, events.get(0));
        assertInstanceOf(StillWaiting.class, events.get(1));
        assertInstanceOf(StepFinished.class, events.get(2));
        assertEquals("[2/4] does thing 1", events.get(3).toString());
        assertEquals("did 3", ((StepFinished) events.get(11)).result());
    }

    @Test
    void failure_reportsNextAction_andRerunWithTheSameJournalResumesAtThatStep(@TempDir Path dir) {
        Path file = dir.resolve("toy.journal.json");
        failAt.set(2);
        List<RecipeEvent> events = new ArrayList<>();
        var e = assertThrows(RecipeFailedException.class, () -> plan().run(Journal.file(file), events::add));
        assertEquals("step-2", e.step().id());
        assertEquals("cluster is fine up to step 2; re-run to continue", e.nextAction());
        StepFailed failed = (StepFailed) events.get(events.size() - 1);
        assertEquals("boom at 2", failed.error());
        assertEquals(List.of("step-0", "step-1"), executed);

        // A new process: a fresh Plan and a journal read back from the file.
        failAt.set(-1);
        executed.clear();
        List<RecipeEvent> resumed = new ArrayList<>();
        RecipeResult r = plan().run(Journal.file(file), resumed::add);
        assertEquals(List.of("step-2", "step-3"), executed, "finished steps are not repeated");
        assertEquals(List.of("did 0", "did 1", "did 2", "did 3"), r.results());
        assertInstanceOf(StepSkipped.class, resumed.get(0));
        assertEquals("did 0", ((StepSkipped) resumed.get(0)).result());
        assertEquals("value-0", Journal.file(file).value("chosen-0").orElseThrow(), "values chosen earlier are kept");
    }

    @Test
    void aJournalOfAnotherRun_isRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.json");
        plan().run(Journal.file(file), e -> { });
        Plan other = Plan.builder("Toy", "tenant=t2").step("x", "x", ctx -> "x", "nothing to undo").build();
        var e = assertThrows(IllegalStateException.class, () -> other.run(Journal.file(file), ev -> { }));
        assertTrue(e.getMessage().contains("tenant=t1") && e.getMessage().contains("tenant=t2"), e.getMessage());
        assertTrue(Files.readString(file).contains("\"step-3\""));
    }

    @Test
    void interruption_stopsTheRun_andSaysSo() throws Exception {
        Journal journal = Journal.inMemory();
        Plan waiting = Plan.builder("Toy", "interrupt")
                .step("first", "first", ctx -> "ok", "nothing to undo")
                .step("wait", "waits", ctx -> {
                    throw new WaitInterruptedException("tenant settled", null, Duration.ofMillis(5), 1, new InterruptedException());
                }, "tenant is attached but may still be reconciling; re-run to continue")
                .step("last", "last", ctx -> "ok", "nothing to undo")
                .build();
        List<RecipeEvent> events = new ArrayList<>();
        var e = assertThrows(RecipeFailedException.class, () -> waiting.run(journal, events::add));
        assertEquals("wait", e.step().id());
        assertTrue(((StepFailed) events.get(events.size() - 1)).error().startsWith("interrupted"));
        assertEquals("ok", journal.result("first").orElseThrow());
        assertTrue(journal.result("wait").isEmpty());
    }

    @Test
    void builderRejectsDuplicateAndMalformedIds() {
        var b = Plan.builder("Toy", "x").step("a", "a", ctx -> "", "");
        assertThrows(IllegalArgumentException.class, () -> b.step("a", "again", ctx -> "", ""));
        assertThrows(IllegalArgumentException.class, () -> b.step("Bad Id", "x", ctx -> "", ""));
        assertThrows(IllegalStateException.class, () -> Plan.builder("Empty", "x").build());
    }
}
