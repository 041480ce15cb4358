package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.Lsn;
import io.neonclient.core.internal.WireEnums;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code GET /v1/tenant/{tenant_id}/timeline/{timeline_id}/get_lsn_by_timestamp} on a pageserver and,
 * passed through to shard 0, on the controller (the local {@code Result} struct of {@code get_lsn_by_timestamp_handler}
 * in upstream {@code pageserver/src/http/routes.rs}, with an {@code LsnLease} flattened in when one was granted).
 *
 * @param lsn        the LSN found; a safe point-in-time branch point when {@code kind} is {@link Kind#PRESENT}
 * @param kind       how the LSN relates to the timestamp
 * @param validUntil when a lease was asked for and granted: until when the LSN is protected from GC
 */
public record LsnForTimestamp(Lsn lsn, Kind kind, Optional<Instant> validUntil) {
    /** Checks the components: refuses a null component, naming it. */
    public LsnForTimestamp {
        Objects.requireNonNull(lsn, "lsn");
        Objects.requireNonNull(kind, "kind");
        validUntil = validUntil == null ? Optional.empty() : validUntil;
    }

    /**
     * What a timestamp lookup found (the {@code kind} strings of {@code get_lsn_by_timestamp_handler} in upstream
     * {@code pageserver/src/http/routes.rs}). Prints as Neon spells it ({@code present}); a kind added upstream later
     * reads as {@link Unknown} and prints as received.
     */
    public sealed interface Kind permits Kind.Known, Kind.Unknown {
        /** {@code present}: commits exist before and after the timestamp; a safe point in time. */
        Kind PRESENT = Known.PRESENT;
        /** {@code future}: the timestamp is after the newest commit; the LSN is the latest commit boundary. */
        Kind FUTURE = Known.FUTURE;
        /** {@code past}: the timestamp is before the GC/PITR horizon; the LSN is the oldest available. */
        Kind PAST = Known.PAST;
        /** {@code nodata}: no commit timestamps found; the LSN is the lowest safe branch point. */
        Kind NODATA = Known.NODATA;

        /** The values this SDK knows, for exhaustive {@code switch}es. */
        enum Known implements Kind {
            /** {@code present} on the wire. */
            PRESENT("present"),
            /** {@code future} on the wire. */
            FUTURE("future"),
            /** {@code past} on the wire. */
            PAST("past"),
            /** {@code nodata} on the wire. */
            NODATA("nodata");

            private final String wire;

            Known(String wire) {
                this.wire = wire;
            }

            @Override
            public String toString() {
                return wire;
            }
        }

        /** A kind added upstream after this SDK was built, kept as received. */
        record Unknown(String wire) implements Kind {
            /** Keeps the value as received; a blank one is refused. */
            public Unknown {
                WireEnums.requireWire("LsnForTimestamp.Kind", wire);
            }

            @Override
            public String toString() {
                return wire;
            }
        }

        /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
        @JsonCreator
        static Kind fromWire(String wire) {
            return WireEnums.fromWire("LsnForTimestamp.Kind", Known.class, wire, Unknown::new);
        }

        /** Neon's spelling, as sent and received. */
        @JsonValue
        @Override
        String toString();
    }
}
