package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitInterruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanTest {
    record Inputs(String tenant) {}

    /** What the toy's first step "finds": a record with a list, as recipes' step values are. */
    record Found(Lsn lsn, List<TimelineId> timelines) {}

    static final Step.Key<Found> FIND = Step.key("find", Found.class);
    static final Step.Key<TimelineId> BRANCH = Step.key("branch", TimelineId.class);
    static final Step.Key<List<TimelineId>> ARCHIVE = Step.listKey("archive", TimelineId.class);
    static final Step.Key<Integer> COUNT = Step.key("count", Integer.class);
    static final Step.Key<String> CHOSEN = Step.key("chosen", String.class);

    final TimelineId a = TimelineId.parse("11223344556677881122334455667788");
    final TimelineId b = TimelineId.parse("aabbccddeeff0011aabbccddeeff0011");
    /** Which bodies really ran, so tests can see what a resumed run repeats. */
    final List<String> executed = new ArrayList<>();
    final AtomicInteger failAt = new AtomicInteger(-1);
    /** Values later steps were handed, to check they are the typed values of the earlier ones. */
    final List<Object> handed = new ArrayList<>();

    private void ran(int n) {
        if (failAt.get() == n) {
            throw new IllegalStateException("boom at " + n);
        }
        executed.add("step-" + n);
    }

    Plan plan(String tenant) {
        return Plan.builder("Toy", new Inputs(tenant))
                .step(FIND, "find things", ctx -> {
                    ctx.waiting("looking");
                    ran(0);
                    return new Found(Lsn.parse("16/B374D848"), List.of(a, b));
                }, "nothing changed")
                .step(BRANCH, "branch", ctx -> {
                    Found found = ctx.result(FIND);
                    handed.add(found);
                    ctx.remember(CHOSEN, ctx.recall(CHOSEN).orElse("value-" + executed.size()));
                    ran(1);
                    return found.timelines().get(0);
                }, "the branch may exist; re-run")
                .step(ARCHIVE, "archive", ctx -> {
                    handed.add(ctx.result(BRANCH));
                    ran(2);
                    return ctx.result(FIND).timelines();
                }, "some archived; re-run")
                .step(COUNT, "count", ctx -> {
                    handed.add(ctx.result(ARCHIVE));
                    ran(3);
                    return ctx.result(ARCHIVE).size();
                }, "nothing to undo")
                .build();
    }

    @Test
    void steps_isThePlan_andRunsNothing() {
        List<Step<?>> steps = plan("t1").steps();
        assertEquals(List.of("find", "branch", "archive", "count"), steps.stream().map(Step::name).toList());
        assertEquals("find: find things", steps.get(0).toString());
        assertTrue(executed.isEmpty());
    }

    @Test
    void run_reportsStartedWaitingFinished_inOrder_withTypedValues() {
        List<RecipeEvent> events = new ArrayList<>();
        RecipeResult r = plan("t1").run(Journal.inMemory(), events::add);
        assertEquals(new Found(Lsn.parse("16/B374D848"), List.of(a, b)), r.value(FIND));
        assertEquals(a, r.value(BRANCH));
        assertEquals(List.of(a, b), r.value(ARCHIVE));
        assertEquals(2, r.value("count", Integer.class));
        assertEquals(List.of(a, List.of(a, b)), handed.subList(1, 3), "later steps get the earlier steps' typed values");
        assertEquals(9, events.size());
        assertInstanceOf(StepStarted.class, events.get(0));
        assertInstanceOf(StillWaiting.class, events.get(1));
        assertEquals(a, ((StepFinished) events.get(4)).value());
        assertEquals("[2/4] branch", events.get(3).toString());
    }

    @Test
    void failure_reportsNextAction_andARerunSkipsFinishedSteps_handingOnTheirTypedValues(@TempDir Path dir) {
        Path file = dir.resolve("toy.journal.json");
        failAt.set(2);
        List<RecipeEvent> events = new ArrayList<>();
        var e = assertThrows(RecipeFailedException.class, () -> plan("t1").run(Journal.file(file), events::add));
        assertEquals("Toy", e.recipe());
        assertEquals("archive", e.step());
        assertEquals("some archived; re-run", e.nextAction());
        assertEquals("boom at 2", ((StepFailed) events.getLast()).error());
        assertEquals(List.of("step-0", "step-1"), executed);

        // A new process: a fresh Plan and a journal read back from the file.
        failAt.set(-1);
        executed.clear();
        handed.clear();
        List<RecipeEvent> resumed = new ArrayList<>();
        RecipeResult r = plan("t1").run(Journal.file(file), resumed::add);
        assertEquals(List.of("step-2", "step-3"), executed, "finished steps are not repeated");
        assertEquals(List.of(a, List.of(a, b)), handed, "the journaled values reach the steps that run now, typed");
        assertEquals(new Found(Lsn.parse("16/B374D848"), List.of(a, b)), r.value(FIND));
        assertEquals(new StepSkipped(plan("t1").steps().get(1), a, true).toString(), resumed.get(1).toString());
        assertTrue(((StepSkipped) resumed.get(0)).fromJournal());
        assertEquals(Optional.of("\"value-1\""), Journal.file(file).note("branch/chosen"), "notes chosen earlier are kept");
    }

    @Test
    void aJournalOfAnotherRun_isRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.json");
        plan("t1").run(Journal.file(file), e -> { });
        var e = assertThrows(IllegalStateException.class, () -> plan("t2").run(Journal.file(file), ev -> { }));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("\"t1\"") && e.getMessage().contains("\"t2\""),
                e.getMessage());
        assertTrue(Files.readString(file).contains("\"count\""));
    }

    @Test
    void skipWhen_skipsTheBody_andJournalsItsValue() {
        Journal journal = Journal.inMemory();
        List<RecipeEvent> events = new ArrayList<>();
        Plan p = Plan.builder("Toy", new Inputs("t1"))
                .step(Step.of(BRANCH, "branch unless it exists", ctx -> fail("the body must not run"))
                        .skipWhen(ctx -> Optional.of(b))
                        .requires(ctx -> fail("a precondition is only checked when the body runs")))
                .build();
        assertEquals(b, p.run(journal, events::add).value(BRANCH));
        assertEquals(List.of(StepStarted.class, StepSkipped.class), events.stream().map(Object::getClass).toList());
        assertFalse(((StepSkipped) events.get(1)).fromJournal());
        assertEquals(Optional.of("\"" + b + "\""), journal.finished("branch"));
    }

    @Test
    void aFailedPrecondition_stopsBeforeTheBody() {
        Plan p = Plan.builder("Toy", new Inputs("t1"))
                .step(Step.of(COUNT, "count", ctx -> fail("the body must not run"))
                        .requires(ctx -> {
                            throw new IllegalStateException("node 3 is Offline");
                        })
                        .ifFailed("nothing changed; bring node 3 back"))
                .build();
        var e = assertThrows(RecipeFailedException.class, () -> p.run(Journal.inMemory(), ev -> { }));
        assertEquals("nothing changed; bring node 3 back", e.nextAction());
        assertTrue(e.getMessage().contains("node 3 is Offline"), e.getMessage());
    }

    @Test
    void aStepReturningNull_orAskingForALaterStep_fails() {
        Plan nulls = Plan.builder("Toy", new Inputs("t1")).step(COUNT, "count", ctx -> null, "re-run").build();
        var e = assertThrows(RecipeFailedException.class, () -> nulls.run(Journal.inMemory(), ev -> { }));
        assertTrue(e.getMessage().contains("returned null"), e.getMessage());

        Plan early = Plan.builder("Toy", new Inputs("t1")).step(COUNT, "count", ctx -> ctx.result(ARCHIVE).size(), "re-run").build();
        var f = assertThrows(RecipeFailedException.class, () -> early.run(Journal.inMemory(), ev -> { }));
        assertInstanceOf(IllegalArgumentException.class, f.getCause());
        assertTrue(f.getMessage().contains("'archive'"), f.getMessage());
    }

    @Test
    void resultValue_ofAnotherType_orAnUnknownStep_isRefused() {
        RecipeResult r = plan("t1").run(Journal.inMemory(), e -> { });
        var wrongType = assertThrows(IllegalArgumentException.class, () -> r.value("branch", Lsn.class));
        assertTrue(wrongType.getMessage().contains("TimelineId") && wrongType.getMessage().contains("Lsn"), wrongType.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> r.value(Step.key("nope", Integer.class)));
        assertTrue(unknown.getMessage().contains("[find, branch, archive, count]"), unknown.getMessage());
    }

    @Test
    void interruption_stopsTheRun_andSaysSo() {
        Journal journal = Journal.inMemory();
        Plan waiting = Plan.builder("Toy", new Inputs("interrupt"))
                .step(COUNT, "first", ctx -> 1, "nothing to undo")
                .step(CHOSEN, "waits", ctx -> {
                    throw new WaitInterruptedException("tenant settled", null, Duration.ofMillis(5), 1, new InterruptedException());
                }, "tenant is attached but may still be reconciling; re-run to continue")
                .build();
        List<RecipeEvent> events = new ArrayList<>();
        var e = assertThrows(RecipeFailedException.class, () -> waiting.run(journal, events::add));
        assertEquals("chosen", e.step());
        assertTrue(((StepFailed) events.getLast()).error().startsWith("interrupted"));
        assertEquals(Optional.of("1"), journal.finished("count"));
        assertTrue(journal.finished("chosen").isEmpty());
    }

    @Test
    void builderRejectsDuplicateAndMalformedNames() {
        var builder = Plan.builder("Toy", new Inputs("x")).step(COUNT, "a", ctx -> 1, "");
        assertThrows(IllegalArgumentException.class, () -> builder.step(Step.key("count", String.class), "again", ctx -> "", ""));
        var bad = assertThrows(IllegalArgumentException.class, () -> Step.key("Bad Id", String.class));
        assertTrue(bad.getMessage().contains("'Bad Id'"), bad.getMessage());
        assertThrows(IllegalStateException.class, () -> Plan.builder("Empty", new Inputs("x")).build());
    }
}
