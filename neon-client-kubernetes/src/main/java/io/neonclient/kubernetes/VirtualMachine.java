package io.neonclient.kubernetes;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read view of a NeonVM {@code VirtualMachine} ({@code vm.neon.tech/v1}, upstream autoscaling's
 * {@code neonvm/apis/neonvm/v1/virtualmachine_types.go}): the guest's CPU and memory bounds and what it should use
 * ({@code spec}), and what the NeonVM controller last reported ({@code status}). Fields the controller has not filled
 * yet are empty.
 *
 * @param namespace       {@code metadata.namespace}
 * @param name            {@code metadata.name}
 * @param labels          {@code metadata.labels}
 * @param cpus            {@code spec.guest.cpus}
 * @param memorySlots     {@code spec.guest.memorySlots}
 * @param memorySlotSize  {@code spec.guest.memorySlotSize} in bytes
 * @param targetRevision  {@code spec.targetRevision.revision}
 * @param phase           {@code status.phase}
 * @param statusCpus      {@code status.cpus}: the CPUs the VM has now
 * @param statusMemory    {@code status.memorySize} in bytes: the memory the VM has now
 * @param currentRevision {@code status.currentRevision.revision}: the last target revision that reached the VM
 */
public record VirtualMachine(String namespace, String name, Map<String, String> labels, Cpus cpus, MemorySlots memorySlots,
                             long memorySlotSize, Optional<Revision> targetRevision, Optional<VmPhase> phase,
                             Optional<MilliCpu> statusCpus, Optional<Long> statusMemory, Optional<Revision> currentRevision) {

    /** The label the autoscaler-agent looks for (upstream autoscaling's {@code pkg/api/vminfo.go}). */
    public static final String AUTOSCALING_LABEL = "autoscaling.neon.tech/enabled";

    /** Checks the components: refuses a null component, naming it; refuses a bad value with an {@link IllegalArgumentException} naming the field and copies lists and maps (unmodifiable). */
    public VirtualMachine {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(memorySlots, "memorySlots");
        if (memorySlotSize <= 0) {
            throw new IllegalArgumentException("VirtualMachine " + namespace + "/" + name + " memorySlotSize must be positive, got " + memorySlotSize);
        }
        Objects.requireNonNull(targetRevision, "targetRevision");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(statusCpus, "statusCpus");
        Objects.requireNonNull(statusMemory, "statusMemory");
        Objects.requireNonNull(currentRevision, "currentRevision");
    }

    /**
     * True when the VM carries {@code autoscaling.neon.tech/enabled=true}: the autoscaler-agent then owns
     * {@code spec.guest.*.use} and overwrites a manual change (upstream autoscaling's {@code HasAutoscalingEnabled}).
     */
    public boolean autoscalingEnabled() {
        return "true".equals(labels.get(AUTOSCALING_LABEL));
    }

    /** The memory the spec asks for: {@code memorySlots.use × memorySlotSize} bytes, as the NeonVM controller computes it. */
    public long specMemory() {
        return memorySlots.use() * memorySlotSize;
    }

    /** {@code namespace/name}, as kubectl names it. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /**
     * {@code spec.guest.cpus}: the bounds and the amount to use.
     *
     * @param min the fewest CPUs the VM may be scaled to
     * @param max the most
     * @param use what the VM should have now
     */
    public record Cpus(MilliCpu min, MilliCpu max, MilliCpu use) {
        /** Checks the components: refuses a null component, naming it. */
        public Cpus {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            Objects.requireNonNull(use, "use");
        }
    }

    /**
     * {@code spec.guest.memorySlots}: bounds and use, in slots of {@code memorySlotSize} bytes.
     *
     * @param min the fewest slots (1..512 per the CRD)
     * @param max the most
     * @param use what the VM should have now
     */
    public record MemorySlots(int min, int max, int use) {}
}
