package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * How detach_ancestor treats the ancestor chain, sent as the detach_behavior query value: mirrors {@code
 * DetachBehavior} in upstream {@code libs/pageserver_api/src/models.rs}.
 * Prints as Neon spells it; a value added upstream after this SDK reads as {@link Unknown} and prints as
 * received.
 */
public sealed interface DetachBehavior permits DetachBehavior.Known, DetachBehavior.Unknown {
    /** {@code no_ancestor_and_reparent}: only detach from a root ancestor, reparenting earlier siblings (upstream's default, v1). */
    DetachBehavior NO_ANCESTOR_AND_REPARENT = Known.NO_ANCESTOR_AND_REPARENT;
    /** {@code multi_level_and_no_reparent}: detach from several levels of ancestors without reparenting (v2). */
    DetachBehavior MULTI_LEVEL_AND_NO_REPARENT = Known.MULTI_LEVEL_AND_NO_REPARENT;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case DetachBehavior.Known.NO_ANCESTOR_AND_REPARENT ->}). */
    enum Known implements DetachBehavior {
        /** {@code no_ancestor_and_reparent} on the wire. */
        NO_ANCESTOR_AND_REPARENT("no_ancestor_and_reparent"),
        /** {@code multi_level_and_no_reparent} on the wire. */
        MULTI_LEVEL_AND_NO_REPARENT("multi_level_and_no_reparent");

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
    record Unknown(String wire) implements DetachBehavior {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("DetachBehavior", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static DetachBehavior fromWire(String wire) {
        return WireEnums.fromWire("DetachBehavior", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
