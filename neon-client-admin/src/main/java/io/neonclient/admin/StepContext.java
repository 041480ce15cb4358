package io.neonclient.admin;

import io.neonclient.core.WaitProgress;
import java.time.Duration;
import java.util.function.Consumer;

/** What a running step can use: the journal, and a way to report that it is waiting. */
public final class StepContext {
    private final Step step;
    private final Journal journal;
    private final Consumer<? super RecipeEvent> listener;
    private final long startNanos = System.nanoTime();

    StepContext(Step step, Journal journal, Consumer<? super RecipeEvent> listener) {
        this.step = step;
        this.journal = journal;
        this.listener = listener;
    }

    public Step step() {
        return step;
    }

    public Journal journal() {
        return journal;
    }

    /** Reports a {@link StillWaiting} event. */
    public void waiting(String reason) {
        listener.accept(new StillWaiting(step, reason, Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    /** A progress callback for the clients' {@code await(policy, progress)} helpers that reports {@link StillWaiting}. */
    public <T> Consumer<WaitProgress<T>> progress() {
        return p -> waiting(p.reason());
    }
}
