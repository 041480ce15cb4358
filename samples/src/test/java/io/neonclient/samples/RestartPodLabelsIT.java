package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.neonclient.core.NodeId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neon-ops drain|rolling-restart --restart-pod-labels}: the pageservers run as pods of a StatefulSet on fabric8's
 * CRUD mock; the simulated StatefulSet controller restarts the testkit's pageserver when its pod is deleted.
 */
@EnableKubernetesMockClient(crud = true)
@SuppressWarnings("try") // the simulated StatefulSet runs for the try block; its body never names it
class RestartPodLabelsIT {
    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path dir;
    String kubeconfig;

    record Run(int exit, String out, String err) {}

    static Run neonOps(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void kubeconfig() {
        kubeconfig = MockKubernetes.kubeconfig(client, dir, "neon").toString();
    }

    private void createPod(long node) {
        client.pods().inNamespace("neon").resource(new PodBuilder().withNewMetadata().withNamespace("neon").withName("pageserver-" + node)
                .withUid(UUID.randomUUID().toString()).withLabels(Map.of("app", "pageserver", "neon/node-id", Long.toString(node)))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("pageserver").withUid("sts")
                .withController(true).endOwnerReference().endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }

    private String uid(long node) {
        return client.pods().inNamespace("neon").withName("pageserver-" + node).get().getMetadata().getUid();
    }

    /** The StatefulSet: a deleted pageserver pod means that pageserver restarts, then its new pod is Ready. */
    private AutoCloseable statefulSet(NeonTestCluster cluster, Map<Long, Integer> restarts) {
        return MockKubernetes.loop(client, c -> {
            for (long node : cluster.pageservers().keySet()) {
                if (c.pods().inNamespace("neon").withName("pageserver-" + node).get() == null) {
                    restarts.merge(node, 1, Integer::sum);
                    cluster.stopPageserver(node);
                    cluster.startPageserver(node);
                    createPod(node);
                }
            }
        });
    }

    private static void awaitActive(StorageControllerClient storcon, List<NodeId> nodes) {
        WaitPolicy wait = new WaitPolicy(Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofMillis(100), 0);
        for (NodeId n : nodes) {
            Waiter.await("node " + n + " Active", wait, () -> storcon.node(n).describe(),
                    d -> d.availability() == NodeAvailability.ACTIVE ? WaitVerdict.done() : WaitVerdict.pending(d.availability().toString()),
                    p -> { });
        }
    }

    @Test
    void drain_withRestartPodLabels_deletesThatNodesPod_andEndsActive() throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start()) {
            var storcon = StorageControllerClient.create(cluster.storageController().toString());
            awaitActive(storcon, List.of(NodeId.of(1), NodeId.of(2)));
            createPod(1);
            createPod(2);
            String before1 = uid(1);
            String before2 = uid(2);
            Map<Long, Integer> restarts = new ConcurrentHashMap<>();
            Run r;
            try (var sts = statefulSet(cluster, restarts)) {
                r = neonOps("--storcon", cluster.storageController().toString(), "drain", "--node", "2",
                        "--restart-pod-labels", "app=pageserver,neon/node-id={id}", "--kubeconfig", kubeconfig);
            }
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("Restart pageserver 2 with the pod labelled app=pageserver,neon/node-id={id} in namespace neon"), r.out());
            assertEquals(Map.of(2L, 1), restarts);
            assertEquals(before1, uid(1));
            assertNotEquals(before2, uid(2));
            var node = storcon.node(NodeId.of(2)).describe();
            assertEquals(NodeSchedulingPolicy.ACTIVE, node.scheduling());
            assertEquals(NodeAvailability.ACTIVE, node.availability());
            assertTrue(MockKubernetes.requests(server).contains("DELETE /api/v1/namespaces/neon/pods/pageserver-2"));
        }
    }

    @Test
    void rollingRestart_dryRun_namesThePodTemplateAndNamespace() {
        Run r = neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "rolling-restart", "--node", "1",
                "--restart-pod-labels", "statefulset.kubernetes.io/pod-name=pageserver-{id}", "--namespace", "storage",
                "--kubeconfig", kubeconfig);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Restart pageserver 1 with the pod labelled statefulset.kubernetes.io/pod-name=pageserver-{id}"
                + " in namespace storage"), r.out());
    }

    @Test
    void restartOptions_badCombinations_areUsageErrorsBeforeAnythingIsSent() throws InterruptedException {
        Run both = neonOps("--storcon", "http://127.0.0.1:9", "drain", "--node", "1", "--restart-command", "docker restart ps{id}",
                "--restart-pod-labels", "app=ps,id={id}");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("give --restart-command or --restart-pod-labels, not both"), both.err());
        Run noId = neonOps("--storcon", "http://127.0.0.1:9", "drain", "--node", "1", "--restart-pod-labels", "app=pageserver",
                "--kubeconfig", kubeconfig);
        assertEquals(2, noId.exit());
        assertTrue(noId.err().contains("--restart-pod-labels: labelTemplate needs {id}"), noId.err());
        Run stray = neonOps("--storcon", "http://127.0.0.1:9", "drain", "--node", "1", "--namespace", "neon");
        assertEquals(2, stray.exit());
        assertTrue(stray.err().contains("--namespace and --kubeconfig go with --restart-pod-labels"), stray.err());
        assertEquals(List.of(), MockKubernetes.requests(server));
    }
}
