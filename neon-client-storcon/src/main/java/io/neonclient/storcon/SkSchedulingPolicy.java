package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * Whether timelines may be placed on a safekeeper: mirrors {@code SkSchedulingPolicy} in upstream {@code
 * libs/pageserver_api/src/controller_api.rs}, including its spelling Decomissioned (one s).
 * Prints as Neon spells it; a value added upstream after this SDK reads as {@link Unknown} and prints as
 * received.
 */
public sealed interface SkSchedulingPolicy permits SkSchedulingPolicy.Known, SkSchedulingPolicy.Unknown {
    /** {@code Active}: new timelines may be placed here. */
    SkSchedulingPolicy ACTIVE = Known.ACTIVE;
    /** {@code Activating}: being brought into service. */
    SkSchedulingPolicy ACTIVATING = Known.ACTIVATING;
    /** {@code Pause}: no new timelines are placed here. */
    SkSchedulingPolicy PAUSE = Known.PAUSE;
    /** {@code Decomissioned}: out of service (upstream's spelling). */
    SkSchedulingPolicy DECOMISSIONED = Known.DECOMISSIONED;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case SkSchedulingPolicy.Known.ACTIVE ->}). */
    enum Known implements SkSchedulingPolicy {
        ACTIVE("Active"),
        ACTIVATING("Activating"),
        PAUSE("Pause"),
        DECOMISSIONED("Decomissioned");

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
    record Unknown(String wire) implements SkSchedulingPolicy {
        public Unknown {
            WireEnums.requireWire("SkSchedulingPolicy", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static SkSchedulingPolicy fromWire(String wire) {
        return WireEnums.fromWire("SkSchedulingPolicy", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
