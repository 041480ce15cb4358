package io.neonclient.kubernetes;

import static io.neonclient.kubernetes.MockCluster.fast;
import static io.neonclient.kubernetes.MockCluster.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
@SuppressWarnings("try") // the simulated controller runs for the try block; its body never names it
class VirtualMachinesTest {
    private static final long GI = 1L << 30;

    KubernetesMockServer server;
    KubernetesClient client;
    VirtualMachines vms;

    @BeforeEach
    void seed() throws InterruptedException {
        vms = NeonKubernetes.create(client).virtualMachines("default");
        create("compute-node", Map.of());
        create("autoscaled", Map.of(VirtualMachine.AUTOSCALING_LABEL, "true"));
        MockCluster.requests(server);
    }

    private void create(String name, Map<String, String> labels) {
        var guest = obj("cpus", obj("min", 1, "max", 4, "use", 1),
                "memorySlots", obj("min", 1, "max", 8, "use", 2), "memorySlotSize", "1Gi");
        var vm = MockCluster.resource("vm.neon.tech/v1", "VirtualMachine", "default", name, labels, obj(
                "spec", obj("guest", guest),
                "status", obj("phase", "Running", "cpus", 1, "memorySize", "2Gi")));
        client.genericKubernetesResources(VirtualMachines.CRD).inNamespace("default").resource(vm).create();
    }

    private GenericKubernetesResource raw(String name) {
        return client.genericKubernetesResources(VirtualMachines.CRD).inNamespace("default").withName(name).get();
    }

    /**
     * The NeonVM controller as upstream autoscaling's pkg/neonvm/controllers/vm_controller.go behaves: a spec whose
     * target revision is not current yet goes Scaling, then Running with status.cpus/memorySize from the spec and
     * the revision propagated. With {@code stuck}, it never leaves Scaling.
     */
    private AutoCloseable neonVmController(boolean stuck) {
        return MockCluster.loop(client, c -> {
            var vm = c.genericKubernetesResources(VirtualMachines.CRD).inNamespace("default").withName("compute-node");
            GenericKubernetesResource r = vm.get();
            Map<String, Object> spec = r.get("spec");
            Map<String, Object> status = r.get("status");
            Object target = spec.get("targetRevision");
            if (target == null || target.equals(status.get("currentRevision"))) {
                return;
            }
            if (stuck || !"Scaling".equals(status.get("phase"))) {
                status.put("phase", "Scaling");
            } else {
                Map<String, Object> guest = r.get("spec", "guest");
                long slots = ((Number) ((Map<?, ?>) guest.get("memorySlots")).get("use")).longValue();
                status.put("phase", "Running");
                status.put("cpus", ((Map<?, ?>) guest.get("cpus")).get("use"));
                status.put("memorySize", slots + "Gi");
                status.put("currentRevision", target);
            }
            c.genericKubernetesResources(VirtualMachines.CRD).inNamespace("default").resource(r).update();
        });
    }

    @Test
    void list_readsSpecStatusAndLabels() {
        List<VirtualMachine> all = vms.list();
        assertEquals(List.of("autoscaled", "compute-node"), all.stream().map(VirtualMachine::name).sorted().toList());
        VirtualMachine vm = vms.get("compute-node");
        assertEquals(new VirtualMachine.Cpus(MilliCpu.ofCpus(1), MilliCpu.ofCpus(4), MilliCpu.ofCpus(1)), vm.cpus());
        assertEquals(new VirtualMachine.MemorySlots(1, 8, 2), vm.memorySlots());
        assertEquals(GI, vm.memorySlotSize());
        assertEquals(2 * GI, vm.specMemory());
        assertEquals(Optional.of(VmPhase.RUNNING), vm.phase());
        assertEquals(Optional.of(MilliCpu.ofCpus(1)), vm.statusCpus());
        assertEquals(Optional.of(2 * GI), vm.statusMemory());
        assertEquals(Optional.empty(), vm.targetRevision());
        assertFalse(vm.autoscalingEnabled());
        assertTrue(vms.get("autoscaled").autoscalingEnabled());
    }

