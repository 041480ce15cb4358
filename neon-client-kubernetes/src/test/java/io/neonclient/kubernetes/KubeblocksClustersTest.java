package io.neonclient.kubernetes;

import static io.neonclient.kubernetes.MockCluster.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.neonclient.core.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubeblocksClustersTest {
    KubernetesMockServer server;
    KubernetesClient client;
    KubeblocksClusters clusters;

    @BeforeEach
    void seed() throws InterruptedException {
        clusters = NeonKubernetes.create(client).kubeblocksClusters("default");
        create("neon-pg", "Delete");
        create("kept", "DoNotTerminate");
        MockCluster.requests(server);
    }

    private void create(String name, String policy) {
        var cluster = MockCluster.resource("apps.kubeblocks.io/v1", "Cluster", "default", name, Map.of(), obj(
                "spec", obj("terminationPolicy", policy, "componentSpecs", List.of(
                        obj("name", "neon-pageserver", "componentDef", "neon-pageserver", "replicas", 1),
                        obj("name", "neon-safekeeper", "componentDef", "neon-safekeeper", "replicas", 3))),
                "status", obj("phase", "Running", "components", obj(
                        "neon-pageserver", obj("phase", "Running", "upToDate", true),
                        "neon-safekeeper", obj("phase", "Updating")))));
        client.genericKubernetesResources(KubeblocksClusters.CRD).inNamespace("default").resource(cluster).create();
    }

    private String policyOnServer(String name) {
        return client.genericKubernetesResources(KubeblocksClusters.CRD).inNamespace("default").withName(name).get()
                .get("spec", "terminationPolicy");
    }

    @Test
    void get_readsPolicyPhaseAndComponents() {
        KubeblocksCluster c = clusters.get("neon-pg");
        assertEquals("default/neon-pg", c.qualifiedName());
        assertEquals(TerminationPolicy.DELETE, c.terminationPolicy());
        assertEquals(Optional.of(KubeblocksPhase.RUNNING), c.phase());
        assertEquals(List.of(
                new KubeblocksCluster.Component("neon-pageserver", Optional.of("neon-pageserver"), Optional.of(1),
                        Optional.of(KubeblocksPhase.RUNNING), true),
                new KubeblocksCluster.Component("neon-safekeeper", Optional.of("neon-safekeeper"), Optional.of(3),
                        Optional.of(KubeblocksPhase.UPDATING), false)), c.components());
        assertEquals(2, clusters.list().size());
        assertThrows(NotFoundException.class, () -> clusters.get("nope"));
    }

    @Test
    void wipeOut_withoutConfirmation_isRefusedSayingWhatItDestroys() throws InterruptedException {
        var e = assertThrows(IllegalStateException.class,
                () -> clusters.cluster("neon-pg").updateTerminationPolicy(TerminationPolicy.WIPE_OUT));
        assertTrue(e.getMessage().startsWith("refusing to set terminationPolicy of kubeblocks Cluster default/neon-pg to "
                + "WipeOut without confirmation"), e.getMessage());
        assertTrue(e.getMessage().contains("volume snapshots and its backups in external storage"), e.getMessage());
        assertTrue(e.getMessage().endsWith(".confirmingName(\"neon-pg\")"), e.getMessage());
        assertTrue(MockCluster.requests(server).stream().noneMatch(r -> r.startsWith("PATCH")));
        assertEquals("Delete", policyOnServer("neon-pg"));
    }

    @Test
    void wipeOut_confirmingTheName_isSentAsAMergePatch() throws InterruptedException {
        KubeblocksCluster c = clusters.cluster("neon-pg").confirmingName("neon-pg")
                .updateTerminationPolicy(TerminationPolicy.WIPE_OUT);
        assertEquals(TerminationPolicy.WIPE_OUT, c.terminationPolicy());
        assertEquals("WipeOut", policyOnServer("neon-pg"));
        assertTrue(MockCluster.requests(server).contains("PATCH /apis/apps.kubeblocks.io/v1/namespaces/default/clusters/neon-pg"));
    }

    @Test
    void otherPolicies_needNoConfirmation() {
        assertEquals(TerminationPolicy.DO_NOT_TERMINATE,
                clusters.cluster("neon-pg").updateTerminationPolicy(TerminationPolicy.DO_NOT_TERMINATE).terminationPolicy());
    }

    @Test
    void confirmingName_withAnotherName_isRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> clusters.cluster("neon-pg").confirmingName("kept"));
        assertEquals("confirmingName must repeat the Cluster's name 'neon-pg', got 'kept'", e.getMessage());
    }

    @Test
    void delete_withoutConfirmation_isRefusedSayingWhatThePolicyDestroys() throws InterruptedException {
        var e = assertThrows(IllegalStateException.class, () -> clusters.cluster("neon-pg").delete());
        assertTrue(e.getMessage().startsWith("refusing to delete kubeblocks Cluster default/neon-pg without confirmation: "
                + "its terminationPolicy is Delete, so deleting it destroys all its runtime resources"), e.getMessage());
        assertTrue(MockCluster.requests(server).stream().noneMatch(r -> r.startsWith("DELETE")));
        assertEquals("Delete", policyOnServer("neon-pg"));
    }

    @Test
    void delete_confirmingTheName_deletesTheCluster() {
        clusters.cluster("neon-pg").confirmingName("neon-pg").delete();
        assertNull(client.genericKubernetesResources(KubeblocksClusters.CRD).inNamespace("default").withName("neon-pg").get());
    }

    @Test
    void delete_ofADoNotTerminateCluster_isRefusedEvenConfirmed() {
        var e = assertThrows(IllegalStateException.class, () -> clusters.cluster("kept").confirmingName("kept").delete());
        assertTrue(e.getMessage().contains("its terminationPolicy is DoNotTerminate"), e.getMessage());
        assertEquals("DoNotTerminate", policyOnServer("kept"));
    }

    @Test
    void terminationPolicy_printsAndParsesKubeblocksSpelling() {
        for (TerminationPolicy.Known p : TerminationPolicy.Known.values()) {
            assertEquals(p, TerminationPolicy.fromWire(p.toString()));
        }
        assertEquals(new TerminationPolicy.Unknown("Halt"), TerminationPolicy.fromWire("Halt"));
        assertEquals("WipeOut", TerminationPolicy.WIPE_OUT.toString());
    }
}
