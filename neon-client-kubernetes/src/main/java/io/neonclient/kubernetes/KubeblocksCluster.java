package io.neonclient.kubernetes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A read view of a kubeblocks {@code Cluster} ({@code apps.kubeblocks.io/v1}, upstream kubeblocks'
 * {@code apis/apps/v1/cluster_types.go}), such as the one seed deployments of Neon run pageservers, safekeepers and
 * storage brokers in.
 *
 * @param namespace         {@code metadata.namespace}
 * @param name              {@code metadata.name}
 * @param terminationPolicy {@code spec.terminationPolicy}: what deleting the Cluster destroys
 * @param phase             {@code status.phase}
 * @param message           {@code status.message}
 * @param components        {@code spec.componentSpecs} by name, with their {@code status.components} entries
 */
public record KubeblocksCluster(String namespace, String name, TerminationPolicy terminationPolicy,
                                Optional<KubeblocksPhase> phase, Optional<String> message, List<Component> components) {

    /** Checks the components: refuses a null component, naming it, and copies lists and maps (unmodifiable). */
    public KubeblocksCluster {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(terminationPolicy, "terminationPolicy");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(message, "message");
        components = List.copyOf(Objects.requireNonNull(components, "components"));
    }

    /** {@code namespace/name}, as kubectl names it. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /**
     * One component of the Cluster: a {@code spec.componentSpecs} entry, or a component only {@code status.components}
     * reports.
     *
     * @param name         the component's name ({@code neon-pageserver}, {@code neon-safekeeper} …)
     * @param componentDef {@code componentDef} of the spec entry
     * @param replicas     {@code replicas} of the spec entry
     * @param phase        {@code status.components.{name}.phase}
     * @param upToDate     {@code status.components.{name}.upToDate}
     */
    public record Component(String name, Optional<String> componentDef, Optional<Integer> replicas,
                            Optional<KubeblocksPhase> phase, boolean upToDate) {
        /** Checks the components: refuses a null component, naming it. */
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(componentDef, "componentDef");
            Objects.requireNonNull(replicas, "replicas");
            Objects.requireNonNull(phase, "phase");
        }
    }
}