    @Test
    void get_whenNoSuchVm_throwsNotFoundNamingIt() {
        var e = assertThrows(NotFoundException.class, () -> vms.get("nope"));
        assertTrue(e.getMessage().contains("VirtualMachine default/nope not found"), e.getMessage());
        assertTrue(e.getMessage().contains("GET /apis/vm.neon.tech/v1/namespaces/{namespace}/virtualmachines/{name}"), e.getMessage());
    }

    @Test
    void scale_withinBounds_sendsTheAutoscalersPatchAndAwaitsTheController() throws Exception {
        try (var controller = neonVmController(false)) {
            VirtualMachineScaling scaling = vms.scale("compute-node", MilliCpu.ofCpus(2), 4);
            assertEquals(new Revision(1, 0), scaling.revision());
            VirtualMachine done = scaling.await(fast(Duration.ofSeconds(10)), p -> { });
            assertEquals(Optional.of(VmPhase.RUNNING), done.phase());
            assertEquals(Optional.of(MilliCpu.ofCpus(2)), done.statusCpus());
            assertEquals(Optional.of(4 * GI), done.statusMemory());
            assertEquals(Optional.of(new Revision(1, 0)), done.currentRevision());
        }
        List<String> sent = MockCluster.requests(server);
        assertTrue(sent.contains("PATCH /apis/vm.neon.tech/v1/namespaces/default/virtualmachines/compute-node"), sent.toString());
        GenericKubernetesResource r = raw("compute-node");
        assertEquals("2", r.get("spec", "guest", "cpus", "use"));
        assertEquals(4, ((Number) r.get("spec", "guest", "memorySlots", "use")).intValue());
        assertEquals(1, ((Number) r.get("spec", "targetRevision", "revision", "value")).intValue());
    }

    @Test
    void scale_again_bumpsTheRevisionAndReplacesIt() throws Exception {
        try (var controller = neonVmController(false)) {
            vms.scale("compute-node", MilliCpu.ofCpus(2), 4).await(fast(Duration.ofSeconds(10)), p -> { });
            VirtualMachine back = vms.scale("compute-node", MilliCpu.parse("1500m"), 3).await(fast(Duration.ofSeconds(10)), p -> { });
            assertEquals(Optional.of(new Revision(2, 0)), back.currentRevision());
            assertEquals(Optional.of(MilliCpu.parse("1.5")), back.statusCpus());
        }
        assertEquals("1500m", raw("compute-node").get("spec", "guest", "cpus", "use"));
    }

    @Test
    void scale_outsideCpuBounds_refusesWithoutPatching() throws InterruptedException {
        var e = assertThrows(IllegalArgumentException.class, () -> vms.scale("compute-node", MilliCpu.ofCpus(5), 2));
        assertEquals("cpus for VirtualMachine default/compute-node must be within spec.guest.cpus 1..4, got 5", e.getMessage());
        assertTrue(MockCluster.requests(server).stream().noneMatch(r -> r.startsWith("PATCH")));
        assertEquals(1, ((Number) raw("compute-node").get("spec", "guest", "cpus", "use")).intValue());
    }

    @Test
    void scale_outsideMemorySlotBounds_refusesWithoutPatching() throws InterruptedException {
        var e = assertThrows(IllegalArgumentException.class, () -> vms.scale("compute-node", MilliCpu.ofCpus(1), 9));
        assertEquals("memorySlots for VirtualMachine default/compute-node must be within spec.guest.memorySlots 1..8, got 9",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> vms.scale("compute-node", new MilliCpu(500), 2));
        assertTrue(MockCluster.requests(server).stream().noneMatch(r -> r.startsWith("PATCH")));
    }

