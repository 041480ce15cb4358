package io.neonclient.admin;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.util.Optional;
import java.util.function.Predicate;

/** Waits the recipes share, each on the state upstream's own tests wait on (NOTES.md §4). */
final class Conditions {
    private Conditions() {}

    /** The controller answers {@code GET /ready} with 200 (start-up reconciliation done). */
    static void controllerReady(StorageControllerClient storcon, WaitPolicy policy, StepContext ctx) {
        Waiter.await("storage controller ready", policy, storcon::ready,
                ready -> ready ? WaitVerdict.done() : WaitVerdict.pending("GET /ready answers 503 (start-up not finished)"),
                ctx.progress());
    }

    /** The node is registered and matches {@code test}; {@code what} describes the state for messages. */
    static Node node(StorageControllerClient storcon, NodeId id, String what, Predicate<Node> test, WaitPolicy policy, StepContext ctx) {
        return Waiter.await("node " + id + " " + what, policy, () -> storcon.node(id).describe(),
                n -> test.test(n) ? WaitVerdict.done()
                        : WaitVerdict.pending("node " + id + " is " + n.availability() + "/" + n.scheduling()),
                ctx.progress());
    }

    static boolean isActive(Node n) {
        return n.availability() == NodeAvailability.ACTIVE;
    }

    /**
     * Every shard attached, {@code n} secondaries each under {@code Attached(n)}, nothing reconciling, no
     * {@code last_error} (fails at once on one).
     */
    static TenantDescription tenantSettled(StorageControllerClient storcon, TenantId tenant, WaitPolicy policy, StepContext ctx) {
        return Waiter.await("tenant " + tenant + " settled", policy, () -> storcon.tenant(tenant).describe(),
                Conditions::settled, ctx.progress());
    }

    static WaitVerdict settled(TenantDescription d) {
        int secondaries = d.policy() instanceof PlacementPolicy.Attached a ? a.secondaries() : -1;
        for (ShardDescription s : d.shards()) {
            if (!s.lastError().isEmpty()) {
                return WaitVerdict.failed("shard " + s.id() + ": " + s.lastError());
            }
            if (s.attachedNode().isEmpty()) {
                return WaitVerdict.pending("shard " + s.id() + " not attached yet");
            }
            if (secondaries >= 0 && s.secondaryNodes().size() != secondaries) {
                return WaitVerdict.pending("shard " + s.id() + " has " + s.secondaryNodes().size() + " of " + secondaries + " secondaries");
            }
            if (s.isReconciling()) {
                return WaitVerdict.pending("shard " + s.id() + " reconciling (attached on node " + s.attachedNode().get() + ")");
            }
        }
        return WaitVerdict.done();
    }

    /** The shard is attached on {@code node} and not reconciling; fails at once on {@code last_error}. */
    static ShardDescription shardOn(StorageControllerClient storcon, io.neonclient.core.TenantShardId shard, NodeId node,
                                    WaitPolicy policy, StepContext ctx) {
        return Waiter.await("shard " + shard + " attached on node " + node + " and idle", policy,
                () -> storcon.tenant(shard.tenantId()).describe().shard(shard).orElseThrow(),
                s -> !s.lastError().isEmpty() ? WaitVerdict.failed(s.lastError())
                        : s.attachedNode().filter(node::equals).isPresent() && !s.isReconciling() ? WaitVerdict.done()
                        : WaitVerdict.pending("attached on " + s.attachedNode().map(NodeId::toString).orElse("-")
                                + (s.isReconciling() ? ", reconciling" : "")),
                ctx.progress());
    }

    /** The tenant as the controller sees it, or empty when it does not know it (never created, or detached and dropped). */
    static Optional<TenantDescription> describe(StorageControllerClient storcon, TenantId tenant) {
        try {
            return Optional.of(storcon.tenant(tenant).describe());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
