package io.neonclient.testkit.internal.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulation's sense of time. Upstream's intervals (heartbeat 5 s, max offline 30 s, reconcile timeouts
 * 30 s …) are given in upstream units and run {@code scale} times faster; wall-clock timestamps (commit times,
 * lease expiry, time travel) come from {@link #now()}, which tests can move forward with {@link #advance}.
 */
public final class Timing {
    private final double scale;
    private final Duration heartbeatInterval;
    private final Duration maxOfflineInterval;
    private final Duration maxWarmingUpInterval;
    private final Duration reconcileLatency;
    private final Duration secondaryWarmup;
    private final Duration importDuration;
    private final AtomicLong offsetNanos = new AtomicLong();

    public Timing(double scale, Duration heartbeatInterval, Duration maxOfflineInterval, Duration maxWarmingUpInterval,
            Duration reconcileLatency, Duration secondaryWarmup, Duration importDuration) {
        this.scale = scale;
        this.heartbeatInterval = heartbeatInterval;
        this.maxOfflineInterval = maxOfflineInterval;
        this.maxWarmingUpInterval = maxWarmingUpInterval;
        this.reconcileLatency = reconcileLatency;
        this.secondaryWarmup = secondaryWarmup;
        this.importDuration = importDuration;
    }

    /** Real milliseconds for an upstream duration (at least 1). */
    public long millis(Duration upstream) {
        return Math.max(1, (long) (upstream.toNanos() / scale / 1_000_000.0));
    }

    public Instant now() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    public void advance(Duration d) {
        offsetNanos.addAndGet(d.toNanos());
    }

    public long heartbeatMillis() {
        return millis(heartbeatInterval);
    }

    public long maxOfflineMillis() {
        return millis(maxOfflineInterval);
    }

    public long maxWarmingUpMillis() {
        return millis(maxWarmingUpInterval);
    }

    public long reconcileMillis() {
        return millis(reconcileLatency);
    }

    public long secondaryWarmupMillis() {
        return millis(secondaryWarmup);
    }

    public long importMillis() {
        return millis(importDuration);
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public Duration maxOfflineInterval() {
        return maxOfflineInterval;
    }

    public double scale() {
        return scale;
    }
}