    @Test
    void scale_onAutoscaledVm_refusesUnlessOverridden() throws InterruptedException {
        var e = assertThrows(IllegalStateException.class, () -> vms.scale("autoscaled", MilliCpu.ofCpus(2), 2));
        assertTrue(e.getMessage().contains("autoscaling.neon.tech/enabled=true"), e.getMessage());
        assertTrue(e.getMessage().contains("default/autoscaled"), e.getMessage());
        assertTrue(MockCluster.requests(server).stream().noneMatch(r -> r.startsWith("PATCH")));

        VirtualMachineScaling forced = vms.scaleOverridingAutoscaler("autoscaled", MilliCpu.ofCpus(2), 2);
        assertEquals("2", raw("autoscaled").get("spec", "guest", "cpus", "use"));
        assertEquals(MilliCpu.ofCpus(2), forced.cpus());
    }

    @Test
    void await_whenStuckInScaling_timesOutWithTheLastState() throws Exception {
        try (var controller = neonVmController(true)) {
            VirtualMachineScaling scaling = vms.scale("compute-node", MilliCpu.ofCpus(2), 4);
            var e = assertThrows(WaitTimeoutException.class, () -> scaling.await(fast(Duration.ofMillis(300)), p -> { }));
            VirtualMachine last = e.lastState(VirtualMachine.class).orElseThrow();
            assertEquals(Optional.of(VmPhase.SCALING), last.phase());
            assertTrue(e.lastReason().startsWith("status.phase Scaling, status.cpus 1 (want 2)"), e.lastReason());
            assertTrue(e.getMessage().contains("VirtualMachine default/compute-node running with 2 CPUs"), e.getMessage());
        }
    }

    @Test
    void await_whenTheVmFails_failsAtOnce() throws Exception {
        VirtualMachineScaling scaling = vms.scale("compute-node", MilliCpu.ofCpus(2), 4);
        var vm = client.genericKubernetesResources(VirtualMachines.CRD).inNamespace("default").withName("compute-node");
        GenericKubernetesResource r = vm.get();
        r.<Map<String, Object>>get("status").put("phase", "Failed");
        client.genericKubernetesResources(VirtualMachines.CRD).inNamespace("default").resource(r).update();
        var e = assertThrows(WaitFailedException.class, () -> scaling.await(fast(Duration.ofMinutes(1)), p -> { }));
        assertEquals("status.phase is Failed", e.reason());
    }

    @Test
    void await_whenAnotherRevisionIsWritten_failsAsSuperseded() {
        VirtualMachineScaling scaling = vms.scale("compute-node", MilliCpu.ofCpus(2), 4);
        vms.scale("compute-node", MilliCpu.ofCpus(3), 4);
        var e = assertThrows(WaitFailedException.class, () -> scaling.await(fast(Duration.ofMinutes(1)), p -> { }));
        assertTrue(e.reason().startsWith("spec.targetRevision is now 2"), e.reason());
    }

    @Test
    void scalePatch_isTheAutoscalerAgentsJsonPatch() {
        Instant at = Instant.parse("2025-01-02T03:04:05.678Z");
        assertEquals("[{\"op\":\"replace\",\"path\":\"/spec/guest/cpus/use\",\"value\":\"250m\"},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/guest/memorySlots/use\",\"value\":3},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/targetRevision\",\"value\":"
                        + "{\"revision\":{\"value\":7,\"flags\":0},\"updatedAt\":\"2025-01-02T03:04:05Z\"}}]",
                VirtualMachines.scalePatch(new MilliCpu(250), 3, new Revision(7, 0), true, at));
        assertTrue(VirtualMachines.scalePatch(MilliCpu.ofCpus(1), 1, new Revision(1, 0), false, at)
                .contains("{\"op\":\"add\",\"path\":\"/spec/targetRevision\""));
    }

    @Test
    void badArguments_areRefusedBeforeAnyRequest() throws InterruptedException {
        assertThrows(NullPointerException.class, () -> vms.scale("compute-node", null, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> vms.get("Compute_Node"));
        assertTrue(e.getMessage().startsWith("name must be a DNS-1123 subdomain"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NeonKubernetes.create(client).virtualMachines("Default"));
        assertEquals(List.of(), MockCluster.requests(server));
    }
}
