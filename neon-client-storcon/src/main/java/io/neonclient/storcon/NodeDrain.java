package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.WaitVerdict;

/**
 * A drain started by {@link NodeResource#drain()}. {@code await} polls {@code GET /control/v1/node/{id}} until
 * scheduling is {@code PauseForRestart} (drain done: restart the pageserver now), as upstream's
 * {@code poll_node_status} does; a policy other than {@code Draining} on the way means the drain was cancelled or
 * failed and ends the wait at once.
 */
public final class NodeDrain extends Awaitable<Node, Node> {
    private final NodeId nodeId;

    NodeDrain(StorageControllerClient client, NodeId nodeId) {
        super(client);
        this.nodeId = nodeId;
    }

    /** The node being drained. */
    public NodeId nodeId() {
        return nodeId;
    }

    @Override
    String awaited() {
        return "node " + nodeId + " drained (scheduling PauseForRestart)";
    }

    @Override
    Node probe() {
        return client.node(nodeId).describe();
    }

    @Override
    WaitVerdict judge(Node node) {
        NodeSchedulingPolicy s = node.scheduling();
        if (s == NodeSchedulingPolicy.PAUSE_FOR_RESTART) {
            return WaitVerdict.done();
        }
        if (s == NodeSchedulingPolicy.DRAINING || s instanceof NodeSchedulingPolicy.Unknown) {
            return WaitVerdict.pending("scheduling " + s + ", availability " + node.availability());
        }
        return WaitVerdict.failed("drain is no longer running: scheduling is " + s + " (cancelled or failed)");
    }

    @Override
    Node result(Node node) {
        return node;
    }

    @Override
    public String toString() {
        return "NodeDrain[node " + nodeId + "]";
    }
}
