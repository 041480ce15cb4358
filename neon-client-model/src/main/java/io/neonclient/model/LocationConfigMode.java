package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * How a pageserver holds a tenant shard: the {@code mode} of a {@link LocationConfig} (mirrors
 * {@code LocationConfigMode} in upstream {@code libs/pageserver_api/src/models.rs}). Prints as Neon spells it
 * ({@code AttachedSingle}); a mode added upstream later reads as {@link Unknown} and prints as received.
 */
public sealed interface LocationConfigMode permits LocationConfigMode.Known, LocationConfigMode.Unknown {
    /** {@code AttachedSingle}: the only attached location; uploads and deletes freely. */
    LocationConfigMode ATTACHED_SINGLE = Known.ATTACHED_SINGLE;
    /** {@code AttachedMulti}: attached while another location in another generation may be too (a live migration). */
    LocationConfigMode ATTACHED_MULTI = Known.ATTACHED_MULTI;
    /** {@code AttachedStale}: attached in a superseded generation; serves reads, deletes nothing. */
    LocationConfigMode ATTACHED_STALE = Known.ATTACHED_STALE;
    /** {@code Secondary}: a standby that downloads layers from the heatmap. */
    LocationConfigMode SECONDARY = Known.SECONDARY;
    /** {@code Detached}: not held; sending it drops local state (idempotent). */
    LocationConfigMode DETACHED = Known.DETACHED;

    /** The values this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements LocationConfigMode {
        /** {@code AttachedSingle} on the wire. */
        ATTACHED_SINGLE("AttachedSingle"),
        /** {@code AttachedMulti} on the wire. */
        ATTACHED_MULTI("AttachedMulti"),
        /** {@code AttachedStale} on the wire. */
        ATTACHED_STALE("AttachedStale"),
        /** {@code Secondary} on the wire. */
        SECONDARY("Secondary"),
        /** {@code Detached} on the wire. */
        DETACHED("Detached");

        private final String wire;

        Known(String wire) {
            this.wire = wire;
        }

        @Override
        public String toString() {
            return wire;
        }

        @Override
        public boolean isAttached() {
            return this == ATTACHED_SINGLE || this == ATTACHED_MULTI || this == ATTACHED_STALE;
        }
    }

    /** A mode added upstream after this SDK was built, kept as received. */
    record Unknown(String wire) implements LocationConfigMode {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("LocationConfigMode", wire);
        }

        @Override
        public String toString() {
            return wire;
        }

        /** An unknown mode is not assumed to be attached. */
        @Override
        public boolean isAttached() {
            return false;
        }
    }

    /**
     * True for the three attached modes. Abstract rather than a default method: a default method would make
     * {@code Known}'s initialisation initialise this interface first, and the constant aliases above would read null.
     */
    boolean isAttached();

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static LocationConfigMode fromWire(String wire) {
        return WireEnums.fromWire("LocationConfigMode", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
