package io.neonclient.samples;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.neonclient.admin.NodeRestarter;
import io.neonclient.kubernetes.KubernetesRestarter;
import io.neonclient.kubernetes.NeonKubernetes;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How {@code drain} and {@code rolling-restart} restart a pageserver: {@code --restart-command} (a shell command),
 * {@code --restart-pod-labels} (delete its pod on Kubernetes and await the successor Ready), or neither (wait while
 * the operator restarts it).
 */
final class RestartOptions {
    @Option(names = "--restart-command", paramLabel = "TEMPLATE",
            description = "run with /bin/sh -c to restart a node, {id} replaced by its id, e.g. 'docker restart pageserver{id}'"
                    + " (default: wait while you restart it)")
    String restartCommand;

    @Option(names = "--restart-pod-labels", paramLabel = "TEMPLATE",
            description = "restart a node by deleting its pod, selected by these labels with {id} replaced by the node id,"
                    + " e.g. 'app=pageserver,neon/node-id={id}'; its StatefulSet or Deployment starts a new one, awaited Ready")
    String podLabels;

    @Mixin
    KubernetesOptions kubernetes;

    /** The restarter the options name, and the Kubernetes client it holds (closed with it). */
    Restarter restarter(CommandSpec spec) {
        if (restartCommand != null && podLabels != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --restart-command or --restart-pod-labels, not both");
        }
        if (podLabels == null) {
            if (kubernetes.namespace != null || kubernetes.kubeconfig != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--namespace and --kubeconfig go with --restart-pod-labels");
            }
            return new Restarter(RecipeRunner.restarter(restartCommand, spec), null);
        }
        KubernetesClient client = kubernetes.client(spec);
        try {
            NeonKubernetes k8s = KubernetesOptions.neon(client);
            return new Restarter(KubernetesRestarter.of(k8s.pods(kubernetes.namespace(client)), podLabels), client);
        } catch (IllegalArgumentException e) {
            client.close();
            throw new CommandLine.ParameterException(spec.commandLine(), "--restart-pod-labels: " + e.getMessage());
        }
    }

    /** A restarter and the client to close after the run (null when none was opened). */
    record Restarter(NodeRestarter restarter, KubernetesClient client) implements AutoCloseable {
        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
        }
    }
}
