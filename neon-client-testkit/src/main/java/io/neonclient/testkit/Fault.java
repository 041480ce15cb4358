package io.neonclient.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure injected into the routes of a simulated component (see
 * {@link NeonTestCluster#inject(Component, String, String, Fault)}). Faults that involve chance draw from the
 * cluster's seeded random source, so a run with the same seed and the same requests fails the same way.
 */
public sealed interface Fault {

    /** Delays each matching request by a duration drawn uniformly from {@code [min, max]} (real time). */
    static Fault latency(Duration min, Duration max) {
        return new Latency(min, max);
    }

    /** Answers the next {@code times} matching requests with {@code 503} {@code {"msg": "…"}}, then passes. */
    static Fault unavailable(int times) {
        return new Unavailable(times, 0);
    }

    /** Answers each matching request with {@code 503} with the given probability (seeded). */
    static Fault unavailable(double probability) {
        return new Unavailable(Integer.MAX_VALUE, probability);
    }

    /** Closes the connection of the next {@code times} matching requests without any answer. */
    static Fault dropConnection(int times) {
        return new DropConnection(times);
    }

    /**
     * Parses the text form the standalone jar and the {@code /testkit/v1/faults} route take, which {@link #spec()}
     * prints: {@code latency:50ms..200ms} (or {@code latency:1s} for a fixed delay), {@code unavailable:3} (a burst),
     * {@code unavailable:0.2} (a probability), {@code drop:2}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static Fault parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? "" : s.substring(colon + 1);
        try {
            switch (kind) {
                case "latency" -> {
                    int dots = arg.indexOf("..");
                    Duration min = io.neonclient.core.HumanDuration.parse(dots < 0 ? arg : arg.substring(0, dots));
                    Duration max = dots < 0 ? min : io.neonclient.core.HumanDuration.parse(arg.substring(dots + 2));
                    return latency(min, max);
                }
                case "unavailable" -> {
                    return arg.contains(".") ? unavailable(Double.parseDouble(arg)) : unavailable(Integer.parseInt(arg));
                }
                case "drop" -> {
                    return dropConnection(Integer.parseInt(arg));
                }
                default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault must be latency:MIN..MAX, unavailable:TIMES, unavailable:PROBABILITY"
                    + " or drop:TIMES (e.g. latency:50ms..200ms, unavailable:3, unavailable:0.2, drop:1), got '" + spec
                    + "': " + e.getMessage(), e);
        }
    }

    /** The text form {@link #parse} reads. */
    default String spec() {
        return switch (this) {
            case Latency l -> "latency:" + l.min().toMillis() + "ms.." + l.max().toMillis() + "ms";
            case Unavailable u -> "unavailable:" + (u.probability() > 0 ? Double.toString(u.probability()) : Integer.toString(u.times()));
            case DropConnection d -> "drop:" + d.times();
        };
    }

    /**
     * Each matching request waits a random time between {@code min} and {@code max}.
     *
     * @param min lower bound
     * @param max upper bound (inclusive)
     */
    record Latency(Duration min, Duration max) implements Fault {
        /** Checks the components: refuses a null component, naming it, and refuses a bad value with an {@link IllegalArgumentException} naming the field. */
        public Latency {
            Objects.requireNonNull(min, "Fault.latency min must not be null");
            Objects.requireNonNull(max, "Fault.latency max must not be null");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("Fault.latency needs 0 <= min <= max, got " + min + ".." + max);
            }
        }
    }

    /**
     * Matching requests answer 503, as a controller or pageserver under load does.
     *
     * @param times       how many requests fail (a burst), when {@code probability} is 0
     * @param probability chance that each request fails, 0 to use the burst count
     */
    record Unavailable(int times, double probability) implements Fault {
        /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
        public Unavailable {
            if (times < 1) {
                throw new IllegalArgumentException("Fault.unavailable times must be >= 1, got " + times);
            }
            if (probability < 0 || probability > 1) {
                throw new IllegalArgumentException("Fault.unavailable probability must be 0..1, got " + probability);
            }
        }
    }

    /**
     * Matching requests get their connection closed without an answer.
     *
     * @param times how many connections are dropped
     */
    record DropConnection(int times) implements Fault {
        /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
        public DropConnection {
            if (times < 1) {
                throw new IllegalArgumentException("Fault.dropConnection times must be >= 1, got " + times);
            }
        }
    }
}
