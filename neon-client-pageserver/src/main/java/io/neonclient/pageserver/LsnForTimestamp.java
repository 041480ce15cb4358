package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.neonclient.core.Lsn;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer of {@code GET …/timeline/{timeline_id}/get_lsn_by_timestamp} (the local {@code Result} struct of
 * {@code get_lsn_by_timestamp_handler} in upstream {@code pageserver/src/http/routes.rs}).
 *
 * @param lsn        the LSN found
 * @param kind       how it relates to the timestamp
 * @param validUntil when the lease on {@code lsn} ends (only when a lease was asked for and granted)
 */
public record LsnForTimestamp(Lsn lsn, Kind kind, Optional<Instant> validUntil) {
    public LsnForTimestamp {
        validUntil = validUntil == null ? Optional.empty() : validUntil;
    }

    /** What the LSN means. */
    public enum Kind {
        /** Commits exist before and after the timestamp: a safe point-in-time target. */
        @JsonProperty("present") PRESENT,
        /** The timestamp is after the newest commit; the LSN is the latest commit boundary. */
        @JsonProperty("future") FUTURE,
        /** The timestamp is before the GC/PITR horizon; the LSN is the oldest available. */
        @JsonProperty("past") PAST,
        /** No commit timestamps found; the LSN is the lowest safe branch point. */
        @JsonProperty("nodata") NODATA,
        /** A kind added upstream after this SDK was built. */
        @JsonEnumDefaultValue UNKNOWN
    }
}
