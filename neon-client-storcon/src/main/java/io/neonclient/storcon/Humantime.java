package io.neonclient.storcon;

import java.time.Duration;

/**
 * Formats durations exactly as upstream's {@code humantime::format_duration} does (what the controller itself prints,
 * e.g. {@code "7days"}, {@code "1h 30m"}): years of 365.25 days and months of 30.44 days, pluralised
 * {@code year}/{@code month}/{@code day}, then {@code h m s ms us ns}. Core's {@code HumanDuration.format} writes
 * {@code "7d"}, which the server parses too but which differs from upstream's own output.
 */
final class Humantime {
    private Humantime() {}

    static String format(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive, got " + d);
        }
        long secs = d.getSeconds();
        int nanos = d.getNano();
        if (secs == 0 && nanos == 0) {
            return "0s";
        }
        long years = secs / 31_557_600;
        long ydays = secs % 31_557_600;
        long months = ydays / 2_630_016;
        long mdays = ydays % 2_630_016;
        long days = mdays / 86_400;
        long daySecs = mdays % 86_400;
        StringBuilder out = new StringBuilder();
        plural(out, years, "year");
        plural(out, months, "month");
        plural(out, days, "day");
        item(out, daySecs / 3_600, "h");
        item(out, daySecs % 3_600 / 60, "m");
        item(out, daySecs % 60, "s");
        item(out, nanos / 1_000_000, "ms");
        item(out, nanos / 1_000 % 1_000, "us");
        item(out, nanos % 1_000, "ns");
        return out.toString();
    }

    private static void plural(StringBuilder out, long value, String name) {
        if (value > 0) {
            item(out, value, name);
            if (value > 1) {
                out.append('s');
            }
        }
    }

    private static void item(StringBuilder out, long value, String unit) {
        if (value > 0) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(value).append(unit);
        }
    }
}
