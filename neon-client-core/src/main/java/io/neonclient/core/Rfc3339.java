package io.neonclient.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * RFC 3339 timestamps as Neon reads and writes them: UTC with a {@code Z}, seconds always present
 * (upstream parses with {@code humantime::parse_rfc3339}, which accepts years 1970 to 9999 only and
 * needs the seconds). Query values produced here never contain a {@code +}.
 */
public final class Rfc3339 {
    private static final Instant MIN = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Rfc3339() {}

    /** {@code 2024-05-01T12:00:00Z}, or with the fraction when there is one ({@code …:00.250Z}). */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(check("timestamp", instant));
    }

    /** Like {@link #format} but truncated to whole seconds, the precision S3 object versions are listed with. */
    public static String formatSeconds(Instant instant) {
        return format(check("timestamp", instant).truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Parses {@code 2024-05-01T12:00:00Z}, {@code …T12:00:00.123456Z} or {@code …T12:00:00+00:00}.
     *
     * @throws IllegalArgumentException quoting the text when it is not RFC 3339 with seconds and an offset
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new NullPointerException("timestamp must not be null");
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "timestamp must be RFC 3339 with seconds and an offset, like 2024-05-01T12:00:00Z, got '" + text + "'");
        }
    }

    /** Checks {@code instant} is a time Neon can read (1970..9999) and returns it. */
    public static Instant check(String field, Instant instant) {
        if (instant == null) {
            throw new NullPointerException(field + " must not be null");
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException(field + " must be between 1970 and 9999 (RFC 3339 as Neon parses it), got " + instant);
        }
        return instant;
    }
}
