package io.neonclient.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.neonclient.core.Operation;
import io.neonclient.core.WaitPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The pods of one namespace: {@code /api/v1/namespaces/{namespace}/pods}, to find and restart the pod of a
 * pageserver, safekeeper or compute. Obtained from {@link NeonKubernetes#pods(String)}.
 */
public final class Pods {
    static final Operation LIST = new Operation("GET", "/api/v1/namespaces/{namespace}/pods");
    static final Operation DELETE = new Operation("DELETE", "/api/v1/namespaces/{namespace}/pods/{name}");

    private final KubernetesClient client;
    private final String namespace;
    private final WaitPolicy waitPolicy;

    Pods(KubernetesClient client, String namespace, WaitPolicy waitPolicy) {
        this.client = client;
        this.namespace = KubernetesCalls.namespace(namespace);
        this.waitPolicy = waitPolicy;
    }

    /** The namespace these pods are in. */
    public String namespace() {
        return namespace;
    }

    /**
     * The pods carrying every one of {@code labels}: {@code GET /api/v1/namespaces/{namespace}/pods?labelSelector=k=v,…}.
     *
     * @throws IllegalArgumentException when {@code labels} is empty (it would select every pod of the namespace)
     */
    public List<Pod> list(Map<String, String> labels) {
        Map<String, String> selector = selector(labels);
        return KubernetesCalls.call(LIST, () -> client.pods().inNamespace(namespace).withLabels(selector).list())
                .getItems().stream().map(Pod::of).toList();
    }

    /**
     * Restarts the one pod {@code labels} select, which a StatefulSet, a Deployment (through its ReplicaSet) or another
     * controller recreates: lists the pods ({@code GET …/pods?labelSelector=…}), deletes that pod
     * ({@code DELETE /api/v1/namespaces/{namespace}/pods/{name}}, with its grace period), and returns the wait for its
     * successor. The handle's {@code await} polls the same list until a pod with another {@code metadata.uid} is Ready.
     *
     * @param labels the labels of the component's pod, e.g. {@code app.kubernetes.io/component=pageserver} and the
     *               pod's {@code statefulset.kubernetes.io/pod-name}
     * @throws IllegalArgumentException when {@code labels} is empty
     * @throws IllegalStateException    when no pod or several match (nothing is deleted), or the pod has no controller
     *                                  owner, so nothing would recreate it
     */
    public PodRestart restart(Map<String, String> labels) {
        Map<String, String> selector = selector(labels);
        List<Pod> live = list(selector).stream().filter(p -> !p.terminating()).toList();
        if (live.size() != 1) {
            throw new IllegalStateException("restart needs exactly one pod in namespace " + namespace + " with labels "
                    + selector + ", found " + (live.isEmpty() ? "none" : live.size() + ": "
                    + live.stream().map(Pod::name).toList() + " (add a label such as statefulset.kubernetes.io/pod-name)"));
        }
        Pod old = live.getFirst();
        if (old.controller().isEmpty()) {
            throw new IllegalStateException("refusing to delete pod " + old.qualifiedName() + ": no controller owns it "
                    + "(no ownerReference with controller=true), so nothing would start it again");
        }
        KubernetesCalls.call(DELETE, () -> client.pods().inNamespace(namespace).withName(old.name()).delete());
        return new PodRestart(old, selector, waitPolicy, () -> list(selector));
    }

    private Map<String, String> selector(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must name at least one label: an empty selector matches every pod in "
                    + "namespace " + namespace);
        }
        labels.forEach((k, v) -> {
            Objects.requireNonNull(k, "label key");
            Objects.requireNonNull(v, "value of label " + k);
        });
        return new TreeMap<>(labels);
    }
}
