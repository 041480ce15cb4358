package io.neonclient.core;

import java.time.Duration;

/**
 * How often a call that is safe to repeat is retried after a transport failure or a 503/429/408, and how
 * long to wait in between: exponential backoff from {@code firstBackoff} doubling up to {@code maxBackoff},
 * each delay spread by ±{@code jitter}. A {@code Retry-After} header from the server replaces the computed
 * delay (up to {@code maxRetryAfter}). Calls that are not safe to repeat (most POSTs) are never retried,
 * except for a connection that was refused before anything was sent.
 *
 * @param maxAttempts   total sends, including the first; 1 = no retries
 * @param firstBackoff  delay before the second attempt
 * @param maxBackoff    ceiling of the computed delay
 * @param jitter        0 (none) to 1 (delays spread over 0..2× the computed value)
 * @param maxRetryAfter ceiling on a server's {@code Retry-After}
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, double jitter, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("RetryPolicy maxAttempts must be >= 1, got " + maxAttempts);
        }
        positive("firstBackoff", firstBackoff);
        positive("maxBackoff", maxBackoff);
        positive("maxRetryAfter", maxRetryAfter);
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("RetryPolicy maxBackoff (" + maxBackoff + ") must be >= firstBackoff (" + firstBackoff + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("RetryPolicy jitter must be between 0 and 1, got " + jitter);
        }
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("RetryPolicy " + field + " must be zero or positive, got " + d);
        }
    }

    /** 4 attempts, 200 ms doubling to 5 s, ±20 % jitter, {@code Retry-After} honoured up to 60 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), 0.2, Duration.ofSeconds(60));
    }

    /** Every call is sent once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
    }

    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, jitter, maxRetryAfter);
    }

    public RetryPolicy withBackoff(Duration firstBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, jitter, maxRetryAfter);
    }

    public RetryPolicy withJitter(double jitter) {
        return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, jitter, maxRetryAfter);
    }

    public RetryPolicy withMaxRetryAfter(Duration maxRetryAfter) {
        return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, jitter, maxRetryAfter);
    }

    /** The delay before attempt {@code attempt + 1}, before jitter: {@code firstBackoff × 2^(attempt-1)}, capped. */
    public Duration backoff(int attempt) {
        long first = firstBackoff.toNanos();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long nanos = first > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : first << shift;
        return Duration.ofNanos(Math.min(nanos, maxBackoff.toNanos()));
    }
}
