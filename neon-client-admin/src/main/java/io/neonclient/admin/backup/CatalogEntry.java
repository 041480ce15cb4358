package io.neonclient.admin.backup;

import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One snapshot in the {@link BackupCatalog}: a branch of {@code source} at exactly {@code lsn}, with the name, labels,
 * time and author Neon does not store for timelines.
 *
 * @param name     unique within the tenant: letters, digits and {@code ._:-}, 1 to 100 characters
 * @param tenant   the tenant
 * @param timeline the snapshot branch
 * @param source   the timeline it was taken of
 * @param lsn      the branch point on {@code source}
 * @param takenAt  when it was taken, by the recipe's clock: a moment its branch already existed (a time-travel
 *                 restore to it keeps the branch)
 * @param takenBy  who took it
 * @param labels   free labels ({@code key=value})
 * @param pinned   retention never deletes it
 * @param archived whether it was archived ({@code archival_config}) after it was taken
 * @param purpose  {@code snapshot}, or {@code pre-restore} for the copy a restore in place takes first
 * @param manifest what it covers and what it does not
 * @param dumps    logical dumps taken of it
 */
public record CatalogEntry(String name, TenantId tenant, TimelineId timeline, TimelineId source, Lsn lsn, Instant takenAt,
                           String takenBy, Map<String, String> labels, boolean pinned, boolean archived, String purpose,
                           SnapshotManifest manifest, List<DumpRecord> dumps) {
    /** The purpose of an ordinary snapshot. */
    public static final String SNAPSHOT = "snapshot";
    /** The purpose of the snapshot a restore in place takes before it changes anything. */
    public static final String PRE_RESTORE = "pre-restore";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    public CatalogEntry {
        checkName(name);
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lsn, "lsn");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(takenBy, "takenBy");
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(manifest, "manifest");
        dumps = dumps == null ? List.of() : List.copyOf(dumps);
    }

    /** Checks a snapshot name: letters, digits and {@code ._:-}, starting with a letter or digit, at most 100 characters. */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("snapshot name must be 1 to 100 letters, digits and ._:- starting with a letter or"
                    + " digit, got '" + name + "'");
        }
        return name;
    }

    /** A copy with {@code pinned} set. */
    public CatalogEntry withPinned(boolean pinned) {
        return new CatalogEntry(name, tenant, timeline, source, lsn, takenAt, takenBy, labels, pinned, archived, purpose, manifest, dumps);
    }

    /** A copy with {@code dump} added. */
    public CatalogEntry withDump(DumpRecord dump) {
        List<DumpRecord> more = new ArrayList<>(dumps);
        more.add(Objects.requireNonNull(dump, "dump"));
        return new CatalogEntry(name, tenant, timeline, source, lsn, takenAt, takenBy, labels, pinned, archived, purpose, manifest, more);
    }

    /** One line for operators: {@code name  timeline  source@lsn  takenAt  by  [pinned] [archived] labels}. */
    @Override
    public String toString() {
        return name + " " + timeline + " of " + source + " at " + lsn + " taken " + takenAt + " by " + takenBy
                + (PRE_RESTORE.equals(purpose) ? " (pre-restore)" : "") + (pinned ? " pinned" : "") + (archived ? " archived" : "")
                + (labels.isEmpty() ? "" : " " + labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                + (dumps.isEmpty() ? "" : " dumps=" + dumps.size());
    }
}
