package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a timestamp lookup found (the {@code kind} of {@code get_lsn_by_timestamp} in upstream
 * {@code pageserver/src/http/routes.rs}): {@link #PRESENT} commits before and after it (a safe point in time), {@link #PAST}
 * before the GC horizon (the LSN is the oldest available), {@link #FUTURE} after the newest commit, {@link #NODATA} no
 * commit timestamps found.
 * {@link #UNKNOWN} stands for a value added upstream after this SDK was built; it is never sent.
 */
public enum LsnKind {
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
