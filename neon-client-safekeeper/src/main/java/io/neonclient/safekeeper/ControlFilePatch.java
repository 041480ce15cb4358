package io.neonclient.safekeeper;

import io.neonclient.core.Lsn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The LSNs to overwrite in a safekeeper timeline's control file, sent by {@link SafekeeperTimeline#patchControlFile} as
 * {@code {"updates": {field: lsn, …}, "apply_fields": [field, …]}} (upstream {@code patch_control_file::Request},
 * {@code safekeeper/src/patch_control_file.rs}). Only the LSN fields of {@code TimelinePersistentState}
 * ({@code safekeeper/src/state.rs}) can be named; upstream replaces each named top-level field as given, unchecked.
 *
 * @param lsns field name (e.g. {@code timeline_start_lsn}) to its new value, in the order given
 */
public record ControlFilePatch(Map<String, Lsn> lsns) {
    /** The LSN fields of upstream's {@code TimelinePersistentState}. */
    public static final Set<String> LSN_FIELDS = Set.of("timeline_start_lsn", "local_start_lsn", "commit_lsn", "backup_lsn",
            "peer_horizon_lsn", "remote_consistent_lsn");

    /**
     * Checks the fields before anything is sent.
     *
     * @throws IllegalArgumentException when empty or a field is not one of {@link #LSN_FIELDS}
     */
    public ControlFilePatch {
        Objects.requireNonNull(lsns, "lsns");
        if (lsns.isEmpty()) {
            throw new IllegalArgumentException("lsns must name at least one control file field, got none");
        }
        for (Map.Entry<String, Lsn> e : lsns.entrySet()) {
            Objects.requireNonNull(e.getKey(), "lsns key");
            Objects.requireNonNull(e.getValue(), "lsns[" + e.getKey() + "]");
            if (!LSN_FIELDS.contains(e.getKey())) {
                throw new IllegalArgumentException("lsns key must be one of " + new java.util.TreeSet<>(LSN_FIELDS) + ", got '"
                        + e.getKey() + "'");
            }
        }
        lsns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lsns));
    }

    /** A patch of one field, e.g. {@code ControlFilePatch.of("timeline_start_lsn", Lsn.parse("0/1"))}. */
    public static ControlFilePatch of(String field, Lsn lsn) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(lsn, "lsn");
        return new ControlFilePatch(Map.of(field, lsn));
    }

    /** A copy that also sets {@code field}. */
    public ControlFilePatch with(String field, Lsn lsn) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(lsn, "lsn");
        Map<String, Lsn> more = new LinkedHashMap<>(lsns);
        more.put(field, lsn);
        return new ControlFilePatch(more);
    }

    /** The wire body: upstream's {@code Request {updates, apply_fields}}. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("updates", lsns);
        body.put("apply_fields", java.util.List.copyOf(lsns.keySet()));
        return body;
    }
}
