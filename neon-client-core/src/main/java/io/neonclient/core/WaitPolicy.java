package io.neonclient.core;

import java.time.Duration;

/**
 * How a wait polls: give up after {@code timeout}; first poll at once, then wait {@code firstDelay},
 * growing ×1.5 per poll up to {@code maxDelay}, each delay spread by ±{@code jitter}.
 *
 * @param timeout    the deadline, measured from the start of the wait
 * @param firstDelay delay after the first poll
 * @param maxDelay   ceiling of the delay between polls
 * @param jitter     0 (none) to 1
 */
public record WaitPolicy(Duration timeout, Duration firstDelay, Duration maxDelay, double jitter) {

    public WaitPolicy {
        nonNegative("timeout", timeout);
        nonNegative("firstDelay", firstDelay);
        nonNegative("maxDelay", maxDelay);
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("WaitPolicy maxDelay (" + maxDelay + ") must be >= firstDelay (" + firstDelay + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("WaitPolicy jitter must be between 0 and 1, got " + jitter);
        }
    }

    private static void nonNegative(String field, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("WaitPolicy " + field + " must be zero or positive, got " + d);
        }
    }

    /** 5 minutes, polling after 250 ms growing to 5 s, ±20 % jitter. */
    public static WaitPolicy defaults() {
        return new WaitPolicy(Duration.ofMinutes(5), Duration.ofMillis(250), Duration.ofSeconds(5), 0.2);
    }

    public WaitPolicy withTimeout(Duration timeout) {
        return new WaitPolicy(timeout, firstDelay, maxDelay, jitter);
    }

    public WaitPolicy withDelays(Duration firstDelay, Duration maxDelay) {
        return new WaitPolicy(timeout, firstDelay, maxDelay, jitter);
    }

    public WaitPolicy withJitter(double jitter) {
        return new WaitPolicy(timeout, firstDelay, maxDelay, jitter);
    }

    /** The delay after poll number {@code poll} (1-based), before jitter. */
    public Duration delayAfter(int poll) {
        double factor = Math.pow(1.5, Math.min(Math.max(poll - 1, 0), 60));
        double nanos = firstDelay.toNanos() * factor;
        return Duration.ofNanos((long) Math.min(nanos, maxDelay.toNanos()));
    }
}
