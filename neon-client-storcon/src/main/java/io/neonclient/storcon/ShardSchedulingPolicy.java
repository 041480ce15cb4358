package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * How freely the controller may move a tenant's shards: mirrors {@code ShardSchedulingPolicy} in upstream {@code
 * libs/pageserver_api/src/controller_api.rs}.
 * Prints as Neon spells it; a value added upstream after this SDK reads as {@link Unknown} and prints as
 * received.
 */
public sealed interface ShardSchedulingPolicy permits ShardSchedulingPolicy.Known, ShardSchedulingPolicy.Unknown {
    /** {@code Active}: normal scheduling and optimisation. */
    ShardSchedulingPolicy ACTIVE = Known.ACTIVE;
    /** {@code Essential}: only moves needed for availability. */
    ShardSchedulingPolicy ESSENTIAL = Known.ESSENTIAL;
    /** {@code Pause}: no scheduling; reconciles still run. */
    ShardSchedulingPolicy PAUSE = Known.PAUSE;
    /** {@code Stop}: no scheduling and no reconciles. */
    ShardSchedulingPolicy STOP = Known.STOP;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case ShardSchedulingPolicy.Known.ACTIVE ->}). */
    enum Known implements ShardSchedulingPolicy {
        ACTIVE("Active"),
        ESSENTIAL("Essential"),
        PAUSE("Pause"),
        STOP("Stop");

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
    record Unknown(String wire) implements ShardSchedulingPolicy {
        public Unknown {
            WireEnums.requireWire("ShardSchedulingPolicy", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static ShardSchedulingPolicy fromWire(String wire) {
        return WireEnums.fromWire("ShardSchedulingPolicy", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
