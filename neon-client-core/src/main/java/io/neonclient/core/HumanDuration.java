package io.neonclient.core;

import java.time.Duration;
import io.neonclient.core.internal.Checks;
import java.util.Locale;

/**
 * Durations in the {@code humantime} text form Neon uses in tenant config and migration settings:
 * {@code "30s"}, {@code "10m"}, {@code "1h 30m"}, {@code "7days"} (upstream parses them with
 * {@code humantime::parse_duration}).
 */
public final class HumanDuration {
    private HumanDuration() {}


    /**
     * Formats exactly as upstream's {@code humantime::format_duration} does, which is what Neon itself prints:
     * {@code "7days"}, {@code "1h 30m"}, {@code "500ms"}; years of 365.25 days and months of 30.44 days, pluralised
     * {@code year}/{@code month}/{@code day}, then {@code h m s ms us ns}. Zero is {@code "0s"}.
     */
    public static String format(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive, got " + duration);
        }
        long secs = duration.getSeconds();
        int nanos = duration.getNano();
        if (secs == 0 && nanos == 0) {
            return "0s";
        }
        long years = secs / 31_557_600;
        long months = secs % 31_557_600 / 2_630_016;
        long rest = secs % 31_557_600 % 2_630_016;
        StringBuilder out = new StringBuilder();
        plural(out, years, "year");
        plural(out, months, "month");
        plural(out, rest / 86_400, "day");
        append(out, rest % 86_400 / 3_600, "h");
        append(out, rest % 3_600 / 60, "m");
        append(out, rest % 60, "s");
        append(out, nanos / 1_000_000, "ms");
        append(out, nanos / 1_000 % 1_000, "us");
        append(out, nanos % 1_000, "ns");
        return out.toString();
    }

    private static void plural(StringBuilder out, long value, String name) {
        append(out, value, value > 1 ? name + "s" : name);
    }

    private static void append(StringBuilder out, long value, String unit) {
        if (value != 0) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(value).append(unit);
        }
    }

    /**
     * Parses humantime text such as {@code "7days"}, {@code "1h 30m"}, {@code "500ms"}, {@code "2weeks"}.
     *
     * @throws IllegalArgumentException quoting the text when a number or unit is not recognised
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("duration must be text like '30s' or '1h 30m', got '" + text + "'");
        }
        Duration total = Duration.ZERO;
        int i = 0;
        String s = text.strip();
        while (i < s.length()) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            int numStart = i;
            while (i < s.length() && Checks.isAsciiDigit(s.charAt(i))) {
                i++;
            }
            if (numStart == i) {
                throw bad(text);
            }
            long n = Checks.asciiDecimal("duration", s.substring(numStart, i));
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            total = total.plus(unit(text, s.substring(unitStart, i)).multipliedBy(n));
        }
        return total;
    }

    private static Duration unit(String text, String unit) {
        return switch (unit.equals("M") ? "M" : unit.toLowerCase(Locale.ROOT)) {
            case "nsec", "ns" -> Duration.ofNanos(1);
            case "usec", "us" -> Duration.ofNanos(1_000);
            case "msec", "ms" -> Duration.ofMillis(1);
            case "seconds", "second", "sec", "secs", "s" -> Duration.ofSeconds(1);
            case "minutes", "minute", "min", "mins", "m" -> Duration.ofMinutes(1);
            case "hours", "hour", "hr", "hrs", "h" -> Duration.ofHours(1);
            case "days", "day", "d" -> Duration.ofDays(1);
            case "weeks", "week", "w" -> Duration.ofDays(7);
            // humantime's month and year are 30.44 and 365.25 days
            case "months", "month", "M" -> Duration.ofSeconds(2_630_016);
            case "years", "year", "y" -> Duration.ofSeconds(31_557_600);
            default -> throw bad(text);
        };
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException(
                "duration must be humantime text like '30s', '10m', '1h 30m' or '7days', got '" + text + "'");
    }

}
