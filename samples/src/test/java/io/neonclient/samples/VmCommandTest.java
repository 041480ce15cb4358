package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neon-ops vm list|scale} against fabric8's CRUD mock, with a simulated NeonVM controller. */
@EnableKubernetesMockClient(crud = true)
@SuppressWarnings("try") // the simulated controller runs for the try block; its body never names it
class VmCommandTest {
    static final ResourceDefinitionContext VMS = new ResourceDefinitionContext.Builder().withGroup("vm.neon.tech").withVersion("v1")
            .withPlural("virtualmachines").withKind("VirtualMachine").withNamespaced(true).build();

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path dir;
    String kubeconfig;

    record Run(int exit, String out, String err) {}

    Run neonOps(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void seed() throws InterruptedException {
        kubeconfig = MockKubernetes.kubeconfig(client, dir, "neon").toString();
        create("compute-quiet-sun", Map.of(), "500m");
        create("compute-autoscaled", Map.of("autoscaling.neon.tech/enabled", "true"), "1");
        MockKubernetes.requests(server);
    }

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private void create(String name, Map<String, String> labels, String cpus) {
        var vm = new GenericKubernetesResource();
        vm.setApiVersion("vm.neon.tech/v1");
        vm.setKind("VirtualMachine");
        vm.setMetadata(new ObjectMetaBuilder().withNamespace("neon").withName(name).withLabels(labels).build());
        vm.setAdditionalProperty("spec", obj("guest", obj("cpus", obj("min", "250m", "max", 4, "use", cpus),
                "memorySlots", obj("min", 1, "max", 8, "use", 2), "memorySlotSize", "1Gi")));
        vm.setAdditionalProperty("status", obj("phase", "Running", "cpus", cpus, "memorySize", "2Gi"));
        client.genericKubernetesResources(VMS).inNamespace("neon").resource(vm).create();
    }

    /** The NeonVM controller (autoscaling's vm_controller.go): Scaling, then Running at the spec's size with the revision caught up. */
    private AutoCloseable neonVmController() {
        return MockKubernetes.loop(client, c -> {
            for (GenericKubernetesResource r : c.genericKubernetesResources(VMS).inNamespace("neon").list().getItems()) {
                Map<String, Object> spec = r.get("spec");
                Map<String, Object> status = r.get("status");
                Object target = spec.get("targetRevision");
                if (target == null || target.equals(status.get("currentRevision"))) {
                    continue;
                }
                if (!"Scaling".equals(status.get("phase"))) {
                    status.put("phase", "Scaling");
                } else {
                    Map<String, Object> guest = r.get("spec", "guest");
                    status.put("phase", "Running");
                    status.put("cpus", ((Map<?, ?>) guest.get("cpus")).get("use"));
                    status.put("memorySize", ((Number) ((Map<?, ?>) guest.get("memorySlots")).get("use")).longValue() + "Gi");
                    status.put("currentRevision", target);
                }
                c.genericKubernetesResources(VMS).inNamespace("neon").resource(r).update();
            }
        });
    }

    @Test
    void list_printsATableInNeonVmsWords() throws InterruptedException {
        Run r = neonOps("vm", "list", "--kubeconfig", kubeconfig);
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith("NAME") && lines[0].contains("PHASE") && lines[0].contains("AUTOSCALING"), lines[0]);
        assertTrue(lines[1].matches("compute-autoscaled\\s+Running\\s+1\\s+2Gi\\s+250m/1/4\\s+1/2/8 x1Gi\\s+enabled"), lines[1]);
        assertTrue(lines[2].matches("compute-quiet-sun\\s+Running\\s+500m\\s+2Gi\\s+250m/500m/4\\s+1/2/8 x1Gi\\s+off"), lines[2]);
        assertTrue(MockKubernetes.requests(server).contains("GET /apis/vm.neon.tech/v1/namespaces/neon/virtualmachines"));
    }

