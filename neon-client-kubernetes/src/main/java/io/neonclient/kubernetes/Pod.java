package io.neonclient.kubernetes;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read view of a Kubernetes pod, as much as restarting a Neon component needs.
 *
 * @param namespace   {@code metadata.namespace}
 * @param name        {@code metadata.name} (a StatefulSet's pod keeps its name across restarts; a Deployment's does not)
 * @param uid         {@code metadata.uid}: a new pod has a new one, whatever its name
 * @param labels      {@code metadata.labels}
 * @param controller  the owner reference marked {@code controller: true}, as {@code Kind/name}
 *                    ({@code StatefulSet/pageserver}, {@code ReplicaSet/compute-7f9c…}, {@code InstanceSet/neon-pg-neon-safekeeper});
 *                    empty for a bare pod, which nothing recreates
 * @param phase       {@code status.phase} as Kubernetes spells it ({@code Pending}, {@code Running}, {@code Failed} …)
 * @param ready       whether {@code status.conditions} holds {@code Ready=True}
 * @param terminating whether {@code metadata.deletionTimestamp} is set
 * @param node        {@code spec.nodeName}
 */
public record Pod(String namespace, String name, String uid, Map<String, String> labels, Optional<String> controller,
                  Optional<String> phase, boolean ready, boolean terminating, Optional<String> node) {

    /** Checks the components: refuses a null component, naming it, and copies lists and maps (unmodifiable). */
    public Pod {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(node, "node");
    }

    /** {@code namespace/name}, as kubectl names it. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    static Pod of(io.fabric8.kubernetes.api.model.Pod p) {
        var meta = p.getMetadata();
        Optional<String> controller = Optional.ofNullable(meta.getOwnerReferences()).stream().flatMap(java.util.List::stream)
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .map(o -> o.getKind() + "/" + o.getName()).findFirst();
        var status = p.getStatus();
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new Pod(Objects.requireNonNullElse(meta.getNamespace(), ""), meta.getName(),
                Objects.requireNonNullElse(meta.getUid(), ""),
                Objects.requireNonNullElse(meta.getLabels(), Map.of()), controller,
                Optional.ofNullable(status).map(s -> s.getPhase()).filter(s -> !s.isEmpty()), ready,
                meta.getDeletionTimestamp() != null,
                Optional.ofNullable(p.getSpec()).map(s -> s.getNodeName()).filter(s -> !s.isEmpty()));
    }
}
