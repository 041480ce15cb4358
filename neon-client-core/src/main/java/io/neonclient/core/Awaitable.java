package io.neonclient.core;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Something long-running that can be waited for (after fabric8's {@code Waitable}): a shard migration, a node drain,
 * a tenant creation, a timeline deletion, a compute starting. Every client's operation handles implement it, so
 * waiting reads the same everywhere:
 *
 * <pre>{@code
 * storcon.shard(shard).migrateTo(node).await(Duration.ofMinutes(10));
 * storcon.node(node).drain().await(WaitPolicy.defaults().withTimeout(Duration.ofMinutes(30)), System.out::println);
 * compute.running().await();
 * }</pre>
 *
 * Each {@code await} polls the resource with GET requests the handle documents (some handles repeat the operation
 * itself, e.g. a timeline DELETE) until the handle's acceptors call the observed state done. A state that can never
 * become done (a shard's {@code last_error}, a compute in {@code failed}) ends the wait at once. Transport failures and
 * 503s while polling count as "not yet".
 *
 * @param <T> what the wait returns once done (the final state, or an id when the resource is gone)
 */
public interface Awaitable<T> {

    /**
     * Waits with the client's {@link ClientConfig#waitPolicy()} (by default five minutes).
     *
     * @throws WaitTimeoutException     when the timeout passes first; {@link WaitException#lastState(Class)} is what was seen last
     * @throws WaitFailedException      at once when the operation can no longer succeed
     * @throws WaitInterruptedException when the thread is interrupted (the flag is set again)
     */
    T await();

    /**
     * Waits with the client's {@link ClientConfig#waitPolicy()} and this timeout in place of its own.
     *
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws WaitTimeoutException     when the timeout passes first, with the last state seen
     * @throws WaitFailedException      at once when the operation can no longer succeed
     * @throws WaitInterruptedException when the thread is interrupted
     */
    T await(Duration timeout);

    /**
     * Waits under {@code policy}, reporting every poll that is not final to {@code progress}. The progress is typed
     * {@code WaitProgress<?>}: its {@link WaitProgress#state()} is the handle's observed state, which is not always
     * {@code T} (a deletion observes the resource until it is gone); print it, or read {@link WaitProgress#reason()}.
     * {@code System.out::println} and {@code p -> log.info("{}", p)} both fit.
     *
     * @throws WaitTimeoutException     when the policy's timeout passes first, with the last state seen
     * @throws WaitFailedException      at once when the operation can no longer succeed
     * @throws WaitInterruptedException when the thread is interrupted
     */
    T await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress);
}
