package io.neonclient.core.internal;

import io.neonclient.core.NeonException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TransportException;
import io.neonclient.core.UnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a request that is not safe to repeat blindly (a PUT or POST whose first attempt may have been applied even
 * though its answer was lost). After a 503/429 or a transport failure, {@code applied} reads the state first: a value
 * means the operation is done (by the lost attempt, or by a resend it made identical to what was applied) and is
 * returned; empty means nothing was applied and the request may be sent again, under the client's {@link RetryPolicy};
 * {@code applied} rethrows the failure it is given when the state shows the request can no longer mean what it meant.
 */
public final class CheckedResend {
    private CheckedResend() {}

    /**
     * Sends {@code once}; after a lost answer (503 or transport failure) asks {@code applied} whether the change took
     * effect before sending it again, up to {@code policy.maxAttempts()} times.
     */
    public static <T> T send(RetryPolicy policy, Supplier<T> once, Function<NeonException, Optional<T>> applied) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once.get();
            } catch (UnavailableException | TransportException lost) {
                Optional<T> done = applied.apply(lost);
                if (done.isPresent()) {
                    return done.get();
                }
                if (attempt >= policy.maxAttempts()) {
                    throw lost;
                }
                sleep(policy.backoff(attempt));
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }
}
