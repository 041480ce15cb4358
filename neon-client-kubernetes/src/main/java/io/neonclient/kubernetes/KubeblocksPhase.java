package io.neonclient.kubernetes;

import java.util.Objects;

/**
 * The {@code status.phase} of a kubeblocks Cluster or of one of its components (mirrors {@code ClusterPhase} in
 * upstream kubeblocks' {@code apis/apps/v1/cluster_types.go} and {@code ComponentPhase} in
 * {@code apis/apps/v1/component_types.go}, which share their words). Prints as kubeblocks spells it; a value added
 * later reads as {@link Unknown}.
 */
public sealed interface KubeblocksPhase permits KubeblocksPhase.Known, KubeblocksPhase.Unknown {
    /** {@code Creating}. */
    KubeblocksPhase CREATING = Known.CREATING;
    /** {@code Starting} (components only). */
    KubeblocksPhase STARTING = Known.STARTING;
    /** {@code Running}: every component runs as specified. */
    KubeblocksPhase RUNNING = Known.RUNNING;
    /** {@code Updating}. */
    KubeblocksPhase UPDATING = Known.UPDATING;
    /** {@code Stopping}. */
    KubeblocksPhase STOPPING = Known.STOPPING;
    /** {@code Stopped}. */
    KubeblocksPhase STOPPED = Known.STOPPED;
    /** {@code Deleting}. */
    KubeblocksPhase DELETING = Known.DELETING;
    /** {@code Failed}. */
    KubeblocksPhase FAILED = Known.FAILED;
    /** {@code Abnormal} (clusters only): some components failed or are abnormal. */
    KubeblocksPhase ABNORMAL = Known.ABNORMAL;

    /** The phases this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements KubeblocksPhase {
        /** {@code Creating} on the wire. */
        CREATING("Creating"),
        /** {@code Starting} on the wire. */
        STARTING("Starting"),
        /** {@code Running} on the wire. */
        RUNNING("Running"),
        /** {@code Updating} on the wire. */
        UPDATING("Updating"),
        /** {@code Stopping} on the wire. */
        STOPPING("Stopping"),
        /** {@code Stopped} on the wire. */
        STOPPED("Stopped"),
        /** {@code Deleting} on the wire. */
        DELETING("Deleting"),
        /** {@code Failed} on the wire. */
        FAILED("Failed"),
        /** {@code Abnormal} on the wire. */
        ABNORMAL("Abnormal");

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
    record Unknown(String wire) implements KubeblocksPhase {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            Objects.requireNonNull(wire, "wire");
            if (wire.isBlank()) {
                throw new IllegalArgumentException("KubeblocksPhase needs a value as kubeblocks spells it, got '" + wire + "'");
            }
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses kubeblocks' spelling; one this SDK does not know gives an {@link Unknown} holding it. */
    static KubeblocksPhase fromWire(String wire) {
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
