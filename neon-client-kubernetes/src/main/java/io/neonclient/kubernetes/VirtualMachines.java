package io.neonclient.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.neonclient.core.Operation;
import io.neonclient.core.WaitPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The NeonVM {@code VirtualMachine}s of one namespace: {@code /apis/vm.neon.tech/v1/namespaces/{namespace}/virtualmachines}.
 * Obtained from {@link NeonKubernetes#virtualMachines(String)}.
 */
public final class VirtualMachines {
    // Named explicitly rather than discovered: one request fewer, and the CRD's plural is fixed upstream
    // (+kubebuilder:resource:singular=neonvm on VirtualMachine in neonvm/apis/neonvm/v1/virtualmachine_types.go).
    static final ResourceDefinitionContext CRD = new ResourceDefinitionContext.Builder()
            .withGroup("vm.neon.tech").withVersion("v1").withPlural("virtualmachines").withKind("VirtualMachine")
            .withNamespaced(true).build();
    private static final String PATH = "/apis/vm.neon.tech/v1/namespaces/{namespace}/virtualmachines";
    static final Operation LIST = new Operation("GET", PATH);
    static final Operation GET = new Operation("GET", PATH + "/{name}");
    static final Operation PATCH = new Operation("PATCH", PATH + "/{name}");

    private final KubernetesClient client;
    private final String namespace;
    private final WaitPolicy waitPolicy;

    VirtualMachines(KubernetesClient client, String namespace, WaitPolicy waitPolicy) {
        this.client = client;
        this.namespace = KubernetesCalls.namespace(namespace);
        this.waitPolicy = waitPolicy;
    }

    /**
     * Every VirtualMachine of the namespace: {@code GET /apis/vm.neon.tech/v1/namespaces/{namespace}/virtualmachines}.
     *
     * @throws io.neonclient.core.ApiException       on an error answer (e.g. 403 without RBAC on {@code virtualmachines})
     * @throws io.neonclient.core.TransportException when the API server does not answer
     * @throws IllegalStateException                 when an object does not follow the CRD
     */
    public List<VirtualMachine> list() {
        return KubernetesCalls.call(LIST, () -> client.genericKubernetesResources(CRD).inNamespace(namespace).list())
                .getItems().stream().map(VirtualMachines::view).toList();
    }

    /**
     * One VirtualMachine: {@code GET /apis/vm.neon.tech/v1/namespaces/{namespace}/virtualmachines/{name}}.
     *
     * @throws io.neonclient.core.NotFoundException when there is none of that name
     * @throws IllegalArgumentException             when {@code name} is not a Kubernetes object name
     */
    public VirtualMachine get(String name) {
        return find(KubernetesCalls.name("name", name))
                .orElseThrow(() -> KubernetesCalls.notFound(GET, "VirtualMachine " + namespace + "/" + name));
    }

    /**
     * Scales a VM by hand, as {@code kubectl patch neonvm … /spec/guest/cpus/use} does, and returns the wait for it.
     * Reads the VM ({@code GET …/virtualmachines/{name}}), checks {@code min ≤ use ≤ max} for the CPUs and the memory
     * slots (NeonVM's admission webhook refuses otherwise), then sends the JSON patch the autoscaler-agent sends
     * ({@code PATCH …/virtualmachines/{name}}, {@code application/json-patch+json}): {@code spec.guest.cpus.use},
     * {@code spec.guest.memorySlots.use} and a new {@code spec.targetRevision} one above the last. The returned handle's
     * {@code await} polls {@code GET …/virtualmachines/{name}} until the controller reports {@code status.phase}
     * {@code Running} with {@code status.cpus} and {@code status.memorySize} matching and {@code status.currentRevision}
     * equal to the new target revision.
     *
     * @param cpus        the new {@code spec.guest.cpus.use}
     * @param memorySlots the new {@code spec.guest.memorySlots.use}
     * @throws IllegalArgumentException             when a value is outside the VM's bounds (nothing is sent)
     * @throws IllegalStateException                when the VM is labelled {@code autoscaling.neon.tech/enabled=true}:
     *                                              its autoscaler would overwrite the change (nothing is sent); see
     *                                              {@link #scaleOverridingAutoscaler}
     * @throws io.neonclient.core.NotFoundException when there is no such VM
     */
    public VirtualMachineScaling scale(String name, MilliCpu cpus, int memorySlots) {
        return scale(name, cpus, memorySlots, false);
    }

    /**
     * {@link #scale} also on a VM whose autoscaler is enabled. The autoscaler-agent will move {@code use} again on its
     * next decision; use this only when the agent is stopped or to test the controller.
     */
    public VirtualMachineScaling scaleOverridingAutoscaler(String name, MilliCpu cpus, int memorySlots) {
        return scale(name, cpus, memorySlots, true);
    }

    private VirtualMachineScaling scale(String name, MilliCpu cpus, int memorySlots, boolean overrideAutoscaler) {
        KubernetesCalls.name("name", name);
        Objects.requireNonNull(cpus, "cpus");
        VirtualMachine vm = get(name);
        if (vm.autoscalingEnabled() && !overrideAutoscaler) {
            throw new IllegalStateException("refusing to scale VirtualMachine " + vm.qualifiedName() + ": it is labelled "
                    + VirtualMachine.AUTOSCALING_LABEL + "=true, so its autoscaler-agent would overwrite a manual change; "
                    + "remove the label first, or call scaleOverridingAutoscaler");
        }
        VirtualMachine.Cpus c = vm.cpus();
        if (cpus.compareTo(c.min()) < 0 || cpus.compareTo(c.max()) > 0) {
            throw new IllegalArgumentException("cpus for VirtualMachine " + vm.qualifiedName() + " must be within spec.guest.cpus "
                    + c.min() + ".." + c.max() + ", got " + cpus);
        }
        VirtualMachine.MemorySlots m = vm.memorySlots();
        if (memorySlots < m.min() || memorySlots > m.max()) {
            throw new IllegalArgumentException("memorySlots for VirtualMachine " + vm.qualifiedName()
                    + " must be within spec.guest.memorySlots " + m.min() + ".." + m.max() + ", got " + memorySlots);
        }
        long last = Math.max(vm.targetRevision().map(Revision::value).orElse(0L),
                vm.currentRevision().map(Revision::value).orElse(0L));
        Revision target = new Revision(last + 1, 0);
        String patch = scalePatch(cpus, memorySlots, target, vm.targetRevision().isPresent(), Instant.now());
        KubernetesCalls.call(PATCH, () -> client.genericKubernetesResources(CRD).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON), patch));
        return new VirtualMachineScaling(vm, cpus, memorySlots, target, waitPolicy, () -> find(name));
    }

    /**
     * The JSON patch of upstream autoscaling's {@code pkg/agent/runner.go} ({@code doNeonVMRequest}): {@code replace}
     * of both {@code use} fields, the CPUs as a resource quantity ({@code "2"}, {@code "500m"}) and the slots as an
     * integer, and the target revision with its time. The agent always {@code replace}s the revision; a VM no agent
     * has touched has none yet and JSON patch's {@code replace} needs the member to exist, so this {@code add}s it then.
     */
    static String scalePatch(MilliCpu cpus, int memorySlots, Revision target, boolean revisionExists, Instant now) {
        return "[{\"op\":\"replace\",\"path\":\"/spec/guest/cpus/use\",\"value\":\"" + cpus + "\"},"
                + "{\"op\":\"replace\",\"path\":\"/spec/guest/memorySlots/use\",\"value\":" + memorySlots + "},"
                + "{\"op\":\"" + (revisionExists ? "replace" : "add") + "\",\"path\":\"/spec/targetRevision\",\"value\":"
                + "{\"revision\":{\"value\":" + target.value() + ",\"flags\":" + target.flags() + "},"
                + "\"updatedAt\":\"" + now.truncatedTo(ChronoUnit.SECONDS) + "\"}}]";
    }

    private Optional<VirtualMachine> find(String name) {
        GenericKubernetesResource r = KubernetesCalls.call(GET,
                () -> client.genericKubernetesResources(CRD).inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(r).map(VirtualMachines::view);
    }

    static VirtualMachine view(GenericKubernetesResource r) {
        String ns = Objects.requireNonNullElse(r.getMetadata().getNamespace(), "");
        String qualified = "VirtualMachine " + ns + "/" + r.getMetadata().getName();
        Fields f = new Fields(qualified, r.getAdditionalProperties());
        var cpus = new VirtualMachine.Cpus(cpu(f, "min"), cpu(f, "max"), cpu(f, "use"));
        var slots = new VirtualMachine.MemorySlots(slots(f, "min"), slots(f, "max"), slots(f, "use"));
        long slotSize = bytes(f, f.required(f.quantity("spec", "guest", "memorySlotSize"), "spec", "guest", "memorySlotSize"),
                "spec.guest.memorySlotSize");
        return new VirtualMachine(ns, r.getMetadata().getName(),
                Objects.requireNonNullElse(r.getMetadata().getLabels(), Map.of()), cpus, slots, slotSize,
                revision(f, "spec", "targetRevision"), f.text("status", "phase").map(VmPhase::fromWire),
                f.quantity("status", "cpus").map(q -> milliCpu(f, q, "status.cpus")),
                f.quantity("status", "memorySize").map(q -> bytes(f, q, "status.memorySize")),
                revision(f, "status", "currentRevision"));
    }

    private static MilliCpu cpu(Fields f, String which) {
        return milliCpu(f, f.required(f.quantity("spec", "guest", "cpus", which), "spec", "guest", "cpus", which),
                "spec.guest.cpus." + which);
    }

    private static MilliCpu milliCpu(Fields f, String quantity, String field) {
        try {
            return MilliCpu.parse(quantity);
        } catch (IllegalArgumentException e) {
            throw f.wrongType(new String[] {field}, "a CPU amount", quantity);
        }
    }

    private static int slots(Fields f, String which) {
        return Math.toIntExact(f.required(f.integer("spec", "guest", "memorySlots", which), "spec", "guest", "memorySlots", which));
    }

    private static long bytes(Fields f, String quantity, String field) {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity)).longValueExact();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw f.wrongType(new String[] {field}, "a whole number of bytes", quantity);
        }
    }

    private static Optional<Revision> revision(Fields f, String... path) {
        String[] value = append(path, "revision", "value");
        String[] flags = append(path, "revision", "flags");
        return f.integer(value).map(v -> new Revision(v, f.integer(flags).orElse(0L)));
    }

    private static String[] append(String[] path, String... more) {
        String[] all = java.util.Arrays.copyOf(path, path.length + more.length);
        System.arraycopy(more, 0, all, path.length, more.length);
        return all;
    }
}
