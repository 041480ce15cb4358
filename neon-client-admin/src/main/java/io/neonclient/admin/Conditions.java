package io.neonclient.admin;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitTimeoutException;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The waits recipes share, each on the state upstream's own tests wait on ({@code test_runner/fixtures/neon_fixtures.py}),
 * reporting progress to the running step as {@link StillWaiting}. Each polls with {@code policy} and throws
 * {@link WaitTimeoutException} with the last state seen, or {@link WaitFailedException} at once on a terminal state.
 */
public final class Conditions {
    private Conditions() {}

    /** Polls {@code GET /ready} until the controller answers 200 (its start-up reconciliation is done). */
    public static void controllerReady(StorageControllerClient storcon, WaitPolicy policy, StepContext ctx) {
        Waiter.await("storage controller ready", policy, storcon::ready,
                ready -> ready ? WaitVerdict.done() : WaitVerdict.pending("GET /ready answers 503 (start-up not finished)"),
                ctx.progress());
    }

    /**
     * Polls {@code GET /control/v1/node/{node_id}} until the node matches {@code test}; {@code what} names the state for
     * messages, e.g. {@code PauseForRestart}. Returns the node as last seen.
     */
    public static Node node(StorageControllerClient storcon, NodeId id, String what, Predicate<Node> test, WaitPolicy policy,
                            StepContext ctx) {
        return Waiter.await("node " + id + " " + what, policy, () -> storcon.node(id).describe(),
                n -> test.test(n) ? WaitVerdict.done()
                        : WaitVerdict.pending("node " + id + " is " + n.availability() + "/" + n.scheduling()),
                ctx.progress());
    }

    /** The node's availability is {@code Active} (it answers the controller's heartbeats). */
    public static boolean isActive(Node n) {
        return n.availability() == NodeAvailability.ACTIVE;
    }

    /**
     * Polls {@code GET /control/v1/tenant/{tenant_id}} until {@link #settled} is done; fails at once on a shard's
     * {@code last_error}. Returns the settled description.
     */
    public static TenantDescription tenantSettled(StorageControllerClient storcon, TenantId tenant, WaitPolicy policy, StepContext ctx) {
        return Waiter.await("tenant " + tenant + " settled", policy, () -> storcon.tenant(tenant).describe(),
                Conditions::settled, ctx.progress());
    }

    /**
     * The storage controller client's own judge of a placement ({@link TenantDescription#settledVerdict()}): under
     * {@code Attached(n)} every shard attached with {@code n} secondaries and not reconciling; failed on a
     * {@code last_error}. Sends nothing.
     */
    public static WaitVerdict settled(TenantDescription d) {
        return d.settledVerdict();
    }

    /**
     * Polls {@code GET /control/v1/tenant/{tenant_id}} until the shard is attached on {@code node} and not
     * reconciling; fails at once on its {@code last_error}. Returns the shard as last seen.
     */
    public static ShardDescription shardOn(StorageControllerClient storcon, TenantShardId shard, NodeId node, WaitPolicy policy,
                                           StepContext ctx) {
        return Waiter.await("shard " + shard + " attached on node " + node + " and idle", policy,
                () -> storcon.tenant(shard.tenantId()).describe().shard(shard).orElseThrow(),
                s -> !s.lastError().isEmpty() ? WaitVerdict.failed(s.lastError())
                        : s.attachedNode().filter(node::equals).isPresent() && !s.isReconciling() ? WaitVerdict.done()
                        : WaitVerdict.pending("attached on " + s.attachedNode().map(NodeId::toString).orElse("-")
                                + (s.isReconciling() ? ", reconciling" : "")),
                ctx.progress());
    }

    /**
     * {@code GET /control/v1/tenant/{tenant_id}}, or empty when the controller does not know the tenant (never
     * created, or detached and dropped from memory).
     */
    public static Optional<TenantDescription> describe(StorageControllerClient storcon, TenantId tenant) {
        try {
            return Optional.of(storcon.tenant(tenant).describe());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
