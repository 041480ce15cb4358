package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.WaitVerdict;
import java.util.Optional;

/**
 * A graceful delete started by {@link NodeResource#delete()}. {@code await} polls {@code GET /control/v1/node/{id}}
 * until it answers 404 (the node is gone and tombstoned); a scheduling policy other than {@code Deleting} means the
 * delete was cancelled and ends the wait at once. {@code await} returns the node id.
 */
public final class NodeDeletion extends Awaitable<Optional<Node>, NodeId> {
    private final NodeId nodeId;

    NodeDeletion(StorageControllerClient client, NodeId nodeId) {
        super(client);
        this.nodeId = nodeId;
    }

    /** The node being deleted. */
    public NodeId nodeId() {
        return nodeId;
    }

    @Override
    String awaited() {
        return "node " + nodeId + " deleted (describe answers 404)";
    }

    @Override
    Optional<Node> probe() {
        try {
            return Optional.of(client.node(nodeId).describe());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    @Override
    WaitVerdict judge(Optional<Node> node) {
        if (node.isEmpty()) {
            return WaitVerdict.done();
        }
        NodeSchedulingPolicy s = node.get().scheduling();
        if (s == NodeSchedulingPolicy.DELETING || s instanceof NodeSchedulingPolicy.Unknown) {
            return WaitVerdict.pending("still registered, scheduling " + s);
        }
        return WaitVerdict.failed("delete is no longer running: scheduling is " + s + " (cancelled?)");
    }

    @Override
    NodeId result(Optional<Node> node) {
        return nodeId;
    }

    @Override
    public String toString() {
        return "NodeDeletion[node " + nodeId + "]";
    }
}
