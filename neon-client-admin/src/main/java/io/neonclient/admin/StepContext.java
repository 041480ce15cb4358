package io.neonclient.admin;

import io.neonclient.core.WaitProgress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a running step can use: the typed values of the steps before it, notes in the journal (values a step records
 * while it works, so that a run killed inside the step makes the same choices when resumed), and progress reporting.
 */
public final class StepContext {
    private final String recipe;
    private final Step<?> step;
    private final Journal journal;
    private final Consumer<? super RecipeEvent> listener;
    private final Map<String, Object> earlier;
    private final long startNanos = System.nanoTime();

    StepContext(String recipe, Step<?> step, Journal journal, Consumer<? super RecipeEvent> listener, Map<String, Object> earlier) {
        this.recipe = recipe;
        this.step = step;
        this.journal = journal;
        this.listener = listener;
        this.earlier = earlier;
    }

    /** The step running. */
    public Step<?> step() {
        return step;
    }

    /**
     * The value an earlier step of the plan returned (in this run, or in the run the journal resumes).
     *
     * @throws IllegalArgumentException if no step before this one has that key
     */
    public <T> T result(Step.Key<T> key) {
        Objects.requireNonNull(key, "key");
        if (!earlier.containsKey(key.name())) {
            throw new IllegalArgumentException(recipe + ": step '" + step.name() + "' asks for '" + key.name()
                    + "', which is not a step before it (earlier steps: " + earlier.keySet() + ")");
        }
        return key.cast(earlier.get(key.name()));
    }

    /** A note this step (or the same step in an earlier, interrupted run) recorded with {@link #remember}. */
    public <T> Optional<T> recall(Step.Key<T> key) {
        Objects.requireNonNull(key, "key");
        return journal.note(noteName(key)).map(json -> StepValues.decode(key, json));
    }

    /** Records a note in the journal now, before the step finishes (e.g. what it is about to stop, so a resumed run restarts it). */
    public <T> void remember(Step.Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        journal.recordNote(noteName(key), StepValues.encode(key, value));
    }

    private String noteName(Step.Key<?> key) {
        return step.name() + "/" + key.name();
    }

    /** Reports progress as a {@link StillWaiting} event, e.g. {@code archived 2 of 5} or {@code shard …-0102 reconciling}. */
    public void waiting(String reason) {
        listener.accept(new StillWaiting(step, Objects.requireNonNull(reason, "reason"), Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    /** A progress callback for the clients' {@code await(policy, progress)} and {@code Waiter.await} that reports {@link StillWaiting}. */
    public Consumer<WaitProgress<?>> progress() {
        return p -> waiting(p.reason());
    }
}
