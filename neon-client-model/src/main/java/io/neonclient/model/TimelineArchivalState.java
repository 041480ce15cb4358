package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * Whether a timeline is archived: the {@code state} of {@code PUT …/timeline/{timeline_id}/archival_config} on the
 * controller and the pageservers (mirrors {@code TimelineArchivalState} in upstream
 * {@code libs/pageserver_api/src/models.rs}). Prints as Neon spells it ({@code Archived}); a value added upstream
 * later reads as {@link Unknown} and prints as received.
 */
public sealed interface TimelineArchivalState permits TimelineArchivalState.Known, TimelineArchivalState.Unknown {
    /** {@code Archived}: the timeline is offloaded from pageservers' memory and cannot take writes. */
    TimelineArchivalState ARCHIVED = Known.ARCHIVED;
    /** {@code Unarchived}: the timeline is active again. */
    TimelineArchivalState UNARCHIVED = Known.UNARCHIVED;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case TimelineArchivalState.Known.ARCHIVED ->}). */
    enum Known implements TimelineArchivalState {
        /** {@code Archived} on the wire. */
        ARCHIVED("Archived"),
        /** {@code Unarchived} on the wire. */
        UNARCHIVED("Unarchived");

        private final String wire;

        Known(String wire) {
            this.wire = wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** A value added upstream after this SDK was built, kept as received. */
    record Unknown(String wire) implements TimelineArchivalState {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("TimelineArchivalState", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static TimelineArchivalState fromWire(String wire) {
        return WireEnums.fromWire("TimelineArchivalState", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
