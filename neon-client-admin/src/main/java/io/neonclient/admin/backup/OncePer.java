package io.neonclient.admin.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** How often a scheduled snapshot may be taken: a second run in the same UTC day (or hour) is a no-op that says so. */
public enum OncePer {
    /** At most one snapshot per UTC calendar day. */
    DAY("day", ChronoUnit.DAYS),
    /** At most one snapshot per UTC clock hour. */
    HOUR("hour", ChronoUnit.HOURS);

    private final String word;
    private final ChronoUnit unit;

    OncePer(String word, ChronoUnit unit) {
        this.word = word;
        this.unit = unit;
    }

    /** The start of the period {@code at} falls in (UTC). */
    public Instant periodOf(Instant at) {
        return at.atZone(ZoneOffset.UTC).truncatedTo(unit).toInstant();
    }

    /** Parses {@code day} or {@code hour}. */
    public static OncePer parse(String text) {
        for (OncePer p : values()) {
            if (p.word.equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("once-per must be 'day' or 'hour', got '" + text + "'");
    }

    /** {@code day} or {@code hour}. */
    @Override
    public String toString() {
        return word;
    }
}
