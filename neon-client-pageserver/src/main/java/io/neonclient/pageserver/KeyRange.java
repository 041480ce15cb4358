package io.neonclient.pageserver;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A half-open range of pageserver keys, {@code [start, end)}. A key prints as upstream's {@code Key} {@code Display}
 * ({@code libs/pageserver_api/src/key.rs}): 36 hex digits, e.g. {@code 000000067F000032BE0000400000000070B6}.
 *
 * @param start the first key in the range
 * @param end   the first key after it
 */
public record KeyRange(String start, String end) {
    private static final Pattern KEY = Pattern.compile("[0-9A-Fa-f]{36}");

    /**
     * Checks both keys.
     *
     * @throws IllegalArgumentException when a key is not 36 hex digits, or {@code end} is not after {@code start}
     */
    public KeyRange {
        requireKey("start", start);
        requireKey("end", end);
        if (start.compareToIgnoreCase(end) >= 0) {
            throw new IllegalArgumentException("key range end must be after start, got [" + start + ", " + end + ")");
        }
    }

    /** Checks that {@code key} is a key as upstream's {@code Key::from_hex} reads it (36 hex digits). */
    static String requireKey(String name, String key) {
        Objects.requireNonNull(key, name);
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(name + " must be a key of 36 hex digits, got '" + key + "'");
        }
        return key;
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
