package io.neonclient.kubernetes;

import java.util.Objects;

/**
 * A NeonVM's {@code status.phase} (mirrors {@code VmPhase} in upstream autoscaling's
 * {@code neonvm/apis/neonvm/v1/virtualmachine_types.go}). Prints as NeonVM spells it ({@code Running}); a phase added
 * upstream later reads as {@link Unknown} and prints as received.
 */
public sealed interface VmPhase permits VmPhase.Known, VmPhase.Unknown {
    /** {@code Pending}: accepted, the runner pod not started yet. */
    VmPhase PENDING = Known.PENDING;
    /** {@code Running}: the runner pod runs and the VM matches its spec. */
    VmPhase RUNNING = Known.RUNNING;
    /** {@code Succeeded}: the runner's containers exited with 0. */
    VmPhase SUCCEEDED = Known.SUCCEEDED;
    /** {@code Failed}: the runner pod failed or was lost; the VM does not scale any more. */
    VmPhase FAILED = Known.FAILED;
    /** {@code PreMigrating}: preparing a live migration. */
    VmPhase PRE_MIGRATING = Known.PRE_MIGRATING;
    /** {@code Migrating}: live-migrating to another node. */
    VmPhase MIGRATING = Known.MIGRATING;
    /** {@code Scaling}: CPUs or memory are being plugged or unplugged. */
    VmPhase SCALING = Known.SCALING;

    /** The phases this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements VmPhase {
        /** {@code Pending} on the wire. */
        PENDING("Pending"),
        /** {@code Running} on the wire. */
        RUNNING("Running"),
        /** {@code Succeeded} on the wire. */
        SUCCEEDED("Succeeded"),
        /** {@code Failed} on the wire. */
        FAILED("Failed"),
        /** {@code PreMigrating} on the wire. */
        PRE_MIGRATING("PreMigrating"),
        /** {@code Migrating} on the wire. */
        MIGRATING("Migrating"),
        /** {@code Scaling} on the wire. */
        SCALING("Scaling");

        private final String wire;

        Known(String wire) {
            this.wire = wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** A phase added upstream after this SDK was built, kept as received. */
    record Unknown(String wire) implements VmPhase {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            Objects.requireNonNull(wire, "wire");
            if (wire.isBlank()) {
                throw new IllegalArgumentException("VmPhase needs a value as NeonVM spells it, got '" + wire + "'");
            }
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses NeonVM's spelling; one this SDK does not know gives an {@link Unknown} holding it. */
    static VmPhase fromWire(String wire) {
        Objects.requireNonNull(wire, "wire");
        for (Known known : Known.values()) {
            if (known.wire.equals(wire)) {
                return known;
            }
        }
        return new Unknown(wire);
    }

    /** NeonVM's spelling. */
    @Override
    String toString();
}