    @Test
    void list_andScale_withOutputJson_printTheVmsInTheResourcesFieldNames() throws Exception {
        Run list = neonOps("vm", "list", "--kubeconfig", kubeconfig, "--output", "json");
        assertEquals(0, list.exit(), list.err());
        var json = CliJson.MAPPER.readTree(list.out());
        assertEquals("vm list", json.path("command").asText(), list.out());
        var vms = json.path("virtual_machines");
        assertEquals(2, vms.size(), list.out());
        var quiet = vms.get(1);
        assertEquals("compute-quiet-sun", quiet.path("name").asText());
        assertEquals("Running", quiet.path("phase").asText());
        assertEquals("500m", quiet.path("guest").path("cpus").path("use").asText());
        assertEquals(2, quiet.path("guest").path("memorySlots").path("use").asInt());
        assertEquals("1Gi", quiet.path("guest").path("memorySlotSize").asText());
        assertEquals("2Gi", quiet.path("status").path("memorySize").asText());
        assertFalse(quiet.path("autoscalingEnabled").asBoolean());
        assertTrue(vms.get(0).path("autoscalingEnabled").asBoolean());

        Run dry = neonOps("--dry-run", "--output", "json", "vm", "scale", "compute-quiet-sun", "--cpus", "1", "--kubeconfig", kubeconfig);
        assertEquals(0, dry.exit(), dry.err());
        var plan = CliJson.MAPPER.readTree(dry.out());
        assertTrue(plan.path("dry_run").asBoolean(), dry.out());
        assertEquals("1", plan.path("target").path("cpus").asText(), dry.out());
        assertEquals(2, plan.path("target").path("memorySlots").asInt(), dry.out());
        assertTrue(MockKubernetes.requests(server).stream().noneMatch(q -> q.startsWith("PATCH")));

        Run r;
        try (var controller = neonVmController()) {
            r = neonOps("vm", "scale", "compute-quiet-sun", "--cpus", "2", "--kubeconfig", kubeconfig, "--output", "json");
        }
        assertEquals(0, r.exit(), r.out() + r.err());
        var scaled = CliJson.MAPPER.readTree(r.out());
        assertEquals("500m", scaled.path("before").path("guest").path("cpus").path("use").asText(), r.out());
        assertEquals("2", scaled.path("after").path("status").path("cpus").asText(), r.out());
        assertEquals(1, scaled.path("revision").asLong(), r.out());
    }

    @Test
    void list_inAnEmptyNamespace_saysSo() {
        Run r = neonOps("vm", "list", "--kubeconfig", kubeconfig, "--namespace", "other");
        assertEquals(0, r.exit(), r.err());
        assertEquals("No VirtualMachines in namespace other.", r.out().strip());
    }

    @Test
    void scale_withinBounds_patchesAndWaitsUntilRunningAtTheNewSize() throws Exception {
        Run r;
        try (var controller = neonVmController()) {
            r = neonOps("vm", "scale", "compute-quiet-sun", "--cpus", "2", "--memory-slots", "4", "--kubeconfig", kubeconfig);
        }
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("Scaling VirtualMachine neon/compute-quiet-sun to 2 CPUs and 4 memory slots (4Gi) at revision 1"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("compute-quiet-sun\\s+Running\\s+2\\s+4Gi\\s+250m/2/4\\s+1/4/8 x1Gi\\s+off")), r.out());
        assertTrue(MockKubernetes.requests(server).contains("PATCH /apis/vm.neon.tech/v1/namespaces/neon/virtualmachines/compute-quiet-sun"));
    }

    @Test
    void scale_outsideTheBounds_isRefusedBeforeAnyPatch() throws InterruptedException {
        Run r = neonOps("vm", "scale", "compute-quiet-sun", "--cpus", "8", "--kubeconfig", kubeconfig);
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("cpus for VirtualMachine neon/compute-quiet-sun must be within spec.guest.cpus 250m..4, got 8"), r.err());
        assertTrue(MockKubernetes.requests(server).stream().noneMatch(q -> q.startsWith("PATCH")));
    }

    @Test
    void scale_anAutoscaledVm_needsOverrideAutoscaler() throws Exception {
        Run refused = neonOps("vm", "scale", "compute-autoscaled", "--memory-slots", "3", "--kubeconfig", kubeconfig);
        assertEquals(2, refused.exit(), refused.out());
        assertTrue(refused.err().contains("labelled autoscaling.neon.tech/enabled=true"), refused.err());
        assertTrue(MockKubernetes.requests(server).stream().noneMatch(q -> q.startsWith("PATCH")));
        Run r;
        try (var controller = neonVmController()) {
            r = neonOps("vm", "scale", "compute-autoscaled", "--memory-slots", "3", "--override-autoscaler", "--kubeconfig", kubeconfig);
        }
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("compute-autoscaled\\s+Running\\s+1\\s+3Gi\\s+250m/1/4\\s+1/3/8 x1Gi\\s+enabled")), r.out());
    }

    @Test
    void scale_dryRun_readsTheVmAndSendsNoPatch() throws InterruptedException {
        Run r = neonOps("--dry-run", "vm", "scale", "compute-quiet-sun", "--cpus", "1", "--kubeconfig", kubeconfig);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Dry run: would PATCH VirtualMachine neon/compute-quiet-sun to spec.guest.cpus.use 1 and"
                + " spec.guest.memorySlots.use 2"), r.out());
        assertTrue(MockKubernetes.requests(server).stream().noneMatch(q -> q.startsWith("PATCH")));
    }

    @Test
    void scale_withNothingToChange_isAUsageError() {
        Run r = neonOps("vm", "scale", "compute-quiet-sun", "--kubeconfig", kubeconfig);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("give --cpus, --memory-slots or both"), r.err());
        Run bad = neonOps("vm", "scale", "compute-quiet-sun", "--cpus", "two", "--kubeconfig", kubeconfig);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--cpus: MilliCpu needs a CPU amount like 2, 0.5 or 500m, got 'two'"), bad.err());
    }
}
