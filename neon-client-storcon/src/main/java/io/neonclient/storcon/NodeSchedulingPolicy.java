package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * Whether the controller may place shards on a pageserver, and which background operation runs on it: mirrors
 * {@code NodeSchedulingPolicy} in upstream {@code libs/pageserver_api/src/controller_api.rs}. A drain ends in
 * PauseForRestart.
 * Prints as Neon spells it; a value added upstream after this SDK reads as {@link Unknown} and prints as
 * received.
 */
public sealed interface NodeSchedulingPolicy permits NodeSchedulingPolicy.Known, NodeSchedulingPolicy.Unknown {
    /** {@code Active}: shards may be placed here. */
    NodeSchedulingPolicy ACTIVE = Known.ACTIVE;
    /** {@code Filling}: shards are being moved back here after a restart. */
    NodeSchedulingPolicy FILLING = Known.FILLING;
    /** {@code Pause}: no new shards are placed here. */
    NodeSchedulingPolicy PAUSE = Known.PAUSE;
    /** {@code PauseForRestart}: drained: restart the pageserver now. */
    NodeSchedulingPolicy PAUSE_FOR_RESTART = Known.PAUSE_FOR_RESTART;
    /** {@code Draining}: attached shards are being moved away. */
    NodeSchedulingPolicy DRAINING = Known.DRAINING;
    /** {@code Deleting}: a graceful delete moves everything away, then removes the node. */
    NodeSchedulingPolicy DELETING = Known.DELETING;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case NodeSchedulingPolicy.Known.ACTIVE ->}). */
    enum Known implements NodeSchedulingPolicy {
        /** {@code Active} on the wire. */
        ACTIVE("Active"),
        /** {@code Filling} on the wire. */
        FILLING("Filling"),
        /** {@code Pause} on the wire. */
        PAUSE("Pause"),
        /** {@code PauseForRestart} on the wire. */
        PAUSE_FOR_RESTART("PauseForRestart"),
        /** {@code Draining} on the wire. */
        DRAINING("Draining"),
        /** {@code Deleting} on the wire. */
        DELETING("Deleting");

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
    record Unknown(String wire) implements NodeSchedulingPolicy {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("NodeSchedulingPolicy", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static NodeSchedulingPolicy fromWire(String wire) {
        return WireEnums.fromWire("NodeSchedulingPolicy", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
