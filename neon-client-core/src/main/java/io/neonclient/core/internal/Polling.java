package io.neonclient.core.internal;

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
 * The one implementation behind every operation handle's {@link Awaitable}: a probe, a judge (usually
 * {@link io.neonclient.core.Acceptor#judge}), a mapping from the final state to the result, and the client's settings
 * for the default wait policy, all run by core's {@link Waiter}. Handles hold one and delegate the three {@code await}
 * forms to it.
 *
 * @param <S> the state each poll observes (null means the resource is gone)
 * @param <T> what {@code await} returns
 */
public final class Polling<S, T> implements Awaitable<T> {
    private final String awaited;
    private final ClientSettings settings;
    private final Supplier<? extends S> probe;
    private final Function<? super S, WaitVerdict> judge;
    private final Function<? super S, ? extends T> result;

    private Polling(String awaited, ClientSettings settings, Supplier<? extends S> probe,
                    Function<? super S, WaitVerdict> judge, Function<? super S, ? extends T> result) {
        this.awaited = Objects.requireNonNull(awaited, "awaited");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.result = Objects.requireNonNull(result, "result");
    }

    /**
     * Waits for {@code probe} to observe a state {@code judge} calls done, and returns that state.
     *
     * @param awaited what is awaited, for messages: {@code "shard … attached on node 2 and idle"}
     */
    public static <S> Polling<S, S> of(String awaited, ClientSettings settings, Supplier<? extends S> probe,
                                       Function<? super S, WaitVerdict> judge) {
        return new Polling<>(awaited, settings, probe, judge, Function.identity());
    }

    /** The same wait, its result passed through {@code mapping} (the final state is null when the judge accepted "gone"). */
    public <R> Polling<S, R> map(Function<? super T, ? extends R> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        return new Polling<S, R>(awaited, settings, probe, judge, s -> mapping.apply(result.apply(s)));
    }

    /** What is awaited, as the messages say it. */
    public String awaited() {
        return awaited;
    }

    @Override
    public T await() {
        return await(settings.waitPolicy(), p -> { });
    }

    @Override
    public T await(Duration timeout) {
        return await(settings.waitFor(timeout), p -> { });
    }

    @Override
    public T await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(progress, "progress");
        S state = Waiter.<S>await(awaited, policy, probe, judge, progress::accept);
        return result.apply(state);
    }

    @Override
    public String toString() {
        return "Awaitable[" + awaited + "]";
    }
}
