package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The crash matrix of one recipe: for every step a run killed right after it finished (the listener throws on its
 * {@link StepFinished}, after the journal recorded it), and for every step that waits a run killed inside the wait
 * (the listener throws on the step's first {@link StillWaiting}); each then run again by a new recipe instance on
 * the same journal file, as a restarted process would, and the end state read back from the cluster.
 */
final class CrashMatrix {
    private CrashMatrix() {}

    /** One case's set-up on the shared cluster: the recipe bound to a journal, and the end state read from the cluster. */
    interface Subject extends AutoCloseable {
        Recipe recipe(Journal journal);

        void assertEndState();

        /** Sees every event of both runs before the kill does (e.g. to bring a stopped process back when a step starts). */
        default void observe(RecipeEvent event) {
        }

        /** Releases what the case started for itself (a cluster of its own); by default nothing. */
        @Override
        default void close() {
        }
    }

    /** Where a run is killed. */
    record KillPoint(String step, boolean inWait) {
        @Override
        public String toString() {
            return inWait ? "killed waiting in " + step : "killed after " + step;
        }

        Predicate<RecipeEvent> when() {
            return inWait ? e -> e instanceof StillWaiting w && w.step().name().equals(step) : RecipeHarness.finished(step);
        }
    }

    /** Every kill point of a plan: after each step, and inside each of {@code waits} (steps of the plan). */
    static List<KillPoint> killPoints(List<Step<?>> steps, Set<String> waits) {
        List<String> names = steps.stream().map(Step::name).toList();
        if (!names.containsAll(waits)) {
            throw new IllegalArgumentException("waits " + waits + " are not all steps of " + names);
        }
        List<KillPoint> out = new ArrayList<>();
        for (String step : names) {
            if (waits.contains(step)) {
                out.add(new KillPoint(step, true));
            }
            out.add(new KillPoint(step, false));
        }
        return out;
    }

    /** One named test per kill point; each gets a fresh subject from {@code fresh} and its own journal file in {@code dir}. */
    static Stream<DynamicTest> tests(Path dir, List<Step<?>> steps, Set<String> waits, Supplier<Subject> fresh) {
        return tests(run -> Journal.file(dir.resolve(run + ".json")), steps, waits, fresh);
    }

    /**
     * As {@link #tests(Path, List, Set, Supplier)}, with journals from {@code journals}: called twice with the same run
     * name (once per process), it must open the same journal, as another store (a database table) would.
     */
    static Stream<DynamicTest> tests(Function<String, Journal> journals, List<Step<?>> steps, Set<String> waits, Supplier<Subject> fresh) {
        List<String> names = steps.stream().map(Step::name).toList();
        AtomicInteger n = new AtomicInteger();
        return killPoints(steps, waits).stream().map(kill -> DynamicTest.dynamicTest(kill.toString(), () -> {
            try (Subject subject = fresh.get()) {
                killAndResume(journals, "run-" + n.incrementAndGet(), names, kill, subject);
            } catch (Exception | AssertionError e) {
                // Build reports name dynamic tests by number: say which case failed.
                throw new AssertionError(kill + ": " + e.getMessage(), e);
            }
        }));
    }

    private static void killAndResume(Function<String, Journal> journals, String run, List<String> steps, KillPoint kill, Subject subject) {
        RecipeHarness.runUntilCrash(subject.recipe(journals.apply(run)), new RecipeHarness.Crash(e -> {
            subject.observe(e);
            return kill.when().test(e);
        }));

        // A new process: a new recipe instance, the journal opened again.
        List<RecipeEvent> events = new ArrayList<>();
        subject.recipe(journals.apply(run)).run(e -> {
            subject.observe(e);
            events.add(e);
        });
        int killed = steps.indexOf(kill.step());
        List<String> finishedBefore = steps.subList(0, kill.inWait() ? killed : killed + 1);
        assertEquals(finishedBefore, events.stream().filter(e -> e instanceof StepSkipped s && s.fromJournal())
                .map(e -> e.step().name()).toList(), "the resumed run takes exactly the steps finished before the kill from the journal");
        subject.assertEndState();
    }

    /** Waits until the controller has nothing left to do for {@code tenant}, so a case starts from a settled cluster. */
    static TenantDescription settled(StorageControllerClient storcon, TenantId tenant) {
        return Waiter.await("tenant " + tenant + " settled", RecipeHarness.WAIT, () -> storcon.tenant(tenant).describe(),
                TenantDescription::settledVerdict, p -> { });
    }

    /** The tenant's placement is settled: every shard attached with its secondaries, idle, no error. */
    static void assertSettled(StorageControllerClient storcon, TenantId tenant) {
        TenantDescription d = storcon.tenant(tenant).describe();
        assertEquals(WaitVerdict.done(), d.settledVerdict(), d.toString());
    }
}
