package io.neonclient.kubernetes;

import io.neonclient.admin.NodeRestarter;
import io.neonclient.core.NodeId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A {@link NodeRestarter} for pageservers that run as pods of a StatefulSet or Deployment: finds the node's pod by
 * labels the operator gives as a template, deletes it and waits until its controller started a Ready successor
 * ({@link Pods#restart}: {@code GET /api/v1/namespaces/{namespace}/pods?labelSelector=…}, then
 * {@code DELETE /api/v1/namespaces/{namespace}/pods/{name}}, then the same list until a new pod is Ready). The recipes
 * ({@code NodeEvacuation}, {@code RollingRestart}) then wait for the storage controller to see the pageserver
 * re-attach.
 *
 * <pre>{@code
 * NodeRestarter restarter = KubernetesRestarter.of(NeonKubernetes.create(client).pods("neon"), "app=pageserver,neon/node-id={id}");
 * RollingRestart.ofAllNodes(storcon).withRestarter(restarter).run(System.out::println);
 * }</pre>
 */
public final class KubernetesRestarter implements NodeRestarter {
    // A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters
    // (k8s.io/apimachinery/pkg/util/validation, IsQualifiedName); a value: empty or the same name syntax.
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final Pods pods;
    private final String template;
    private final Map<String, String> labels;

    private KubernetesRestarter(Pods pods, String template, Map<String, String> labels) {
        this.pods = pods;
        this.template = template;
        this.labels = labels;
    }

    /**
     * Restarts the pod of each node among {@code pods}, selected by {@code labelTemplate}: comma-separated
     * {@code key=value} labels in which every {@code {id}} stands for the node id, e.g.
     * {@code app=pageserver,neon/node-id={id}} or {@code statefulset.kubernetes.io/pod-name=pageserver-{id}}. Sends
     * nothing.
     *
     * @throws IllegalArgumentException when the template is not {@code key=value} pairs, a key or value is not a valid
     *                                  Kubernetes label, a key repeats, or no value holds {@code {id}} (every node
     *                                  would select the same pod)
     */
    public static KubernetesRestarter of(Pods pods, String labelTemplate) {
        Objects.requireNonNull(pods, "pods");
        Objects.requireNonNull(labelTemplate, "labelTemplate");
        Map<String, String> labels = new TreeMap<>();
        for (String pair : labelTemplate.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("labelTemplate must be key=value pairs separated by commas, e.g. "
                        + "'app=pageserver,neon/node-id={id}', got '" + labelTemplate + "'");
            }
            String key = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            checkKey(key, labelTemplate);
            checkValue(key, value.replace("{id}", "0"), labelTemplate);
            if (labels.put(key, value) != null) {
                throw new IllegalArgumentException("labelTemplate names label '" + key + "' twice, got '" + labelTemplate + "'");
            }
        }
        if (labels.values().stream().noneMatch(v -> v.contains("{id}"))) {
            throw new IllegalArgumentException("labelTemplate needs {id} (the node id) in a label value, so each node selects its "
                    + "own pod, e.g. 'app=pageserver,neon/node-id={id}', got '" + labelTemplate + "'");
        }
        return new KubernetesRestarter(pods, labelTemplate, Map.copyOf(labels));
    }

    private static void checkKey(String key, String template) {
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = key.substring(slash + 1);
        boolean ok = name.length() <= 63 && NAME.matcher(name).matches()
                && (prefix == null || prefix.length() <= 253 && PREFIX.matcher(prefix).matches());
        if (!ok) {
            throw new IllegalArgumentException("labelTemplate key '" + key + "' is not a Kubernetes label key (an optional DNS "
                    + "prefix and '/', then letters, digits, '-', '_' or '.', at most 63), in '" + template + "'");
        }
    }

    private static void checkValue(String key, String value, String template) {
        if (value.length() > 63 || !(value.isEmpty() || NAME.matcher(value).matches())) {
            throw new IllegalArgumentException("labelTemplate value of '" + key + "' is not a Kubernetes label value (letters, "
                    + "digits, '-', '_' or '.', at most 63, with {id} for the node id), in '" + template + "'");
        }
    }

    /** The labels that select {@code node}'s pod: the template's, with every {@code {id}} replaced by the id's digits. */
    public Map<String, String> labelsFor(NodeId node) {
        Objects.requireNonNull(node, "node");
        String id = Long.toString(node.value());
        Map<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> out.put(k, v.replace("{id}", id)));
        return out;
    }

    /**
     * Deletes {@code node}'s pod and waits, under the {@link NeonKubernetes}' wait policy, until a new pod with the same
     * labels is Ready ({@link Pods#restart} then {@link PodRestart#await()}).
     *
     * @throws IllegalStateException                  when no pod or several match, or the pod has no controller to
     *                                                recreate it (nothing is deleted)
     * @throws io.neonclient.core.WaitTimeoutException when the new pod is not Ready in time
     * @throws io.neonclient.core.WaitFailedException  when the new pod is Failed
     */
    @Override
    public void restart(NodeId node) {
        pods.restart(labelsFor(node)).await();
    }

    /** {@code the pod labelled app=pageserver,neon/node-id={id} in namespace neon}: how a recipe's plan names it. */
    @Override
    public String toString() {
        return "the pod labelled " + template + " in namespace " + pods.namespace() + " (deleted, then awaited Ready)";
    }
}
