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
 * which moves shards off before removing the node, rather than the runbook's deprecated synchronous
 * {@code DELETE /control/v1/node/{id}}, which upstream {@code storage_controller/src/http.rs} marks for removal.
 */
public final class NodeRemoval extends PlannedRecipe {
    private final StorageControllerClient storcon;
    private final NodeId node;
    private final WaitPolicy wait;

    private NodeRemoval(StorageControllerClient storcon, NodeId node, Journal journal, WaitPolicy wait) {
        super("NodeRemoval", journal);
        this.storcon = storcon;
        this.node = node;
        this.wait = wait;
        plan(Plan.builder("NodeRemoval", "node=" + node)
                .step("drain", "Drain node " + node + " (PUT /control/v1/node/{node_id}/drain) and wait for PauseForRestart", this::drain,
                        "node " + node + " is draining; re-run to continue, or cancel with storcon.node(" + node + ").cancelDrain()")
                .step("delete", "Delete node " + node + " gracefully (PUT /control/v1/node/{node_id}/delete) and wait until it is gone",
                        this::delete, "node " + node + " is Deleting; re-run to wait for it, or cancel with storcon.node(" + node + ").cancelDelete()")
                .build());
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
        return new NodeRemoval(storcon, node, journal(), Objects.requireNonNull(wait, "waitPolicy"));
    }

    private Optional<Node> describe() {
        try {
            return Optional.of(storcon.node(node).describe());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private String drain(StepContext ctx) {
        Optional<Node> n = describe();
        if (n.isEmpty()) {
            return "node " + node + " is not registered (already removed)";
        }
        switch (n.get().scheduling()) {
            case ACTIVE -> storcon.node(node).drain();
            case DRAINING, PAUSE_FOR_RESTART, DELETING -> { }
            default -> throw new IllegalStateException("node " + node + " is " + n.get().scheduling() + "; only an Active node can be drained");
        }
        if (n.get().scheduling() != NodeSchedulingPolicy.DELETING) {
            Conditions.node(storcon, node, "PauseForRestart", x -> x.scheduling() == NodeSchedulingPolicy.PAUSE_FOR_RESTART, wait, ctx);
        }
        return "drained";
    }

    private String delete(StepContext ctx) {
        Optional<Node> n = describe();
        if (n.isEmpty()) {
            return "node " + node + " removed";
        }
        if (n.get().scheduling() != NodeSchedulingPolicy.DELETING) {
            if (n.get().scheduling() == NodeSchedulingPolicy.PAUSE_FOR_RESTART) {
                // The graceful delete wants Active or Pause; a drained node is parked in PauseForRestart.
                storcon.node(node).configure(null, NodeSchedulingPolicy.PAUSE);
            }
            storcon.node(node).delete();
        }
        // Already Deleting (an earlier run sent it): sending it again is refused with 412, so only wait.
        Waiter.await("node " + node + " removed", wait, this::describe,
                d -> d.isEmpty() ? WaitVerdict.done() : WaitVerdict.pending("node " + node + " is " + d.get().scheduling()),
                ctx.progress());
        return "node " + node + " removed (tombstoned)";
    }

}
