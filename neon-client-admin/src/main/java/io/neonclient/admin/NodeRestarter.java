package io.neonclient.admin;

import io.neonclient.core.NodeId;
import java.time.Duration;
import java.util.Objects;

/**
 * Restarts one pageserver process: a systemd unit, a container, a pod. {@link #restart} returns once the restart has
 * been <em>issued</em>; the recipes ({@link NodeEvacuation}, {@link RollingRestart}) then wait for the storage
 * controller to see the node re-attach ({@code GET /control/v1/node/{node_id}} reading {@code Active}/{@code Active}).
 * Sends no HTTP request of its own.
 *
 * <p>Three ready-made kinds: {@link #askOperator()} (the default: the recipe waits while the operator restarts the
 * node), {@link #command(String)} (a shell command template such as {@code docker restart pageserver{id}}), or any
 * lambda. On Kubernetes, the {@code neon-client-kubernetes} module's {@code KubernetesRestarter} deletes the node's pod,
 * found by a label template, and awaits its successor Ready (it lives there so that recipes do not depend on the
 * fabric8 client):
 * <pre>{@code
 * NodeRestarter restarter = KubernetesRestarter.of(NeonKubernetes.create(client).pods("neon"), "app=pageserver,neon/node-id={id}");
 * }</pre>
 */
@FunctionalInterface
public interface NodeRestarter {

    /**
     * Issues the restart of pageserver {@code node}.
     *
     * @throws RuntimeException if the restart could not be issued; its message says why
     */
    void restart(NodeId node);

    /**
     * The default: does nothing, and the recipe reports that it is waiting for the operator to restart the node until
     * the controller sees it re-attach.
     */
    static NodeRestarter askOperator() {
        return OperatorRestarter.INSTANCE;
    }

    /**
     * Runs {@code /bin/sh -c template} with every {@code {id}} replaced by the node id in ASCII digits, e.g.
     * {@code docker restart pageserver{id}}, and waits up to 5 minutes for it to exit.
     *
     * @throws IllegalArgumentException if {@code template} is blank or has no {@code {id}}
     */
    static NodeRestarter command(String template) {
        return command(template, CommandRestarter.DEFAULT_TIMEOUT);
    }

    /**
     * Like {@link #command(String)}, waiting up to {@code timeout} for the command to exit; a command still running
     * then is killed and the restart fails. A non-zero exit fails the restart with the command, its exit code and the
     * tail of its output.
     *
     * @throws IllegalArgumentException if {@code template} is blank or has no {@code {id}}, or {@code timeout} is not
     *                                  positive
     */
    static NodeRestarter command(String template, Duration timeout) {
        return new CommandRestarter(Objects.requireNonNull(template, "template"), Objects.requireNonNull(timeout, "timeout"));
    }
}
