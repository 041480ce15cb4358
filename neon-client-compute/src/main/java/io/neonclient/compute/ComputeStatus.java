package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * A compute's lifecycle state as compute_ctl reports it: mirrors {@code ComputeStatus} in upstream {@code
 * libs/compute_api/src/responses.rs} (serde snake_case).
 * Prints as Neon spells it; a value added upstream after this SDK reads as {@link Unknown} and prints as
 * received.
 */
public sealed interface ComputeStatus permits ComputeStatus.Known, ComputeStatus.Unknown {
    /** {@code empty}: started without a spec; waiting for /configure. */
    ComputeStatus EMPTY = Known.EMPTY;
    /** {@code configuration_pending}: a configuration was requested. */
    ComputeStatus CONFIGURATION_PENDING = Known.CONFIGURATION_PENDING;
    /** {@code init}: has a spec; initial start-up in progress. */
    ComputeStatus INIT = Known.INIT;
    /** {@code running}: configured and serving. */
    ComputeStatus RUNNING = Known.RUNNING;
    /** {@code configuration}: a new spec is being applied. */
    ComputeStatus CONFIGURATION = Known.CONFIGURATION;
    /** {@code failed}: start-up or configuration failed; see the status error. */
    ComputeStatus FAILED = Known.FAILED;
    /** {@code termination_pending_fast}: termination requested (waits 30 s before answering). */
    ComputeStatus TERMINATION_PENDING_FAST = Known.TERMINATION_PENDING_FAST;
    /** {@code termination_pending_immediate}: termination requested, answering as soon as everything stopped. */
    ComputeStatus TERMINATION_PENDING_IMMEDIATE = Known.TERMINATION_PENDING_IMMEDIATE;
    /** {@code terminated}: Postgres has stopped. */
    ComputeStatus TERMINATED = Known.TERMINATED;
    /** {@code refresh_configuration_pending}: a spec refresh was requested. */
    ComputeStatus REFRESH_CONFIGURATION_PENDING = Known.REFRESH_CONFIGURATION_PENDING;
    /** {@code refresh_configuration}: a spec refresh is being applied. */
    ComputeStatus REFRESH_CONFIGURATION = Known.REFRESH_CONFIGURATION;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case ComputeStatus.Known.EMPTY ->}). */
    enum Known implements ComputeStatus {
        /** {@code empty} on the wire. */
        EMPTY("empty"),
        /** {@code configuration_pending} on the wire. */
        CONFIGURATION_PENDING("configuration_pending"),
        /** {@code init} on the wire. */
        INIT("init"),
        /** {@code running} on the wire. */
        RUNNING("running"),
        /** {@code configuration} on the wire. */
        CONFIGURATION("configuration"),
        /** {@code failed} on the wire. */
        FAILED("failed"),
        /** {@code termination_pending_fast} on the wire. */
        TERMINATION_PENDING_FAST("termination_pending_fast"),
        /** {@code termination_pending_immediate} on the wire. */
        TERMINATION_PENDING_IMMEDIATE("termination_pending_immediate"),
        /** {@code terminated} on the wire. */
        TERMINATED("terminated"),
        /** {@code refresh_configuration_pending} on the wire. */
        REFRESH_CONFIGURATION_PENDING("refresh_configuration_pending"),
        /** {@code refresh_configuration} on the wire. */
        REFRESH_CONFIGURATION("refresh_configuration");

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
    record Unknown(String wire) implements ComputeStatus {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("ComputeStatus", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static ComputeStatus fromWire(String wire) {
        return WireEnums.fromWire("ComputeStatus", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
