package io.neonclient.storcon;

import io.neonclient.core.Acceptor;
import io.neonclient.core.Awaitable;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.internal.Polling;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A background node operation the controller accepted: a drain ({@link NodeResource#drain()}), a fill
 * ({@link NodeResource#fill()}) or a graceful delete ({@link NodeResource#delete()}). {@code await} polls
 * {@code GET /control/v1/node/{node_id}} as upstream's {@code storcon_cli} does ({@code poll_node_status}) until:
 * <ul>
 *   <li>drain: scheduling is {@code PauseForRestart} (restart the pageserver now);</li>
 *   <li>fill: scheduling is {@code Active} again;</li>
 *   <li>delete: the node answers 404 (removed and tombstoned).</li>
 * </ul>
 * A scheduling policy that the operation cannot pass through (e.g. {@code Active} during a drain: cancelled) ends the
 * wait at once, as does the node vanishing during a drain or fill. A policy this SDK does not know counts as "not yet".
 * A drain's or fill's {@code await} returns the node as the last poll saw it; a delete's returns the id of the node
 * that is gone. The three differ only in their acceptors (the data that says what done means), not in code.
 *
 * @param <T> what {@code await} returns: {@link Node} for a drain or fill, {@link NodeId} for a delete
 */
public final class NodeOperation<T> implements Awaitable<T> {
    private final String operation;
    private final NodeId nodeId;
    private final Polling<Node, T> polling;

    private NodeOperation(StorageControllerClient client, String operation, NodeId nodeId, String awaited,
                          List<Acceptor<? super Node>> acceptors, Function<Node, T> result) {
        this.operation = operation;
        this.nodeId = nodeId;
        this.polling = Polling.<Node>of(awaited, client.settings(), () -> describeOrNull(client, nodeId),
                Acceptor.judge(n -> "scheduling " + n.scheduling() + ", availability " + n.availability(), acceptors))
                .map(result);
    }

    static NodeOperation<Node> drain(StorageControllerClient client, NodeId id) {
        return new NodeOperation<>(client, "drain", id, "node " + id + " drained (scheduling PauseForRestart)", List.of(
                Acceptor.failedWhenGone("node " + id + " is no longer registered (deleted while draining)"),
                Acceptor.done(n -> n.scheduling() == NodeSchedulingPolicy.PAUSE_FOR_RESTART),
                Acceptor.failed(schedulingIn(NodeSchedulingPolicy.ACTIVE, NodeSchedulingPolicy.FILLING, NodeSchedulingPolicy.PAUSE,
                                NodeSchedulingPolicy.DELETING),
                        n -> "drain is no longer running: scheduling is " + n.scheduling() + " (cancelled or failed)")),
                Function.identity());
    }

    static NodeOperation<Node> fill(StorageControllerClient client, NodeId id) {
        return new NodeOperation<>(client, "fill", id, "node " + id + " filled (scheduling Active)", List.of(
                Acceptor.failedWhenGone("node " + id + " is no longer registered (deleted while filling)"),
                Acceptor.done(n -> n.scheduling() == NodeSchedulingPolicy.ACTIVE),
                Acceptor.failed(schedulingIn(NodeSchedulingPolicy.PAUSE, NodeSchedulingPolicy.PAUSE_FOR_RESTART,
                                NodeSchedulingPolicy.DRAINING, NodeSchedulingPolicy.DELETING),
                        n -> "fill is no longer running: scheduling is " + n.scheduling())),
                Function.identity());
    }

    static NodeOperation<NodeId> delete(StorageControllerClient client, NodeId id) {
        return new NodeOperation<>(client, "delete", id, "node " + id + " deleted (describe answers 404)", List.of(
                Acceptor.doneWhenGone(),
                Acceptor.failed(schedulingIn(NodeSchedulingPolicy.ACTIVE, NodeSchedulingPolicy.FILLING, NodeSchedulingPolicy.PAUSE,
                                NodeSchedulingPolicy.PAUSE_FOR_RESTART, NodeSchedulingPolicy.DRAINING),
                        n -> "delete is no longer running: scheduling is " + n.scheduling() + " (cancelled?)")),
                gone -> id);
    }

    /**
     * A node whose scheduling is one of {@code policies}. The lists name known values only, so a policy added upstream
     * after this SDK matches none of them and the wait keeps polling.
     */
    private static Predicate<Node> schedulingIn(NodeSchedulingPolicy... policies) {
        Set<NodeSchedulingPolicy> set = Set.of(policies);
        return n -> set.contains(n.scheduling());
    }

    private static Node describeOrNull(StorageControllerClient client, NodeId id) {
        try {
            return client.node(id).describe();
        } catch (NotFoundException gone) {
            return null;
        }
    }

    /** The node the operation runs on. */
    public NodeId nodeId() {
        return nodeId;
    }

    /** Which operation: {@code "drain"}, {@code "fill"} or {@code "delete"}. */
    public String operation() {
        return operation;
    }

    @Override
    public T await() {
        return polling.await();
    }

    @Override
    public T await(Duration timeout) {
        return polling.await(timeout);
    }

    @Override
    public T await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return polling.await(policy, progress);
    }

    @Override
    public String toString() {
        return "NodeOperation[" + operation + " of node " + nodeId + "]";
    }
}
