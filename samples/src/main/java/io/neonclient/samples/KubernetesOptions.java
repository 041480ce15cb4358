package io.neonclient.samples;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.neonclient.kubernetes.NeonKubernetes;
import java.io.File;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of the commands that talk to Kubernetes ({@code vm …}, {@code --restart-pod-labels}): where the API
 * server is (fabric8's usual discovery unless {@code --kubeconfig} names a file: {@code $KUBECONFIG},
 * {@code ~/.kube/config}, or the pod's service account) and which namespace.
 */
final class KubernetesOptions {
    @Option(names = "--namespace", paramLabel = "NS",
            description = "Kubernetes namespace (default: the kubeconfig context's namespace, else 'default')")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig file (default: fabric8's discovery: $KUBECONFIG, ~/.kube/config, or the in-cluster service account)")
    File kubeconfig;

    /** A fabric8 client as the options say; sends nothing until used. The caller closes it. */
    KubernetesClient client(CommandSpec spec) {
        if (kubeconfig == null) {
            return new KubernetesClientBuilder().build();
        }
        if (!kubeconfig.isFile()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kubeconfig: no such file " + kubeconfig);
        }
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig)).build();
    }

    /** The namespace of {@code --namespace}, else the client's (its kubeconfig context), else {@code default}. */
    String namespace(KubernetesClient client) {
        if (namespace != null) {
            return namespace;
        }
        String configured = client.getNamespace();
        return configured == null || configured.isBlank() ? "default" : configured;
    }

    /** The SDK over {@code client}. */
    static NeonKubernetes neon(KubernetesClient client) {
        return NeonKubernetes.create(client);
    }
}
