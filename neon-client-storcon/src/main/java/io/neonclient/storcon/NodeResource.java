package io.neonclient.storcon;

import io.neonclient.core.NeonException;
import io.neonclient.core.NodeId;
import io.neonclient.core.Scope;
import io.neonclient.core.internal.CheckedResend;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pageserver node: {@code /control/v1/node/{node_id}}. Get one with {@link StorageControllerClient#node(NodeId)}.
 * Only one background node operation (drain, fill, delete) runs at a time in the whole controller.
 */
public final class NodeResource {
    private final StorageControllerClient client;
    private final NodeId id;

    NodeResource(StorageControllerClient client, NodeId id) {
        this.client = client;
        this.id = id;
    }

    /** The node this handle addresses. */
    public NodeId id() {
        return id;
    }

    /**
     * {@code GET /control/v1/node/{node_id}} (scope infra).
     *
     * @throws io.neonclient.core.NotFoundException when the node is not registered (or was deleted)
     */
    public Node describe() {
        return client.call(Request.get("/control/v1/node/{node_id}", id).scope(Scope.INFRA), Json.reader(Node.class));
    }

    /**
     * {@code PUT /control/v1/node/{node_id}/config} (scope admin) with {@code {"node_id", "availability", "scheduling"}}.
     * A null argument leaves that setting unchanged (sent as {@code null}). Setting {@code OFFLINE} fails attached
     * shards over to other nodes.
     *
     * @throws IllegalArgumentException when both are null or one is {@code UNKNOWN}
     * @throws io.neonclient.core.PreconditionFailedException while a drain, fill or delete runs
     */
    public void configure(NodeAvailability availability, NodeSchedulingPolicy scheduling) {
        if (availability == null && scheduling == null) {
            throw new IllegalArgumentException("configure needs an availability or a scheduling policy (both were null)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node_id", id);
        body.put("availability", availability);
        body.put("scheduling", scheduling);
        client.send(Request.put("/control/v1/node/{node_id}/config", id).json(body).scope(Scope.ADMIN).idempotent(true));
    }

    /** {@code GET /control/v1/node/{node_id}/shards} (scope admin): the shards placed on this node. */
    public NodeShards shards() {
        return client.call(Request.get("/control/v1/node/{node_id}/shards", id).scope(Scope.ADMIN), Json.reader(NodeShards.class));
    }

    /**
     * {@code PUT /control/v1/node/{node_id}/drain} (scope infra, 202): starts moving every attached shard off the node.
     * The returned handle's {@code await} waits for scheduling {@code PauseForRestart}: then restart the pageserver.
     * After a lost answer (503 or a transport failure, e.g. a stalled exchange) the node is read before the request is
     * sent again: {@code Draining} or {@code PauseForRestart} means the lost attempt started the drain, {@code Active}
     * that nothing changed; any other scheduling ends with the original failure.
     *
     * @throws io.neonclient.core.ConflictException          when a drain already runs on this node
     * @throws io.neonclient.core.PreconditionFailedException when another node operation runs or the policy is not Active
     * @throws io.neonclient.core.UnavailableException       when the node is not available
     */
    public NodeOperation<Node> drain() {
        sendChecked("/control/v1/node/{node_id}/drain", Set.of(NodeSchedulingPolicy.DRAINING, NodeSchedulingPolicy.PAUSE_FOR_RESTART));
        return NodeOperation.drain(client, id);
    }

    /** {@code DELETE /control/v1/node/{node_id}/drain} (scope infra, 202): cancels a drain; scheduling returns to Active. */
    public void cancelDrain() {
        client.send(Request.delete("/control/v1/node/{node_id}/drain", id).scope(Scope.INFRA));
    }

    /**
     * {@code PUT /control/v1/node/{node_id}/fill} (scope infra, 202): moves shards back onto the node (after a restart).
     * The handle's {@code await} waits for scheduling {@code Active}. After a lost answer the node is read before the
     * request is sent again: {@code Filling} means the lost attempt started the fill; {@code Active} is sent again (a
     * fill that already finished re-plans on a node that holds its share, which moves nothing: {@code fill_node_plan}
     * in upstream {@code storage_controller/src/service.rs}); any other scheduling ends with the original failure.
     */
    public NodeOperation<Node> fill() {
        sendChecked("/control/v1/node/{node_id}/fill", Set.of(NodeSchedulingPolicy.FILLING));
        return NodeOperation.fill(client, id);
    }

    /**
     * Sends a drain or fill, which the controller refuses while one runs (409) or once the node left {@code Active}
     * (412), so a resend after a lost answer that had started it would fail: the node's scheduling decides first.
     */
    private void sendChecked(String route, Set<NodeSchedulingPolicy> started) {
        CheckedResend.send(client.config().retryPolicy(), () -> {
            client.send(Request.put(route, id).scope(Scope.INFRA).idempotent(false));
            return Boolean.TRUE;
        }, lost -> {
            NodeSchedulingPolicy now;
            try {
                now = describe().scheduling();
            } catch (NeonException unreadable) {
                lost.addSuppressed(unreadable);
                throw lost;
            }
            if (started.contains(now)) {
                return Optional.of(Boolean.TRUE);
            }
            if (now != NodeSchedulingPolicy.ACTIVE) {
                throw lost;
            }
            return Optional.empty();
        });
    }

    /** {@code DELETE /control/v1/node/{node_id}/fill} (scope infra, 202): cancels a fill. */
    public void cancelFill() {
        client.send(Request.delete("/control/v1/node/{node_id}/fill", id).scope(Scope.INFRA));
    }

    /**
     * {@code PUT /control/v1/node/{node_id}/delete} (scope admin): starts a graceful delete (shards are moved off, then
     * the node is removed and tombstoned). The handle's {@code await} waits until describe answers 404.
     */
    public NodeOperation<NodeId> delete() {
        return delete(false);
    }

    /**
     * {@code PUT /control/v1/node/{node_id}/delete?force=true|false} (scope admin); with {@code force} the controller
     * does not wait for moved shards to reconcile.
     */
    public NodeOperation<NodeId> delete(boolean force) {
        Request.Builder r = Request.put("/control/v1/node/{node_id}/delete", id).scope(Scope.ADMIN);
        if (force) {
            r.query("force", "true");
        }
        client.send(r);
        return NodeOperation.delete(client, id);
    }

    /** {@code DELETE /control/v1/node/{node_id}/delete} (scope infra, 202): cancels a graceful delete. */
    public void cancelDelete() {
        client.send(Request.delete("/control/v1/node/{node_id}/delete", id).scope(Scope.INFRA));
    }

    /**
     * {@code DELETE /control/v1/node/{node_id}} (scope admin): the deprecated synchronous delete. It reschedules shards
     * without graceful migration, then removes and tombstones the node; an unknown node counts as done. Prefer
     * {@link #delete()}.
     *
     * @throws io.neonclient.core.ConflictException when a shard cannot be rescheduled
     */
    public void deleteImmediately() {
        client.send(Request.delete("/control/v1/node/{node_id}", id).scope(Scope.ADMIN).idempotent(true));
    }
}
