package io.neonclient.admin;

import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import java.util.Objects;
import java.util.Optional;

/**
 * Remove a pageserver for good: drain → graceful delete → gone. Uses {@code PUT /control/v1/node/{id}/delete},
 * which moves shards off before removing the node, rather than the runbook's synchronous
 * {@code DELETE /control/v1/node/{id}}, which upstream marks deprecated ({@code storage_controller/src/http.rs}).
 * The drain and delete are skipped when the node is no longer registered after this journal's check step saw it.
 *
 * <p>What it could destroy: the node's shards' service, and an operator's trust in "removed". Refuses when:
 * <ul>
 *   <li>the node is not registered with the controller ({@code GET /control/v1/node/{node_id}} answers 404) and this
 *   journal has no earlier run that saw it (in the check step, nothing changed): a mistyped id must not report a
 *   removal. A node removed by an earlier run of the same journal counts as done;</li>
 *   <li>its scheduling is neither {@code Active}, {@code Draining}, {@code PauseForRestart} nor {@code Deleting}: another
 *   operation owns the node.</li>
 * </ul>
 * The delete is sent only once the node reads drained ({@code PauseForRestart}), so the controller moves shards off
 * gracefully before it forgets the node; a node already {@code Deleting} is only waited for.
 */
public final class NodeRemoval implements Recipe {
    /** The node as registered before anything changed. */
    public static final Step.Key<Node> CHECK = Step.key("check", Node.class);
    /**
     * The node's scheduling once drained: {@code PauseForRestart}, or {@code Deleting} when the delete was already sent
     * or the node is already gone (the step is then skipped).
     */
    public static final Step.Key<NodeSchedulingPolicy> DRAIN = Step.key("drain", NodeSchedulingPolicy.class);
    /** The removed node. */
    public static final Step.Key<NodeId> DELETE = Step.key("delete", NodeId.class);

    private record Inputs(NodeId node) {}

    private final StorageControllerClient storcon;
    private final NodeId node;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private NodeRemoval(StorageControllerClient storcon, NodeId node, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.node = node;
        this.journal = journal;
        this.wait = wait;
        this.plan = Plan.builder("NodeRemoval", new Inputs(node)).subject("node " + node)
                .step(CHECK, "Check that node " + node + " is registered (GET /control/v1/node/{node_id})", ctx -> describe().orElseThrow(
                        () -> new IllegalArgumentException("node " + node + " is not registered with the controller (GET /control/v1/node/"
                                + node + " answered 404) and this journal has no earlier run that saw it: nothing to remove; check the"
                                + " id (neon-ops status lists the nodes)")), "nothing changed")
                .step(Step.of(DRAIN, "Drain node " + node + " (PUT /control/v1/node/{node_id}/drain) and wait for PauseForRestart", this::drain)
                        .skipWhen(ctx -> describe().isEmpty() ? Optional.of(NodeSchedulingPolicy.DELETING) : Optional.empty())
                        .ifFailed("node " + node + " is draining; re-run to continue, or cancel with storcon.node(" + node + ").cancelDrain()"))
                .step(Step.of(DELETE, "Delete node " + node + " gracefully (PUT /control/v1/node/{node_id}/delete) and wait until it is gone",
                                this::delete)
                        .skipWhen(ctx -> describe().isEmpty() ? Optional.of(node) : Optional.empty())
                        .ifFailed("node " + node + " is Deleting; re-run to wait for it, or cancel with storcon.node(" + node + ").cancelDelete()"))
                .build();
    }

    /** Prepares the removal of pageserver {@code node}; nothing is sent until {@link #run}. */
    public static NodeRemoval of(StorageControllerClient storcon, NodeId node) {
        return new NodeRemoval(Objects.requireNonNull(storcon, "storcon"), Objects.requireNonNull(node, "node"), Journal.inMemory(),
                storcon.config().waitPolicy());
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public NodeRemoval withJournal(Journal journal) {
        return new NodeRemoval(storcon, node, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public NodeRemoval withWaitPolicy(WaitPolicy wait) {
        return new NodeRemoval(storcon, node, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private Optional<Node> describe() {
        try {
            return Optional.of(storcon.node(node).describe());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private NodeSchedulingPolicy drain(StepContext ctx) {
        Optional<Node> found = describe();
        if (found.isEmpty()) {
            // Removed since the skip check looked (a delete sent by a killed run finished meanwhile): nothing to drain.
            return NodeSchedulingPolicy.DELETING;
        }
        NodeSchedulingPolicy now = found.get().scheduling();
        if (now == NodeSchedulingPolicy.DELETING) {
            return now;
        }
        if (now == NodeSchedulingPolicy.ACTIVE) {
            storcon.node(node).drain();
        } else if (now != NodeSchedulingPolicy.DRAINING && now != NodeSchedulingPolicy.PAUSE_FOR_RESTART) {
            throw new IllegalStateException("node " + node + " is " + now + "; only an Active node can be drained");
        }
        return Conditions.node(storcon, node, "PauseForRestart", x -> x.scheduling() == NodeSchedulingPolicy.PAUSE_FOR_RESTART, wait, ctx)
                .scheduling();
    }

    private NodeId delete(StepContext ctx) {
        Optional<Node> found = describe();
        if (found.isEmpty()) {
            // Removed since the skip check looked: the delete a killed run sent has finished, which is this step's goal.
            return node;
        }
        Node n = found.get();
        if (n.scheduling() != NodeSchedulingPolicy.DELETING) {
            if (n.scheduling() == NodeSchedulingPolicy.PAUSE_FOR_RESTART) {
                // The graceful delete wants Active or Pause; a drained node is parked in PauseForRestart.
                storcon.node(node).configure(null, NodeSchedulingPolicy.PAUSE);
            }
            storcon.node(node).delete();
        }
        // Already Deleting (an earlier run sent it): sending it again is refused with 412, so only wait.
        Waiter.await("node " + node + " removed", wait, this::describe,
                d -> d.isEmpty() ? WaitVerdict.done() : WaitVerdict.pending("node " + node + " is " + d.get().scheduling()),
                ctx.progress());
        return node;
    }
}
