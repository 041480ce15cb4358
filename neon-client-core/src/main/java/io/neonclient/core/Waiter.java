package io.neonclient.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one waiting primitive (after AWS SDK v2's waiters): poll a probe, let a judge say
 * {@link WaitVerdict.Done done}, {@link WaitVerdict.Pending pending} or {@link WaitVerdict.Failed failed},
 * sleep per a {@link WaitPolicy}, and report progress. Client handles such as {@code ShardMigration.await}
 * wrap it; applications rarely call it directly.
 *
 * <p>A probe that throws {@link UnavailableException} or {@link TransportException} counts as a pending
 * poll (a controller restarting or failing over is normal while waiting); any other exception ends the
 * wait and is rethrown.
 */
public final class Waiter {
    private Waiter() {}

    /**
     * Polls until done.
     *
     * @param awaited  what is awaited, for messages: {@code "tenant 5187… detached"}
     * @param probe    reads the current state (usually one GET)
     * @param judge    decides what that state means
     * @param progress called after every poll that is not final; may be a no-op
     * @return the state the judge called done
     * @throws WaitTimeoutException     when the policy's timeout passes first, with the last state seen
     * @throws WaitFailedException      at once when the judge says failed
     * @throws WaitInterruptedException when the thread is interrupted (the flag is set again)
     */
    public static <T> T await(String awaited, WaitPolicy policy, Supplier<? extends T> probe,
                              Function<? super T, WaitVerdict> judge, Consumer<? super WaitProgress<T>> progress) {
        Objects.requireNonNull(awaited, "awaited");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(progress, "progress");
        long start = System.nanoTime();
        long deadline = start + policy.timeout().toNanos();
        T last = null;
        String lastReason = "no state observed yet";
        for (int poll = 1; ; poll++) {
            T state;
            WaitVerdict verdict;
            try {
                state = probe.get();
                verdict = Objects.requireNonNull(judge.apply(state), "judge returned null");
            } catch (UnavailableException | TransportException transientFailure) {
                state = null;
                verdict = WaitVerdict.pending("probe failed, will retry: " + transientFailure.getMessage());
            }
            if (state != null) {
                last = state;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            switch (verdict) {
                case WaitVerdict.Done done -> {
                    return state;
                }
                case WaitVerdict.Failed failed -> throw new WaitFailedException(awaited, last, failed.reason(), elapsed, poll);
                case WaitVerdict.Pending pending -> lastReason = pending.reason();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new WaitTimeoutException(awaited, last, lastReason, elapsed, poll);
            }
            progress.accept(new WaitProgress<>(awaited, poll, elapsed, state, lastReason));
            long sleep = Math.min(jittered(policy.delayAfter(poll).toNanos(), policy.jitter()), remaining);
            try {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted between polls");
                }
                TimeUnit.NANOSECONDS.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException(awaited, last, Duration.ofNanos(System.nanoTime() - start), poll, e);
            }
        }
    }

    /** {@link #await(String, WaitPolicy, Supplier, Function, Consumer)} without progress reports. */
    public static <T> T await(String awaited, WaitPolicy policy, Supplier<? extends T> probe,
                              Function<? super T, WaitVerdict> judge) {
        return await(awaited, policy, probe, judge, p -> { });
    }

    static long jittered(long nanos, double jitter) {
        if (jitter == 0 || nanos == 0) {
            return nanos;
        }
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return (long) (nanos * factor);
    }
}
