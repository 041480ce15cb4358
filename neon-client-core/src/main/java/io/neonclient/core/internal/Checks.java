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
        boolean upper = false;
        for (int i = 0; i < digits; i++) {
            char c = text.charAt(i);
            if (hexDigit(c) < 0) {
                throw new IllegalArgumentException(
                        what + " needs " + digits + " hex digits, got '" + abbreviate(text) + "' (bad character at " + i + ")");
            }
            upper |= c <= 'F' && c >= 'A';
        }
        // Ids arrive lower-case from Neon; only an operator's typed id needs the copy.
        return upper ? text.toLowerCase(java.util.Locale.ROOT) : text;
    }

    /**
     * The value of an ASCII hex digit, or -1. Neon's grammar is ASCII ({@code hex::decode}, {@code u64::from_str}
     * upstream), while {@link Character#digit(char, int)} also accepts fullwidth and other scripts' digits.
     */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** True for the ASCII digits {@code 0}-{@code 9} only. */
    public static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Parses a non-negative decimal number written in ASCII digits only (no sign, no other scripts' digits).
     *
     * @throws IllegalArgumentException naming {@code what} and quoting the text
     */
    public static long asciiDecimal(String what, String text) {
        notNull(what, text);
        if (text.isEmpty() || text.length() > 19) {
            throw new IllegalArgumentException(what + " needs a non-negative decimal number, got '" + abbreviate(text) + "'");
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAsciiDigit(c)) {
                throw new IllegalArgumentException(what + " needs a non-negative decimal number in ASCII digits, got '"
                        + abbreviate(text) + "' (bad character at " + i + ")");
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                throw new IllegalArgumentException(what + " is too large, got '" + abbreviate(text) + "'");
            }
        }
        return v;
    }

    public static <T> T notNull(String what, T value) {
        if (value == null) {
            throw new NullPointerException(what + " must not be null");
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
