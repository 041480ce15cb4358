package io.neonclient.admin.backup;

import java.util.List;
import java.util.Objects;

/**
 * What retention decided for one snapshot, and why.
 *
 * @param entry   the snapshot
 * @param keep    true to keep it
 * @param reasons the rules that keep it, or why it goes
 */
public record RetentionDecision(CatalogEntry entry, boolean keep, List<String> reasons) {

    public RetentionDecision {
        Objects.requireNonNull(entry, "entry");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a retention decision needs a reason");
        }
    }

    static RetentionDecision keep(CatalogEntry entry, List<String> reasons) {
        return new RetentionDecision(entry, true, reasons);
    }

    static RetentionDecision delete(CatalogEntry entry, String reason) {
        return new RetentionDecision(entry, false, List.of(reason));
    }

    /** A copy kept for {@code reason} as well. */
    RetentionDecision keptFor(String reason) {
        List<String> more = new java.util.ArrayList<>(keep ? reasons : List.of());
        more.add(reason);
        return new RetentionDecision(entry, true, more);
    }

    /** {@code keep nightly (timeline …, taken …): last 3, daily 2025-01-01} or {@code delete …: why}. */
    @Override
    public String toString() {
        return (keep ? "keep   " : "delete ") + entry.name() + " (" + entry.timeline() + ", taken " + entry.takenAt() + "): "
                + String.join("; ", reasons);
    }
}
