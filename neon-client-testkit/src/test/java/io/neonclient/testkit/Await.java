package io.neonclient.testkit;

import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls with a millisecond policy (core's Waiter) until the state matches. */
final class Await {
    private static final WaitPolicy POLICY = WaitPolicy.defaults().withTimeout(Duration.ofSeconds(20))
            .withDelays(Duration.ofMillis(5), Duration.ofMillis(50));

    private Await() {}

    static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        return Waiter.await(what, POLICY, probe, s -> done.test(s) ? WaitVerdict.done() : WaitVerdict.pending(String.valueOf(s)), p -> { });
    }
}
