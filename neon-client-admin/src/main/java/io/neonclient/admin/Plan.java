package io.neonclient.admin;

import io.neonclient.core.WaitInterruptedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The steps of a recipe and the code behind each, run in order against a {@link Journal}. Recipes build one in
 * their constructor; {@link #run} skips steps the journal shows as finished, records each step as it finishes,
 * and on failure reports {@link StepFailed} with the step's own account of where the cluster stands.
 */
public final class Plan {

    /** The work of one step; returns a one-line result for the journal and the {@link StepFinished} event. */
    @FunctionalInterface
    public interface Action {
        String run(StepContext context);
    }

    private record Entry(Step step, Action action, Function<RuntimeException, String> nextAction) {}

    private final String recipe;
    private final String fingerprint;
    private final List<Entry> entries;

    private Plan(Builder b) {
        this.recipe = b.recipe;
        this.fingerprint = b.fingerprint;
        this.entries = List.copyOf(b.entries);
    }

    /**
     * @param recipe      the recipe's name
     * @param fingerprint the inputs that make two runs "the same run" (tenant, target time, …), for the journal
     */
    public static Builder builder(String recipe, String fingerprint) {
        return new Builder(recipe, fingerprint);
    }

    /** The steps in order; sends nothing. */
    public List<Step> steps() {
        return entries.stream().map(Entry::step).toList();
    }

    /**
     * Runs the steps {@code journal} does not show as finished, in order, reporting events to {@code listener}.
     *
     * @throws RecipeFailedException at the first failing step, with the step's account of what to do next
     * @throws IllegalStateException if {@code journal} belongs to another recipe run
     */
    public RecipeResult run(Journal journal, Consumer<? super RecipeEvent> listener) {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(listener, "listener");
        journal.begin(recipe, fingerprint);
        long start = System.nanoTime();
        List<String> results = new ArrayList<>();
        int number = 0;
        for (Entry e : entries) {
            number++;
            var done = journal.result(e.step().id());
            if (done.isPresent()) {
                listener.accept(new StepSkipped(e.step(), done.get()));
                results.add(done.get());
                continue;
            }
            listener.accept(new StepStarted(e.step(), number, entries.size()));
            long stepStart = System.nanoTime();
            String result;
            try {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted before the step started");
                }
                result = e.action().run(new StepContext(e.step(), journal, listener));
            } catch (RuntimeException failure) {
                String next = e.nextAction().apply(failure);
                String why = failure instanceof WaitInterruptedException || Thread.currentThread().isInterrupted()
                        ? "interrupted: " + failure.getMessage() : failure.getMessage();
                listener.accept(new StepFailed(e.step(), why, next));
                throw new RecipeFailedException(recipe, e.step(), next, failure);
            }
            journal.finished(e.step().id(), result);
            results.add(result);
            listener.accept(new StepFinished(e.step(), Duration.ofNanos(System.nanoTime() - stepStart), result));
        }
        return new RecipeResult(recipe, results, Duration.ofNanos(System.nanoTime() - start));
    }

    public static final class Builder {
        private final String recipe;
        private final String fingerprint;
        private final List<Entry> entries = new ArrayList<>();

        private Builder(String recipe, String fingerprint) {
            this.recipe = Objects.requireNonNull(recipe, "recipe");
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        }

        /**
         * Adds a step.
         *
         * @param ifFailed where the cluster stands if this step fails, and how to continue
         */
        public Builder step(String id, String description, Action action, String ifFailed) {
            return step(id, description, action, failure -> ifFailed);
        }

        /** Adds a step whose failure advice depends on the failure. */
        public Builder step(String id, String description, Action action, Function<RuntimeException, String> ifFailed) {
            Step step = new Step(id, description);
            if (entries.stream().anyMatch(e -> e.step().id().equals(id))) {
                throw new IllegalArgumentException("step id '" + id + "' is used twice in " + recipe);
            }
            entries.add(new Entry(step, Objects.requireNonNull(action, "action"), Objects.requireNonNull(ifFailed, "ifFailed")));
            return this;
        }

        /** The plan; throws {@link IllegalStateException} when no step was added. */
        public Plan build() {
            if (entries.isEmpty()) {
                throw new IllegalStateException(recipe + " has no steps");
            }
            return new Plan(this);
        }
    }
}
