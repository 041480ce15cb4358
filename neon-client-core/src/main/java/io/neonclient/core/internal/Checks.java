package io.neonclient.core.internal;

import java.util.Objects;

/** Validation helpers shared by the value types; every message names the field and what was expected. */
public final class Checks {
    private Checks() {}

    /** Returns {@code text} lower-cased if it is exactly {@code digits} hex digits, else throws naming {@code what}. */
    public static String hexId(String what, String text, int digits) {
        Objects.requireNonNull(text, () -> what + " must not be null");
        if (text.length() != digits) {
            throw new IllegalArgumentException(
                    what + " needs " + digits + " hex digits, got '" + abbreviate(text) + "' (" + text.length() + " characters)");
        }
        for (int i = 0; i < digits; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new IllegalArgumentException(
                        what + " needs " + digits + " hex digits, got '" + abbreviate(text) + "' (bad character at " + i + ")");
            }
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    public static <T> T notNull(String what, T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    public static long nonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + value);
        }
        return value;
    }

    public static long unsigned32(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must be an unsigned 32-bit number (0.." + 0xFFFF_FFFFL + "), got " + value);
        }
        return value;
    }

    /** Shortens user input quoted in messages so a pasted megabyte does not become the message. */
    public static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
