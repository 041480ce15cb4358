/**
 * neon-client kubernetes: the platform under Neon on Kubernetes, on the fabric8 Kubernetes client.
 * {@link io.neonclient.kubernetes.NeonKubernetes} reads and scales NeonVM {@code VirtualMachine}s
 * ({@code vm.neon.tech/v1}), restarts the pod of a pageserver, safekeeper or compute, and guards the kubeblocks
 * {@code Cluster} ({@code apps.kubeblocks.io/v1}) against an unconfirmed {@code WipeOut} or delete.
 * {@link io.neonclient.kubernetes.KubernetesRestarter} is the recipes' {@code NodeRestarter} for pageservers in pods.
 *
 * <p>fabric8's jars carry no {@code Automatic-Module-Name}: their module names come from the jar file names
 * ({@code kubernetes-client-api-8.0.0.jar} is {@code kubernetes.client.api}). The implementation
 * ({@code kubernetes-client} and its HTTP client) is found at run time through {@link java.util.ServiceLoader}.
 */
module io.neonclient.kubernetes {
    requires transitive io.neonclient.core;
    // transitive: NeonKubernetes.builder().client(KubernetesClient) takes the caller's fabric8 client
    requires transitive kubernetes.client.api;
    requires kubernetes.model.core;
    // transitive: KubernetesRestarter is admin's NodeRestarter (kubernetes depends on admin; admin never on fabric8)
    requires transitive io.neonclient.admin;

    exports io.neonclient.kubernetes;
}
