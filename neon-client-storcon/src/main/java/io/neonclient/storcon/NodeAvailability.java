package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * Whether the controller can reach a pageserver: mirrors {@code NodeAvailabilityWrapper} in upstream {@code
 * libs/pageserver_api/src/controller_api.rs}.
 * Prints as Neon spells it; a value added upstream after this SDK reads as {@link Unknown} and prints as
 * received.
 */
public sealed interface NodeAvailability permits NodeAvailability.Known, NodeAvailability.Unknown {
    /** {@code Active}: heartbeats answered; shards may be placed here. */
    NodeAvailability ACTIVE = Known.ACTIVE;
    /** {@code WarmingUp}: back after an outage, re-attaching its shards. */
    NodeAvailability WARMING_UP = Known.WARMING_UP;
    /** {@code Offline}: heartbeats fail; its attached shards fail over. */
    NodeAvailability OFFLINE = Known.OFFLINE;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case NodeAvailability.Known.ACTIVE ->}). */
    enum Known implements NodeAvailability {
        /** {@code Active} on the wire. */
        ACTIVE("Active"),
        /** {@code WarmingUp} on the wire. */
        WARMING_UP("WarmingUp"),
        /** {@code Offline} on the wire. */
        OFFLINE("Offline");

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
    record Unknown(String wire) implements NodeAvailability {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("NodeAvailability", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static NodeAvailability fromWire(String wire) {
        return WireEnums.fromWire("NodeAvailability", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
