package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.WaitVerdict;

/**
 * A fill started by {@link NodeResource#fill()}. {@code await} polls {@code GET /control/v1/node/{id}} until
 * scheduling is back to {@code Active}; any policy other than {@code Filling} or {@code Active} ends the wait at once.
 */
public final class NodeFill extends Awaitable<Node, Node> {
    private final NodeId nodeId;

    NodeFill(StorageControllerClient client, NodeId nodeId) {
        super(client);
        this.nodeId = nodeId;
    }

    /** The node being filled. */
    public NodeId nodeId() {
        return nodeId;
    }

    @Override
    String awaited() {
        return "node " + nodeId + " filled (scheduling Active)";
    }

    @Override
    Node probe() {
        return client.node(nodeId).describe();
    }

    @Override
    WaitVerdict judge(Node node) {
        NodeSchedulingPolicy s = node.scheduling();
        if (s == NodeSchedulingPolicy.ACTIVE) {
            return WaitVerdict.done();
        }
        if (s == NodeSchedulingPolicy.FILLING || s instanceof NodeSchedulingPolicy.Unknown) {
            return WaitVerdict.pending("scheduling " + s + ", availability " + node.availability());
        }
        return WaitVerdict.failed("fill is no longer running: scheduling is " + s);
    }

    @Override
    Node result(Node node) {
        return node;
    }

    @Override
    public String toString() {
        return "NodeFill[node " + nodeId + "]";
    }
}
