package io.neonclient.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A wait did not end in the state asked for: it ran out of time ({@link WaitTimeoutException}), saw a state
 * that can never become the one asked for ({@link WaitFailedException}), or was interrupted
 * ({@link WaitInterruptedException}). Each carries what was awaited, the last state observed, the time spent
 * and the number of polls.
 */
public abstract sealed class WaitException extends NeonException
        permits WaitTimeoutException, WaitFailedException, WaitInterruptedException {
    private static final long serialVersionUID = 1L;

    private final String awaited;
    private final transient Object lastState;
    private final Duration elapsed;

    WaitException(String message, String awaited, Object lastState, Duration elapsed, int polls, Throwable cause) {
        super(message, null, polls, cause);
        this.awaited = awaited;
        this.lastState = lastState;
        this.elapsed = elapsed;
    }

    /** What was being waited for, e.g. {@code shard 5187…-0102 attached on node 1 and idle}. */
    public String awaited() {
        return awaited;
    }

    /**
     * The last state the probe returned (the client's record, e.g. a {@code ShardDescription}), untyped; null if none
     * was observed. Prefer {@link #lastState(Class)}.
     */
    public Object lastState() {
        return lastState;
    }

    /**
     * The last state the probe returned, when one was observed and it is a {@code type}: Java forbids generic
     * exceptions, so the caller names the type the handle documents, e.g.
     * {@code e.lastState(ShardDescription.class).map(ShardDescription::lastError)}.
     */
    public <T> Optional<T> lastState(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return type.isInstance(lastState) ? Optional.of(type.cast(lastState)) : Optional.empty();
    }

    /** Time from the start of the wait to the exception. */
    public Duration elapsed() {
        return elapsed;
    }

    /** How many times the state was polled. */
    public int polls() {
        return attempts();
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
