package io.neonclient.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.Checks;

/**
 * A Postgres WAL position (log sequence number), an unsigned 64-bit byte offset printed as two upper-case
 * hex halves {@code "16/B374D848"} (mirrors {@code Lsn} in upstream {@code libs/utils/src/lsn.rs}).
 * Ordering is unsigned.
 *
 * @param value the 64-bit position, compared as unsigned
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** {@code 0/0}: upstream's "invalid" LSN. */
    public static final Lsn ZERO = new Lsn(0);

    public static Lsn of(long value) {
        return new Lsn(value);
    }

    /**
     * Parses {@code "HI/LO"}, each half 1 to 8 hex digits in either case.
     *
     * @throws IllegalArgumentException naming the input when it is not that form
     */
    @JsonCreator
    public static Lsn parse(String text) {
        Checks.notNull("Lsn", text);
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw bad(text, "expected HI/LO hex halves like '16/B374D848'");
        }
        long hi = half(text, text.substring(0, slash));
        long lo = half(text, text.substring(slash + 1));
        return new Lsn((hi << 32) | lo);
    }

    private static long half(String text, String half) {
        if (half.isEmpty() || half.length() > 8) {
            throw bad(text, "each half must be 1 to 8 hex digits (32 bits)");
        }
        long v = 0;
        for (int i = 0; i < half.length(); i++) {
            int d = Checks.hexDigit(half.charAt(i));
            if (d < 0) {
                throw bad(text, "'" + half.charAt(i) + "' is not a hex digit");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("Lsn: " + why + ", got '" + Checks.abbreviate(text) + "'");
    }

    /** This position moved forward by {@code bytes}; the low half carries into the high half. */
    public Lsn plus(long bytes) {
        Checks.nonNegative("bytes", bytes);
        long sum = value + bytes;
        if (Long.compareUnsigned(sum, value) < 0) {
            throw new ArithmeticException("Lsn overflow: " + this + " + " + bytes);
        }
        return new Lsn(sum);
    }

    /** Bytes from {@code earlier} to this position; throws if {@code earlier} is after this one. */
    public long minus(Lsn earlier) {
        if (compareTo(earlier) < 0) {
            throw new IllegalArgumentException("Lsn " + earlier + " is after " + this);
        }
        return value - earlier.value;
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Lsn other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** The wire form, {@code %X/%X}. */
    @JsonValue
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
