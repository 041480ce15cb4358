package io.neonclient.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Objects;

/**
 * One kubeblocks Cluster: {@code /apis/apps.kubeblocks.io/v1/namespaces/{namespace}/clusters/{name}}, from
 * {@link KubeblocksClusters#cluster(String)}. The two irreversible calls, setting {@code terminationPolicy} to
 * {@code WipeOut} and deleting the Cluster, are refused unless the caller names the Cluster again with
 * {@link #confirmingName(String)}, as an operator typing the name to confirm:
 *
 * <pre>{@code
 * clusters.cluster("neon-pg").confirmingName("neon-pg").updateTerminationPolicy(TerminationPolicy.WIPE_OUT);
 * clusters.cluster("neon-pg").confirmingName("neon-pg").delete();
 * }</pre>
 */
public final class KubeblocksClusterResource {
    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final boolean confirmed;

    KubeblocksClusterResource(KubernetesClient client, String namespace, String name, boolean confirmed) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.confirmed = confirmed;
    }

    /**
     * This handle with the irreversible calls allowed. Sends nothing.
     *
     * @param name the Cluster's name, typed again
     * @throws IllegalArgumentException when {@code name} is not this Cluster's name
     */
    public KubeblocksClusterResource confirmingName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.equals(this.name)) {
            throw new IllegalArgumentException("confirmingName must repeat the Cluster's name '" + this.name + "', got '" + name + "'");
        }
        return new KubeblocksClusterResource(client, namespace, this.name, true);
    }

    /**
     * The Cluster: {@code GET /apis/apps.kubeblocks.io/v1/namespaces/{namespace}/clusters/{name}}.
     *
     * @throws io.neonclient.core.NotFoundException when there is none of that name
     */
    public KubeblocksCluster describe() {
        return new KubeblocksClusters(client, namespace).find(name)
                .orElseThrow(() -> KubernetesCalls.notFound(KubeblocksClusters.GET, "Cluster " + namespace + "/" + name));
    }

    /**
     * Sets {@code spec.terminationPolicy}, as {@code kubectl patch cluster … --type merge} does:
     * {@code PATCH /apis/apps.kubeblocks.io/v1/namespaces/{namespace}/clusters/{name}} with
     * {@code {"spec":{"terminationPolicy":…}}} ({@code application/merge-patch+json}), after reading the Cluster
     * ({@code GET}) so that a missing one is a {@code NotFoundException}. Returns the Cluster as the API server answered.
     *
     * @throws IllegalStateException when the policy is {@code WipeOut} and the Cluster was not named with
     *                               {@link #confirmingName(String)} (nothing is sent)
     */
    public KubeblocksCluster updateTerminationPolicy(TerminationPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        describe();
        if (policy.equals(TerminationPolicy.WIPE_OUT) && !confirmed) {
            throw new IllegalStateException("refusing to set terminationPolicy of kubeblocks Cluster " + namespace + "/" + name
                    + " to WipeOut without confirmation: with WipeOut, deleting the Cluster destroys all its resources, its "
                    + "volume claims with the pageservers' and safekeepers' data, and also its volume snapshots and its backups "
                    + "in external storage, irreversibly; repeat its name with .confirmingName(\"" + name + "\")");
        }
        String patch = "{\"spec\":{\"terminationPolicy\":\"" + policy + "\"}}";
        return KubeblocksClusters.view(KubernetesCalls.call(KubeblocksClusters.PATCH,
                () -> client.genericKubernetesResources(KubeblocksClusters.CRD).inNamespace(namespace).withName(name)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch)));
    }

    /**
     * Deletes the Cluster: {@code DELETE /apis/apps.kubeblocks.io/v1/namespaces/{namespace}/clusters/{name}}, after
     * reading it ({@code GET}) to say what its termination policy will destroy. Returns once the API server accepted
     * the deletion; kubeblocks then tears the Cluster down.
     *
     * @throws IllegalStateException when the Cluster was not named with {@link #confirmingName(String)}, or its policy
     *                               is {@code DoNotTerminate} (kubeblocks would block the deletion); nothing is sent
     */
    public void delete() {
        KubeblocksCluster cluster = describe();
        TerminationPolicy policy = cluster.terminationPolicy();
        if (policy.equals(TerminationPolicy.DO_NOT_TERMINATE)) {
            throw new IllegalStateException("refusing to delete kubeblocks Cluster " + cluster.qualifiedName()
                    + ": its terminationPolicy is DoNotTerminate, so kubeblocks blocks the deletion; change the policy first");
        }
        if (!confirmed) {
            throw new IllegalStateException("refusing to delete kubeblocks Cluster " + cluster.qualifiedName()
                    + " without confirmation: its terminationPolicy is " + policy + ", so deleting it destroys "
                    + destroyed(policy) + "; repeat its name with .confirmingName(\"" + name + "\")");
        }
        KubernetesCalls.call(KubeblocksClusters.DELETE,
                () -> client.genericKubernetesResources(KubeblocksClusters.CRD).inNamespace(namespace).withName(name).delete());
    }

    private static String destroyed(TerminationPolicy policy) {
        if (policy.equals(TerminationPolicy.WIPE_OUT)) {
            return "all its resources, its volume claims with the pageservers' and safekeepers' data, and also its volume "
                    + "snapshots and its backups in external storage, irreversibly";
        }
        if (policy.equals(TerminationPolicy.DELETE)) {
            return "all its runtime resources: pods, services, and volume claims with the pageservers' and safekeepers' data "
                    + "(backups are kept)";
        }
        return "what kubeblocks' policy " + policy + " destroys";
    }

    @Override
    public String toString() {
        return "KubeblocksCluster[" + namespace + "/" + name + (confirmed ? ", confirmed" : "") + "]";
    }
}
