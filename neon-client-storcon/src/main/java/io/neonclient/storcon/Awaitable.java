package io.neonclient.storcon;

import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every operation handle shares: a probe (usually one GET), a judge of what the probed state means, and the
 * three {@code await} forms built on core's {@link Waiter}.
 *
 * @param <S> the state each poll observes
 * @param <R> what {@code await} returns once done
 */
abstract class Awaitable<S, R> {
    final StorageControllerClient client;

    Awaitable(StorageControllerClient client) {
        this.client = client;
    }

    /** What is awaited, for messages: {@code "shard … attached on node 2 and idle"}. */
    abstract String awaited();

    abstract S probe();

    abstract WaitVerdict judge(S state);

    abstract R result(S state);

    /**
     * Waits with the client's wait policy and this {@code timeout}.
     *
     * @throws io.neonclient.core.WaitTimeoutException when the timeout passes first; {@code lastState()} is what was seen last
     * @throws io.neonclient.core.WaitFailedException   at once when the operation can no longer succeed (e.g. a shard's {@code last_error})
     * @throws io.neonclient.core.WaitInterruptedException when the thread is interrupted
     */
    public R await(Duration timeout) {
        return await(client.waitFor(timeout), p -> { });
    }

    /** Waits with the client's wait policy (by default five minutes). */
    public R await() {
        return await(client.waitPolicy(), p -> { });
    }

    /**
     * Waits under {@code policy}, reporting every poll that is not final to {@code progress}.
     *
     * @throws io.neonclient.core.WaitTimeoutException with the last state seen, when the policy's timeout passes first
     * @throws io.neonclient.core.WaitFailedException   at once when the operation can no longer succeed
     */
    public R await(WaitPolicy policy, Consumer<? super WaitProgress<S>> progress) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(progress, "progress");
        S state = Waiter.await(awaited(), policy, this::probe, this::judge, progress);
        return result(state);
    }
}
