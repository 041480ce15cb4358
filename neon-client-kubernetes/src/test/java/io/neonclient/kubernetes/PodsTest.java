package io.neonclient.kubernetes;

import static io.neonclient.kubernetes.MockCluster.fast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
@SuppressWarnings("try") // the simulated controller runs for the try block; its body never names it
class PodsTest {
    private static final Map<String, String> PAGESERVER_1 = Map.of("app", "pageserver", "neon/node-id", "1");

    KubernetesMockServer server;
    KubernetesClient client;
    Pods pods;

    @BeforeEach
    void seed() throws InterruptedException {
        pods = NeonKubernetes.create(client).pods("neon");
        create("pageserver-1", PAGESERVER_1, "StatefulSet", "pageserver", "Running", true);
        create("pageserver-2", Map.of("app", "pageserver", "neon/node-id", "2"), "StatefulSet", "pageserver", "Running", true);
        create("debug-shell", Map.of("app", "debug"), null, null, "Running", true);
        MockCluster.requests(server);
    }

    private void create(String name, Map<String, String> labels, String ownerKind, String owner, String phase, boolean ready) {
        var pod = new PodBuilder().withNewMetadata().withNamespace("neon").withName(name).withUid(UUID.randomUUID().toString())
                .withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("node-a").endSpec()
                .withNewStatus().withPhase(phase).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus();
        if (ownerKind != null) {
            pod.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind).withName(owner)
                    .withUid(UUID.randomUUID().toString()).withController(true).endOwnerReference().endMetadata();
        }
        client.pods().inNamespace("neon").resource(pod.build()).create();
    }

    /**
     * A StatefulSet controller: when pageserver-1 is gone, creates it again (same name, new uid), not Ready; after
     * {@code readyAfter} more ticks marks it Ready with {@code phase} (never Ready when the phase is Failed).
     */
    private AutoCloseable statefulSet(String phase, int readyAfter) {
        AtomicInteger ticks = new AtomicInteger();
        return MockCluster.loop(client, c -> {
            var existing = c.pods().inNamespace("neon").withName("pageserver-1").get();
            if (existing == null) {
                create("pageserver-1", PAGESERVER_1, "StatefulSet", "pageserver", "Pending", false);
                ticks.set(0);
            } else if (ticks.incrementAndGet() == readyAfter && !existing.getStatus().getConditions().getFirst().getStatus().equals("True")) {
                existing.getStatus().setPhase(phase);
                existing.getStatus().getConditions().getFirst().setStatus("Failed".equals(phase) ? "False" : "True");
                c.pods().inNamespace("neon").resource(existing).updateStatus();
            }
        });
    }

    @Test
    void list_selectsByEveryLabel() {
        List<Pod> found = pods.list(PAGESERVER_1);
        assertEquals(1, found.size());
        Pod p = found.getFirst();
        assertEquals("neon/pageserver-1", p.qualifiedName());
        assertEquals(Optional.of("StatefulSet/pageserver"), p.controller());
        assertEquals(Optional.of("Running"), p.phase());
        assertTrue(p.ready());
        assertEquals(Optional.of("node-a"), p.node());
        assertEquals(2, pods.list(Map.of("app", "pageserver")).size());
    }

    @Test
    void restart_deletesThePodAndAwaitsANewReadyOne() throws Exception {
        String oldUid = pods.list(PAGESERVER_1).getFirst().uid();
        try (var controller = statefulSet("Running", 3)) {
            PodRestart restart = pods.restart(PAGESERVER_1);
            assertEquals(oldUid, restart.deleted().uid());
            Pod fresh = restart.await(fast(Duration.ofSeconds(10)), p -> { });
            assertEquals("pageserver-1", fresh.name());
            assertNotEquals(oldUid, fresh.uid());
            assertTrue(fresh.ready());
        }
        assertTrue(MockCluster.requests(server).contains("DELETE /api/v1/namespaces/neon/pods/pageserver-1"));
    }

    @Test
    void restart_whenTheNewPodNeverGetsReady_timesOutWithThePods() throws Exception {
        try (var controller = statefulSet("Running", Integer.MAX_VALUE)) {
            PodRestart restart = pods.restart(PAGESERVER_1);
            var e = assertThrows(WaitTimeoutException.class, () -> restart.await(fast(Duration.ofMillis(300)), p -> { }));
            assertTrue(e.lastReason().contains("not Ready yet") || e.lastReason().equals("no new pod yet"), e.lastReason());
            assertTrue(e.lastState(List.class).isPresent());
        }
    }

    @Test
    void restart_whenTheNewPodFails_failsAtOnce() throws Exception {
        try (var controller = statefulSet("Failed", 2)) {
            PodRestart restart = pods.restart(PAGESERVER_1);
            var e = assertThrows(WaitFailedException.class, () -> restart.await(fast(Duration.ofSeconds(30)), p -> { }));
            assertEquals("the new pod pageserver-1 is Failed", e.reason());
        }
    }

    @Test
    void restart_whenSeveralPodsMatch_refusesNamingThem() throws InterruptedException {
        var e = assertThrows(IllegalStateException.class, () -> pods.restart(Map.of("app", "pageserver")));
        assertTrue(e.getMessage().contains("found 2: [pageserver-1, pageserver-2]"), e.getMessage());
        assertTrue(MockCluster.requests(server).stream().noneMatch(r -> r.startsWith("DELETE")));
    }

    @Test
    void restart_whenNoPodMatches_refuses() {
        var e = assertThrows(IllegalStateException.class, () -> pods.restart(Map.of("app", "safekeeper")));
        assertTrue(e.getMessage().endsWith("found none"), e.getMessage());
    }

    @Test
    void restart_ofABarePod_refusesAsNothingWouldRecreateIt() throws InterruptedException {
        var e = assertThrows(IllegalStateException.class, () -> pods.restart(Map.of("app", "debug")));
        assertTrue(e.getMessage().startsWith("refusing to delete pod neon/debug-shell: no controller owns it"), e.getMessage());
        assertTrue(MockCluster.requests(server).stream().noneMatch(r -> r.startsWith("DELETE")));
        assertEquals(1, pods.list(Map.of("app", "debug")).size());
    }

    @Test
    void emptySelector_isRefusedBeforeAnyRequest() throws InterruptedException {
        var e = assertThrows(IllegalArgumentException.class, () -> pods.restart(Map.of()));
        assertTrue(e.getMessage().startsWith("labels must name at least one label"), e.getMessage());
        assertThrows(NullPointerException.class, () -> pods.list(null));
        assertEquals(List.of(), MockCluster.requests(server));
    }
}
