package io.neonclient.kubernetes;

import java.util.Objects;

/**
 * A kubeblocks Cluster's {@code spec.terminationPolicy}: what deleting the Cluster destroys (mirrors
 * {@code TerminationPolicyType} in upstream kubeblocks' {@code apis/apps/v1/cluster_types.go}). Prints as kubeblocks
 * spells it; a value added later reads as {@link Unknown}.
 */
public sealed interface TerminationPolicy permits TerminationPolicy.Known, TerminationPolicy.Unknown {
    /** {@code DoNotTerminate}: kubeblocks blocks deleting the Cluster; everything stays. */
    TerminationPolicy DO_NOT_TERMINATE = Known.DO_NOT_TERMINATE;
    /** {@code Delete}: deleting the Cluster deletes its runtime resources: pods, services and volume claims with their data. */
    TerminationPolicy DELETE = Known.DELETE;
    /**
     * {@code WipeOut}: deleting the Cluster deletes everything {@code Delete} does and also its volume snapshots and its
     * backups in external storage. Irreversible.
     */
    TerminationPolicy WIPE_OUT = Known.WIPE_OUT;

    /** The policies this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements TerminationPolicy {
        /** {@code DoNotTerminate} on the wire. */
        DO_NOT_TERMINATE("DoNotTerminate"),
        /** {@code Delete} on the wire. */
        DELETE("Delete"),
        /** {@code WipeOut} on the wire. */
        WIPE_OUT("WipeOut");

        private final String wire;

        Known(String wire) {
            this.wire = wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** A policy added upstream after this SDK was built, kept as received. */
    record Unknown(String wire) implements TerminationPolicy {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            Objects.requireNonNull(wire, "wire");
            if (wire.isBlank()) {
                throw new IllegalArgumentException("TerminationPolicy needs a value as kubeblocks spells it, got '" + wire + "'");
            }
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses kubeblocks' spelling; one this SDK does not know gives an {@link Unknown} holding it. */
    static TerminationPolicy fromWire(String wire) {
        Objects.requireNonNull(wire, "wire");
        for (Known known : Known.values()) {
            if (known.wire.equals(wire)) {
                return known;
            }
        }
        return new Unknown(wire);
    }

    /** kubeblocks' spelling. */
    @Override
    String toString();
}
