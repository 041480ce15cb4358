package io.neonclient.core;

import java.time.Duration;

/**
 * The awaited state can no longer be reached (a shard reporting {@code last_error}, a compute in
 * {@code failed}, a timeline {@code Broken}); raised at once, before the deadline.
 */
public final class WaitFailedException extends WaitException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public WaitFailedException(String awaited, Object lastState, String reason, Duration elapsed, int polls) {
        super("gave up waiting for " + awaited + " after " + seconds(elapsed) + " and " + plural(polls, "poll") + ": " + reason,
                awaited, lastState, elapsed, polls, null);
        this.reason = reason;
    }

    /** Why the wait failed, as the judge put it. */
    public String reason() {
        return reason;
    }
}
