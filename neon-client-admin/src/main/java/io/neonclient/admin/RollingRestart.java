package io.neonclient.admin;

import io.neonclient.core.NodeId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Restart every pageserver in turn, the way an upgrade is rolled out: for each node, check that the cluster is
 * healthy, warm the secondaries its attached shards will move to, then drain → {@code PauseForRestart} → restart (through a {@link NodeRestarter}) → {@code Active} → fill →
 * balanced, before the next node. Never more than one node is out of service. Mirrors upstream's
 * {@code test_graceful_cluster_restart} ({@code test_runner/regress/test_storage_controller.py}); each node's cycle
 * is the one {@link NodeEvacuation} runs. Resumable: with a {@link #withJournal journal}, a re-run continues at the
 * node and step where the last run stopped and restarts no node twice.
 *
 * <p>What it could destroy: service of the shards whose other location is on a node that is down, if two nodes were
 * out at once. Refuses when:
 * <ul>
 *   <li>the list of nodes is empty or names a node twice (IllegalArgumentException, before anything is sent);</li>
 *   <li>before each node, any registered pageserver is not {@code Active}/{@code Active} ({@code GET /control/v1/node}):
 *   e.g. one is {@code Offline}, or another operation (a drain, a fill) holds it; nothing of that node's cycle is sent;</li>
 *   <li>before each node, a node of the list is not registered any more;</li>
 *   <li>before each node, a shard of any tenant carries a {@code last_error} ({@code GET /control/v1/tenant}).</li>
 * </ul>
 * Within a node's cycle it stops as {@link NodeEvacuation} does, saying where the node stands.
 */
public final class RollingRestart implements Recipe {

    private record Inputs(List<NodeId> nodes) {}

    private final StorageControllerClient storcon;
    private final List<NodeId> nodes;
    private final NodeRestarter restarter;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private RollingRestart(StorageControllerClient storcon, List<NodeId> nodes, NodeRestarter restarter, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.nodes = nodes;
        this.restarter = restarter;
        this.journal = journal;
        this.wait = wait;
        Plan.Builder b = Plan.builder("RollingRestart", new Inputs(nodes)).subject("pageservers " + joined(nodes));
        for (NodeId node : nodes) {
            Step.Key<Boolean> fillSent = fillSent(node);
            b.step(healthy(node), "Check the cluster is healthy before node " + node
                            + " (GET /control/v1/node, GET /control/v1/tenant): every pageserver Active/Active, no shard last_error",
                    ctx -> checkHealthy(node), "nothing of node " + node + "'s restart was sent; make the cluster healthy, then re-run");
            b.step(warmed(node), "Warm the secondaries node " + node + "'s attached shards will move to: heatmap upload on node " + node
                            + " (POST /v1/tenant/{tenant_shard_id}/heatmap_upload), then download on each secondary"
                            + " (POST /v1/tenant/{tenant_shard_id}/secondary/download?wait_ms=250) until complete",
                    ctx -> NodeCycle.warmSecondaries(storcon, node, wait, ctx),
                    "nothing of node " + node + "'s restart was sent yet; re-run to warm the secondaries again");
            b.step(drained(node), "Drain node " + node + " (PUT /control/v1/node/{node_id}/drain) and wait for PauseForRestart",
                    ctx -> NodeCycle.drain(storcon, node, wait, ctx),
                    "node " + node + " is Draining or drained; re-run to continue, or cancel with storcon.node(" + node + ").cancelDrain()");
            b.step(restarted(node), restarter instanceof OperatorRestarter
                            ? "Wait for the operator to restart pageserver " + node + " (its re-attach resets scheduling to Active)"
                            : "Restart pageserver " + node + NodeCycle.through(restarter) + " and wait until it re-attached (Active/Active)",
                    ctx -> NodeCycle.restart(storcon, node, restarter, wait, ctx),
                    "node " + node + " is drained (PauseForRestart) or restarting; re-run to wait for it (a restart this run issued is not"
                            + " repeated); restart its pageserver yourself if it does not come back");
            b.step(filled(node), "Fill node " + node + " (PUT /control/v1/node/{node_id}/fill) and wait until it is Active again",
                    ctx -> NodeCycle.fill(storcon, node, fillSent, wait, ctx), "node " + node + " is Active but may hold fewer shards; re-run to fill it");
            b.step(balanced(node), "Wait until the controller has nothing left to reconcile after node " + node + " (POST /debug/v1/reconcile_all)",
                    ctx -> NodeCycle.balanced(storcon, node, wait),
                    "node " + node + " is back in service; the controller is still moving shards; re-run to wait, then go on");
        }
        this.plan = b.build();
    }

    /**
     * Prepares the rolling restart of {@code nodes}, in that order; nothing is sent until {@link #run}.
     *
     * @throws IllegalArgumentException if {@code nodes} is empty or names a node twice
     */
    public static RollingRestart of(StorageControllerClient storcon, List<NodeId> nodes) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(nodes, "nodes");
        List<NodeId> copy = List.copyOf(nodes);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("nodes must name at least one pageserver to restart");
        }
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException("nodes must name each pageserver once, got " + joined(copy));
        }
        return new RollingRestart(storcon, copy, NodeRestarter.askOperator(), Journal.inMemory(), storcon.config().waitPolicy());
    }

    /**
     * Prepares the rolling restart of every registered pageserver in id order: sends {@code GET /control/v1/node} now
     * to list them.
     *
     * @throws IllegalArgumentException if the controller has no pageserver
     */
    public static RollingRestart ofAllNodes(StorageControllerClient storcon) {
        Objects.requireNonNull(storcon, "storcon");
        return of(storcon, storcon.nodes().list().stream().map(Node::id).sorted((a, b) -> Long.compare(a.value(), b.value())).toList());
    }

    /** Restart each pageserver with {@code restarter}, e.g. {@link NodeRestarter#command}, instead of waiting for the operator. Sends nothing. */
    public RollingRestart withRestarter(NodeRestarter restarter) {
        return new RollingRestart(storcon, nodes, Objects.requireNonNull(restarter, "restarter"), journal, wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public RollingRestart withJournal(Journal journal) {
        return new RollingRestart(storcon, nodes, restarter, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public RollingRestart withWaitPolicy(WaitPolicy wait) {
        return new RollingRestart(storcon, nodes, restarter, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    /** The pageservers this run restarts, in order. */
    public List<NodeId> nodes() {
        return nodes;
    }

    /** The key of the health check before {@code node}: how many pageservers were Active/Active. */
    public static Step.Key<Integer> healthy(NodeId node) {
        return Step.key("healthy-" + Objects.requireNonNull(node, "node"), Integer.class);
    }

    /** The key of the warm-up before {@code node}'s drain: how many secondary locations were downloaded. */
    public static Step.Key<Integer> warmed(NodeId node) {
        return Step.key("warm-" + Objects.requireNonNull(node, "node"), Integer.class);
    }

    /** The key of {@code node}'s drain: the node once {@code PauseForRestart}. */
    public static Step.Key<Node> drained(NodeId node) {
        return Step.key("drain-" + Objects.requireNonNull(node, "node"), Node.class);
    }

    /** The key of {@code node}'s restart: the node once re-attached ({@code Active}/{@code Active}). */
    public static Step.Key<Node> restarted(NodeId node) {
        return Step.key("restart-" + Objects.requireNonNull(node, "node"), Node.class);
    }

    /** The key of {@code node}'s fill: the node once filled ({@code Active} scheduling). */
    public static Step.Key<Node> filled(NodeId node) {
        return Step.key("fill-" + Objects.requireNonNull(node, "node"), Node.class);
    }

    /** The key of the wait after {@code node}: how many shard locations it holds once the controller is idle. */
    public static Step.Key<Integer> balanced(NodeId node) {
        return Step.key("balanced-" + Objects.requireNonNull(node, "node"), Integer.class);
    }

    private static Step.Key<Boolean> fillSent(NodeId node) {
        return Step.key("fill-sent-" + node, Boolean.class);
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private int checkHealthy(NodeId next) {
        List<Node> registered = storcon.nodes().list();
        List<String> problems = new ArrayList<>();
        for (NodeId node : nodes) {
            if (registered.stream().noneMatch(n -> n.id().equals(node))) {
                problems.add("node " + node + " is not registered");
            }
        }
        for (Node n : registered) {
            if (!n.isSchedulable()) {
                problems.add("node " + n.id() + " is " + n.availability() + "/" + n.scheduling());
            }
        }
        storcon.tenants().list().forEach((TenantDescription t) -> {
            for (ShardDescription s : t.shards()) {
                if (s.hasError()) {
                    problems.add("shard " + s.id() + " last_error: " + s.lastError());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the cluster is not healthy before restarting node " + next + ": " + String.join("; ", problems));
        }
        return registered.size();
    }

    private static String joined(List<NodeId> nodes) {
        return nodes.stream().map(NodeId::toString).collect(Collectors.joining(","));
    }
}
