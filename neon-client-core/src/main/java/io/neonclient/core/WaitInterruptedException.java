package io.neonclient.core;

import java.time.Duration;

/** The waiting thread was interrupted; the thread's interrupt flag is set again when this is thrown. */
public final class WaitInterruptedException extends WaitException {
    private static final long serialVersionUID = 1L;
    public WaitInterruptedException(String awaited, Object lastState, Duration elapsed, int polls, Throwable cause) {
        super("interrupted after " + seconds(elapsed) + " and " + plural(polls, "poll") + " waiting for " + awaited,
                awaited, lastState, elapsed, polls, cause);
    }
}
