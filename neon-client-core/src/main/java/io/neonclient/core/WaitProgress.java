package io.neonclient.core;

import java.time.Duration;

/**
 * Reported to a wait's progress callback after every poll that was not final.
 *
 * @param awaited what is being waited for
 * @param poll    1-based poll count
 * @param elapsed time since the wait started
 * @param state   the state just observed (null when the probe failed transiently)
 * @param reason  why it is not done yet
 * @param <T>     the observed state's type
 */
public record WaitProgress<T>(String awaited, int poll, Duration elapsed, T state, String reason) {

    @Override
    public String toString() {
        return "waiting for " + awaited + " (" + WaitException.seconds(elapsed) + ", poll " + poll + "): " + reason;
    }
}
