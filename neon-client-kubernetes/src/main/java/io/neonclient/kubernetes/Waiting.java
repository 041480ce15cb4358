package io.neonclient.kubernetes;

import io.neonclient.core.Awaitable;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link Awaitable} behind this module's handles: a probe, a judge (built from {@code Acceptor}s), the default
 * policy of the client's {@code ClientConfig}, and a mapping from the final state to the result; run by core's
 * {@link Waiter}, as every other client's handles are.
 */
final class Waiting<S, T> implements Awaitable<T> {
    private final String awaited;
    private final WaitPolicy defaults;
    private final Supplier<? extends S> probe;
    private final Function<? super S, WaitVerdict> judge;
    private final Function<? super S, ? extends T> result;

    Waiting(String awaited, WaitPolicy defaults, Supplier<? extends S> probe, Function<? super S, WaitVerdict> judge,
            Function<? super S, ? extends T> result) {
        this.awaited = awaited;
        this.defaults = defaults;
        this.probe = probe;
        this.judge = judge;
        this.result = result;
    }

    String awaited() {
        return awaited;
    }

    @Override
    public T await() {
        return await(defaults, p -> { });
    }

    @Override
    public T await(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive, got " + timeout);
        }
        return await(defaults.withTimeout(timeout), p -> { });
    }

    @Override
    public T await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(progress, "progress");
        return result.apply(Waiter.<S>await(awaited, policy, probe, judge, progress::accept));
    }
}
