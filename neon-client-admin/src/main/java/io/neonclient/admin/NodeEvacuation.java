package io.neonclient.admin;

import io.neonclient.core.NodeId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import java.util.Objects;

/**
 * Take a pageserver out of service for a restart and bring it back: drain → {@code PauseForRestart} → restart →
 * {@code Active} → fill → balanced. The restart is the operator's ({@link NodeRestarter#askOperator()}, the
 * default: the step reports that it is waiting for it) or a {@link NodeRestarter} given to {@link #withRestarter}.
 * Mirrors one node of upstream's {@code test_graceful_cluster_restart}
 * ({@code test_runner/regress/test_storage_controller.py}); {@link RollingRestart} does every node in turn.
 *
 * <p>What it could destroy: service of the node's shards, by restarting a node that still holds attached shards.
 * Refuses when:
 * <ul>
 *   <li>the node is not registered ({@code GET /control/v1/node/{node_id}} answers 404), with nothing changed;</li>
 *   <li>its scheduling is neither {@code Active}, {@code Draining} nor {@code PauseForRestart} (e.g. {@code Filling},
 *   {@code Deleting}): another operation owns the node.</li>
 * </ul>
 * A {@link NodeRestarter} is called only once the node reads {@code PauseForRestart} (drained); a fill is sent only to an
 * {@code Active} node and only once per journal.
 */
public final class NodeEvacuation implements Recipe {

    /** The drained node ({@code PauseForRestart}). */
    public static final Step.Key<Node> DRAIN = Step.key("drain", Node.class);
    /** The node after its restart ({@code Active}/{@code Active}). */
    public static final Step.Key<Node> RESTART = Step.key("restart", Node.class);
    /** The node after the fill ({@code Active} scheduling). */
    public static final Step.Key<Node> FILL = Step.key("fill", Node.class);
    /** How many shard locations the node holds once the controller is idle. */
    public static final Step.Key<Integer> BALANCED = Step.key("balanced", Integer.class);
    /** Note of the fill step: the fill request was sent (a re-run only waits). */
    private static final Step.Key<Boolean> FILL_SENT = Step.key("fill-sent", Boolean.class);

    private record Inputs(NodeId node) {}

    private final StorageControllerClient storcon;
    private final NodeId node;
    private final NodeRestarter restarter;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private NodeEvacuation(StorageControllerClient storcon, NodeId node, NodeRestarter restarter, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.node = node;
        this.restarter = restarter;
        this.journal = journal;
        this.wait = wait;
        this.plan = Plan.builder("NodeEvacuation", new Inputs(node)).subject("node " + node)
                .step(DRAIN, "Drain node " + node + " (PUT /control/v1/node/{node_id}/drain) and wait for PauseForRestart", this::drain,
                        "the node is Draining or drained; re-run to continue, or cancel with storcon.node(" + node + ").cancelDrain()")
                .step(RESTART, restarter instanceof OperatorRestarter
                                ? "Wait for the operator to restart pageserver " + node + " (its re-attach resets scheduling to Active)"
                                : "Restart pageserver " + node + NodeCycle.through(restarter) + " and wait until it re-attached (scheduling Active, availability Active)",
                        this::restart, "node " + node + " is drained (PauseForRestart); restart its pageserver, then re-run")
                .step(FILL, "Fill node " + node + " (PUT /control/v1/node/{node_id}/fill) and wait until it is Active again", this::fill,
                        "node " + node + " is Active but may hold fewer shards; re-run to fill it")
                .step(BALANCED, "Wait until the controller has nothing left to reconcile (POST /debug/v1/reconcile_all)",
                        ctx -> NodeCycle.balanced(storcon, node, wait), "the node is back in service; the controller is still moving shards, which it finishes by itself")
                .build();
    }

    /** Prepares the evacuation of pageserver {@code node}; nothing is sent until {@link #run}. */
    public static NodeEvacuation of(StorageControllerClient storcon, NodeId node) {
        return new NodeEvacuation(Objects.requireNonNull(storcon, "storcon"), Objects.requireNonNull(node, "node"), NodeRestarter.askOperator(),
                Journal.inMemory(), storcon.config().waitPolicy());
    }

    /** Restart the pageserver with {@code restarter}, e.g. {@link NodeRestarter#command}, instead of waiting for the operator. */
    public NodeEvacuation withRestarter(NodeRestarter restarter) {
        return new NodeEvacuation(storcon, node, Objects.requireNonNull(restarter, "restarter"), journal, wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public NodeEvacuation withJournal(Journal journal) {
        return new NodeEvacuation(storcon, node, restarter, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public NodeEvacuation withWaitPolicy(WaitPolicy wait) {
        return new NodeEvacuation(storcon, node, restarter, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private Node drain(StepContext ctx) {
        return NodeCycle.drain(storcon, node, wait, ctx);
    }

    private Node restart(StepContext ctx) {
        return NodeCycle.restart(storcon, node, restarter, wait, ctx);
    }

    private Node fill(StepContext ctx) {
        return NodeCycle.fill(storcon, node, FILL_SENT, wait, ctx);
    }
}
