package io.neonclient.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.neonclient.core.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The kubeblocks {@code Cluster}s of one namespace: {@code /apis/apps.kubeblocks.io/v1/namespaces/{namespace}/clusters}.
 * Obtained from {@link NeonKubernetes#kubeblocksClusters(String)}.
 */
public final class KubeblocksClusters {
    // Named explicitly rather than discovered (the plural of apis/apps/v1/cluster_types.go's Cluster is fixed).
    static final ResourceDefinitionContext CRD = new ResourceDefinitionContext.Builder()
            .withGroup("apps.kubeblocks.io").withVersion("v1").withPlural("clusters").withKind("Cluster")
            .withNamespaced(true).build();
    private static final String PATH = "/apis/apps.kubeblocks.io/v1/namespaces/{namespace}/clusters";
    static final Operation LIST = new Operation("GET", PATH);
    static final Operation GET = new Operation("GET", PATH + "/{name}");
    static final Operation PATCH = new Operation("PATCH", PATH + "/{name}");
    static final Operation DELETE = new Operation("DELETE", PATH + "/{name}");

    private final KubernetesClient client;
    private final String namespace;

    KubeblocksClusters(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = KubernetesCalls.namespace(namespace);
    }

    /**
     * Every Cluster of the namespace: {@code GET /apis/apps.kubeblocks.io/v1/namespaces/{namespace}/clusters}.
     *
     * @throws IllegalStateException when an object does not follow the CRD
     */
    public List<KubeblocksCluster> list() {
        return KubernetesCalls.call(LIST, () -> client.genericKubernetesResources(CRD).inNamespace(namespace).list())
                .getItems().stream().map(KubeblocksClusters::view).toList();
    }

    /**
     * One Cluster: {@code GET /apis/apps.kubeblocks.io/v1/namespaces/{namespace}/clusters/{name}}.
     *
     * @throws io.neonclient.core.NotFoundException when there is none of that name
     */
    public KubeblocksCluster get(String name) {
        return cluster(name).describe();
    }

    /** The handle of one Cluster, to change its termination policy or delete it. Sends nothing. */
    public KubeblocksClusterResource cluster(String name) {
        return new KubeblocksClusterResource(client, namespace, KubernetesCalls.name("name", name), false);
    }

    Optional<KubeblocksCluster> find(String name) {
        GenericKubernetesResource r = KubernetesCalls.call(GET,
                () -> client.genericKubernetesResources(CRD).inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(r).map(KubeblocksClusters::view);
    }

    static KubeblocksCluster view(GenericKubernetesResource r) {
        String ns = Objects.requireNonNullElse(r.getMetadata().getNamespace(), "");
        Fields f = new Fields("Cluster " + ns + "/" + r.getMetadata().getName(), r.getAdditionalProperties());
        Map<String, Object> statuses = f.map("status", "components");
        Map<String, KubeblocksCluster.Component> components = new LinkedHashMap<>();
        for (Object spec : f.list("spec", "componentSpecs")) {
            if (!(spec instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
                throw f.wrongType(new String[] {"spec.componentSpecs[]"}, "an object with a name", spec);
            }
            Fields c = new Fields("Cluster component " + name, Map.of("s", spec, "st", statuses.getOrDefault(name, Map.of())));
            components.put(name, component(name, c));
        }
        for (String name : statuses.keySet()) {
            components.computeIfAbsent(name, n -> component(n, new Fields("Cluster component " + n,
                    Map.of("st", statuses.get(n)))));
        }
        return new KubeblocksCluster(ns, r.getMetadata().getName(),
                TerminationPolicy.fromWire(f.required(f.text("spec", "terminationPolicy"), "spec", "terminationPolicy")),
                f.text("status", "phase").map(KubeblocksPhase::fromWire), f.text("status", "message"),
                new ArrayList<>(components.values()));
    }

    private static KubeblocksCluster.Component component(String name, Fields c) {
        return new KubeblocksCluster.Component(name, c.text("s", "componentDef"),
                c.integer("s", "replicas").map(Math::toIntExact), c.text("st", "phase").map(KubeblocksPhase::fromWire),
                c.at("st", "upToDate").map(Boolean.TRUE::equals).orElse(false));
    }
}
