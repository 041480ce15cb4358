package io.neonclient.admin.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Which snapshots to keep, with restic's and pgBackRest's conventions: the {@code keepLast} newest; for each of the
 * last {@code keepDaily} UTC days (ISO weeks, months) that have snapshots, the newest of that day (week, month). A
 * snapshot is kept when any rule keeps it; pinned snapshots (pre-restore ones included) are always kept and are not
 * counted. Rules apply per source timeline.
 *
 * @param keepLast    the newest N snapshots
 * @param keepDaily   the newest of each of the last N days with snapshots
 * @param keepWeekly  the newest of each of the last N ISO weeks with snapshots
 * @param keepMonthly the newest of each of the last N months with snapshots
 */
public record RetentionPolicy(int keepLast, int keepDaily, int keepWeekly, int keepMonthly) {

    public RetentionPolicy {
        check("keepLast", keepLast);
        check("keepDaily", keepDaily);
        check("keepWeekly", keepWeekly);
        check("keepMonthly", keepMonthly);
        if (keepLast + keepDaily + keepWeekly + keepMonthly == 0) {
            throw new IllegalArgumentException("a retention policy must keep something: set keepLast, keepDaily, keepWeekly or keepMonthly"
                    + " above 0 (a policy of zeros would delete every unpinned snapshot)");
        }
    }

    private static void check(String field, int n) {
        if (n < 0 || n > 100_000) {
            throw new IllegalArgumentException(field + " must be 0..100000, got " + n);
        }
    }

    /** Keeps the newest {@code n} snapshots only. */
    public static RetentionPolicy keepLast(int n) {
        return new RetentionPolicy(n, 0, 0, 0);
    }

    /** A copy with {@code keepDaily = n}. */
    public RetentionPolicy withKeepDaily(int n) {
        return new RetentionPolicy(keepLast, n, keepWeekly, keepMonthly);
    }

    /** A copy with {@code keepWeekly = n}. */
    public RetentionPolicy withKeepWeekly(int n) {
        return new RetentionPolicy(keepLast, keepDaily, n, keepMonthly);
    }

    /** A copy with {@code keepMonthly = n}. */
    public RetentionPolicy withKeepMonthly(int n) {
        return new RetentionPolicy(keepLast, keepDaily, keepWeekly, n);
    }

    /** Decides every entry, newest first; sends nothing (children are checked by {@link BackupPrune}). */
    public List<RetentionDecision> decide(List<CatalogEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<CatalogEntry, List<String>> reasons = new LinkedHashMap<>();
        List<CatalogEntry> newestFirst = entries.stream().sorted(Comparator.comparing(CatalogEntry::takenAt).reversed()
                .thenComparing(CatalogEntry::name)).toList();
        newestFirst.forEach(e -> reasons.put(e, new ArrayList<>()));
        Map<String, List<CatalogEntry>> bySource = new LinkedHashMap<>();
        for (CatalogEntry e : newestFirst) {
            if (e.pinned()) {
                reasons.get(e).add(CatalogEntry.PRE_RESTORE.equals(e.purpose()) ? "pinned (pre-restore snapshot)" : "pinned");
            } else {
                bySource.computeIfAbsent(e.tenant() + "/" + e.source(), k -> new ArrayList<>()).add(e);
            }
        }
        for (List<CatalogEntry> group : bySource.values()) {
            for (int i = 0; i < Math.min(keepLast, group.size()); i++) {
                reasons.get(group.get(i)).add("last " + keepLast);
            }
            bucket(group, keepDaily, "daily", t -> utc(t).toLocalDate().toString(), reasons);
            bucket(group, keepWeekly, "weekly", t -> utc(t).get(IsoFields.WEEK_BASED_YEAR) + "-W"
                    + String.format("%02d", utc(t).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), reasons);
            bucket(group, keepMonthly, "monthly", t -> utc(t).getYear() + "-" + String.format("%02d", utc(t).getMonthValue()), reasons);
        }
        List<RetentionDecision> out = new ArrayList<>();
        reasons.forEach((e, why) -> out.add(why.isEmpty() ? RetentionDecision.delete(e, "matches no keep rule of " + this)
                : RetentionDecision.keep(e, why)));
        return out;
    }

    private static ZonedDateTime utc(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }

    private static void bucket(List<CatalogEntry> newestFirst, int n, String rule, Function<Instant, String> period,
                               Map<CatalogEntry, List<String>> reasons) {
        Set<String> seen = new HashSet<>();
        for (CatalogEntry e : newestFirst) {
            if (seen.size() >= n) {
                return;
            }
            String p = period.apply(e.takenAt());
            if (seen.add(p)) {
                reasons.get(e).add(rule + " " + p);
            }
        }
    }

    /** {@code keep-last 3, keep-daily 7, …} (the zero rules left out). */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (keepLast > 0) {
            parts.add("keep-last " + keepLast);
        }
        if (keepDaily > 0) {
            parts.add("keep-daily " + keepDaily);
        }
        if (keepWeekly > 0) {
            parts.add("keep-weekly " + keepWeekly);
        }
        if (keepMonthly > 0) {
            parts.add("keep-monthly " + keepMonthly);
        }
        return String.join(", ", parts);
    }
}
