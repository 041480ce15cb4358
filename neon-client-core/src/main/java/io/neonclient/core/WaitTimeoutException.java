package io.neonclient.core;

import java.time.Duration;

/** The deadline passed before the awaited state was reached; {@link #lastState(Class)} is what was seen last. */
public final class WaitTimeoutException extends WaitException {
    private static final long serialVersionUID = 1L;
    private final String lastReason;

    public WaitTimeoutException(String awaited, Object lastState, String lastReason, Duration elapsed, int polls) {
        super("timed out after " + seconds(elapsed) + " and " + plural(polls, "poll") + " waiting for " + awaited
                        + "; last seen: " + lastReason,
                awaited, lastState, elapsed, polls, null);
        this.lastReason = lastReason;
    }

    /** Why the last poll was not done yet, as the judge put it. */
    public String lastReason() {
        return lastReason;
    }
}
