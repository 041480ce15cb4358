package io.neonclient.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.neonclient.core.ClientConfig;
import java.util.Objects;

/**
 * The platform under Neon on Kubernetes: NeonVM {@link VirtualMachines}, the {@link Pods} of pageservers, safekeepers
 * and computes, and kubeblocks {@link KubeblocksClusters}. Each call is one Kubernetes API request through the fabric8
 * client given, named in the method's javadoc.
 *
 * <pre>{@code
 * var k8s = NeonKubernetes.create(new KubernetesClientBuilder().build());   // ~/.kube/config or the pod's account
 * k8s.virtualMachines("default").scale("compute-node", MilliCpu.ofCpus(2), 4).await(Duration.ofMinutes(2));
 * k8s.pods("default").restart(Map.of("app.kubernetes.io/component", "pageserver", "neon/node-id", "1")).await();
 * k8s.kubeblocksClusters("default").cluster("neon-pg").confirmingName("neon-pg").delete();
 * RollingRestart.ofAllNodes(storcon).withRestarter(KubernetesRestarter.of(k8s.pods("default"), "app=pageserver,neon/node-id={id}"));
 * }</pre>
 *
 * <p>The one fabric8 type in this module's API is the {@link KubernetesClient} it is built from: kubeconfig contexts,
 * in-cluster service accounts, OIDC and exec credential plugins, proxies and TLS are fabric8's to configure, and an
 * application that already holds a client shares it (and its connection pool) rather than opening a second one.
 * Everything returned is this module's own records and handles; errors are core's exception tree.
 */
public final class NeonKubernetes {
    private final KubernetesClient client;
    private final ClientConfig config;

    private NeonKubernetes(KubernetesClient client, ClientConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Over {@code client} with {@link ClientConfig#defaults()}. Sends nothing. */
    public static NeonKubernetes create(KubernetesClient client) {
        return builder().client(client).build();
    }

    /** A builder; {@link Builder#client} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration; only its {@link ClientConfig#waitPolicy()} applies here (see {@link Builder#config}). */
    public ClientConfig config() {
        return config;
    }

    /** The NeonVM VirtualMachines of {@code namespace}. Sends nothing. */
    public VirtualMachines virtualMachines(String namespace) {
        return new VirtualMachines(client, namespace, config.waitPolicy());
    }

    /** The pods of {@code namespace}, to restart one. Sends nothing. */
    public Pods pods(String namespace) {
        return new Pods(client, namespace, config.waitPolicy());
    }

    /** The kubeblocks Clusters of {@code namespace}. Sends nothing. */
    public KubeblocksClusters kubeblocksClusters(String namespace) {
        return new KubeblocksClusters(client, namespace);
    }

    /** Collects the fabric8 client and the configuration. */
    public static final class Builder {
        private KubernetesClient client;
        private ClientConfig config = ClientConfig.defaults();

        private Builder() {}

        /**
         * The fabric8 client every call goes through (its own connection, authentication and TLS). Closing it is the
         * caller's business.
         */
        public Builder client(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The settings shared with the other neon-client clients. Only {@link ClientConfig#waitPolicy()} applies (the
         * policy of every {@code await()}): tokens, timeouts, retries and TLS are the fabric8 client's.
         */
        public Builder config(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The facade over the given Kubernetes client.
         *
         * @throws IllegalStateException when no {@link #client} was given
         */
        public NeonKubernetes build() {
            if (client == null) {
                throw new IllegalStateException("NeonKubernetes needs a client: call builder().client(kubernetesClient)");
            }
            return new NeonKubernetes(client, config);
        }
    }
}
