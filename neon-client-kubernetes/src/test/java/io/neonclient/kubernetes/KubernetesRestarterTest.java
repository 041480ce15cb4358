package io.neonclient.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.NodeId;
import io.neonclient.core.WaitTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
@SuppressWarnings("try") // the simulated StatefulSet runs for the try block; its body never names it
class KubernetesRestarterTest {
    KubernetesMockServer server;
    KubernetesClient client;
    Pods pods;

    @BeforeEach
    void seed() throws InterruptedException {
        pods = NeonKubernetes.builder().client(client).config(ClientConfig.defaults().withWaitPolicy(MockCluster.fast(Duration.ofSeconds(10))))
                .build().pods("neon");
        for (int id = 1; id <= 2; id++) {
            create("pageserver-" + id, id, true);
        }
        MockCluster.requests(server);
    }

    private void create(String name, int node, boolean ready) {
        client.pods().inNamespace("neon").resource(new PodBuilder().withNewMetadata().withNamespace("neon").withName(name)
                .withUid(UUID.randomUUID().toString()).withLabels(Map.of("app", "pageserver", "neon/node-id", Integer.toString(node)))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("pageserver")
                .withUid("sts").withController(true).endOwnerReference().endMetadata()
                .withNewStatus().withPhase(ready ? "Running" : "Pending").addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().endStatus().build()).create();
    }

    /** A StatefulSet controller: recreates a deleted pageserver pod, Ready at once when {@code ready}. */
    private AutoCloseable statefulSet(boolean ready) {
        return MockCluster.loop(client, c -> {
            for (int id = 1; id <= 2; id++) {
                if (c.pods().inNamespace("neon").withName("pageserver-" + id).get() == null) {
                    create("pageserver-" + id, id, ready);
                }
            }
        });
    }

    @Test
    void restart_deletesTheNodesPodOnly_andReturnsOnceItsSuccessorIsReady() throws Exception {
        String before1 = pods.list(Map.of("neon/node-id", "1")).getFirst().uid();
        String before2 = pods.list(Map.of("neon/node-id", "2")).getFirst().uid();
        var restarter = KubernetesRestarter.of(pods, "app=pageserver,neon/node-id={id}");
        try (var sts = statefulSet(true)) {
            restarter.restart(NodeId.of(1));
        }
        var now1 = pods.list(Map.of("neon/node-id", "1")).getFirst();
        assertNotEquals(before1, now1.uid());
        assertTrue(now1.ready());
        assertEquals(before2, pods.list(Map.of("neon/node-id", "2")).getFirst().uid());
        List<String> requests = MockCluster.requests(server);
        assertTrue(requests.contains("DELETE /api/v1/namespaces/neon/pods/pageserver-1"), requests.toString());
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("DELETE") && r.endsWith("pageserver-2")), requests.toString());
    }

    @Test
    void restart_whenTheNewPodNeverGetsReady_failsWithTheWait() throws Exception {
        Pods impatient = NeonKubernetes.builder().client(client)
                .config(ClientConfig.defaults().withWaitPolicy(MockCluster.fast(Duration.ofMillis(300)))).build().pods("neon");
        var restarter = KubernetesRestarter.of(impatient, "statefulset.kubernetes.io/pod-name=pageserver-{id}");
        // the pods were seeded without the pod-name label: add it as the StatefulSet controller does
        for (int id = 1; id <= 2; id++) {
            var p = client.pods().inNamespace("neon").withName("pageserver-" + id).get();
            p.getMetadata().getLabels().put("statefulset.kubernetes.io/pod-name", "pageserver-" + id);
            client.pods().inNamespace("neon").resource(p).update();
        }
        try (var sts = MockCluster.loop(client, c -> {
            if (c.pods().inNamespace("neon").withName("pageserver-2").get() == null) {
                create("pageserver-2", 2, false);
            }
        })) {
            var e = assertThrows(WaitTimeoutException.class, () -> restarter.restart(NodeId.of(2)));
            assertTrue(e.getMessage().contains("pageserver-2"), e.getMessage());
        }
    }

    @Test
    void restart_whenNoPodHasTheNodesLabels_refusesAndDeletesNothing() throws InterruptedException {
        var restarter = KubernetesRestarter.of(pods, "app=pageserver,neon/node-id={id}");
        var e = assertThrows(IllegalStateException.class, () -> restarter.restart(NodeId.of(7)));
        assertTrue(e.getMessage().contains("{app=pageserver, neon/node-id=7}, found none"), e.getMessage());
        assertTrue(MockCluster.requests(server).stream().noneMatch(r -> r.startsWith("DELETE")));
    }

    @Test
    void labelsFor_replacesEveryIdInTheTemplate() {
        var restarter = KubernetesRestarter.of(pods, "app=pageserver, neon/node-id={id},pod=ps-{id}-a");
        assertEquals(Map.of("app", "pageserver", "neon/node-id", "12", "pod", "ps-12-a"), restarter.labelsFor(NodeId.of(12)));
        assertEquals("the pod labelled app=pageserver, neon/node-id={id},pod=ps-{id}-a in namespace neon (deleted, then awaited Ready)",
                restarter.toString());
    }

    @Test
    void badTemplates_areRefusedNamingWhatWasExpected() throws InterruptedException {
        var noId = assertThrows(IllegalArgumentException.class, () -> KubernetesRestarter.of(pods, "app=pageserver"));
        assertTrue(noId.getMessage().startsWith("labelTemplate needs {id}"), noId.getMessage());
        var noPair = assertThrows(IllegalArgumentException.class, () -> KubernetesRestarter.of(pods, "pageserver-{id}"));
        assertTrue(noPair.getMessage().startsWith("labelTemplate must be key=value pairs"), noPair.getMessage());
        var badKey = assertThrows(IllegalArgumentException.class, () -> KubernetesRestarter.of(pods, "my app={id}"));
        assertTrue(badKey.getMessage().startsWith("labelTemplate key 'my app' is not a Kubernetes label key"), badKey.getMessage());
        var badValue = assertThrows(IllegalArgumentException.class, () -> KubernetesRestarter.of(pods, "node=#{id}"));
        assertTrue(badValue.getMessage().startsWith("labelTemplate value of 'node' is not a Kubernetes label value"), badValue.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> KubernetesRestarter.of(pods, "a={id},a=b"));
        assertTrue(twice.getMessage().startsWith("labelTemplate names label 'a' twice"), twice.getMessage());
        assertThrows(NullPointerException.class, () -> KubernetesRestarter.of(pods, null));
        assertThrows(NullPointerException.class, () -> KubernetesRestarter.of(null, "a={id}"));
        assertEquals(List.of(), MockCluster.requests(server));
    }
}
