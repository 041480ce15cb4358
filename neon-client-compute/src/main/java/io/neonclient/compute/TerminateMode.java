package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * The mode query value of POST /terminate: mirrors {@code TerminateMode} in upstream {@code
 * libs/compute_api/src/responses.rs} (snake_case).
 * Prints as Neon spells it; a value added upstream after this SDK reads as {@link Unknown} and prints as
 * received.
 */
public sealed interface TerminateMode permits TerminateMode.Known, TerminateMode.Unknown {
    /** {@code fast}: upstream's default: wait 30 s before answering so the control plane can fetch errors. */
    TerminateMode FAST = Known.FAST;
    /** {@code immediate}: answer as soon as everything has stopped. */
    TerminateMode IMMEDIATE = Known.IMMEDIATE;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case TerminateMode.Known.FAST ->}). */
    enum Known implements TerminateMode {
        FAST("fast"),
        IMMEDIATE("immediate");

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
    record Unknown(String wire) implements TerminateMode {
        public Unknown {
            WireEnums.requireWire("TerminateMode", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static TerminateMode fromWire(String wire) {
        return WireEnums.fromWire("TerminateMode", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
