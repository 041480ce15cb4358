package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.neonclient.core.Lsn;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer of {@code GET /v1/tenant/{t}/timeline/{tl}/get_lsn_by_timestamp} (the local {@code Result} struct of
 * {@code get_lsn_by_timestamp_handler} in upstream {@code pageserver/src/http/routes.rs}).
 *
 * @param lsn        the LSN found; a safe point-in-time branch point when {@code kind} is {@link Kind#PRESENT}
 * @param kind       what was found (present, past, future, nodata)
 * @param validUntil when a lease was asked for and granted: until when the LSN is protected from GC
 */
public record LsnForTimestamp(Lsn lsn, Kind kind, Optional<Instant> validUntil) {
    public LsnForTimestamp {
        validUntil = validUntil == null ? Optional.empty() : validUntil;
    }

    /**
     * What a timestamp lookup found (the {@code kind} of {@code get_lsn_by_timestamp} in upstream
     * {@code pageserver/src/http/routes.rs}): {@link #PRESENT} commits before and after it (a safe point in time), {@link #PAST}
     * before the GC horizon (the LSN is the oldest available), {@link #FUTURE} after the newest commit, {@link #NODATA} no
     * commit timestamps found.
     * {@link #UNKNOWN} stands for a value added upstream after this SDK was built; it is never sent.
     */
    public enum Kind {
        @JsonProperty("present")
        PRESENT,
        @JsonProperty("past")
        PAST,
        @JsonProperty("future")
        FUTURE,
        @JsonProperty("nodata")
        NODATA,
        /** A value this SDK does not know yet. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
