package io.neonclient.admin;

import io.neonclient.core.NodeId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four moves of taking one pageserver out for a restart and back, shared by {@link NodeEvacuation} and
 * {@link RollingRestart}: the sequence of upstream's {@code test_graceful_cluster_restart}
 * ({@code test_runner/regress/test_storage_controller.py}). Each move reads the node first, so a re-run after a crash
 * continues instead of repeating a request.
 */
final class NodeCycle {
    private NodeCycle() {}

    /** How a step description names the restarter: {@code " with the command '…'"}, or nothing for a lambda. */
    static String through(NodeRestarter restarter) {
        return describes(restarter) ? " with " + restarter : "";
    }

    /** True when the restarter says what it does (its class overrides toString), unlike a lambda. */
    static boolean describes(NodeRestarter restarter) {
        try {
            return !restarter.getClass().isHidden() && restarter.getClass().getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** How long each secondary download request waits on the pageserver (upstream's warm_up_all_secondaries uses 250 ms). */
    static final Duration DOWNLOAD_WAIT = Duration.ofMillis(250);

    /**
     * Warms the secondary locations that a drain of {@code node} will cut its attached shards over to, as upstream's
     * {@code warm_up_all_secondaries} ({@code test_runner/fixtures/neon_fixtures.py}) does before each drain of
     * {@code test_graceful_cluster_restart}: lists the tenants ({@code GET /control/v1/tenant}) and nodes
     * ({@code GET /control/v1/node}); for each shard attached on {@code node}, uploads its heatmap on {@code node}
     * ({@code POST /v1/tenant/{tenant_shard_id}/heatmap_upload}) and downloads it on each of its secondaries
     * ({@code POST /v1/tenant/{tenant_shard_id}/secondary/download?wait_ms=250}, repeated until 200). Both are safe to
     * repeat. Returns how many secondary locations were warmed.
     */
    static int warmSecondaries(StorageControllerClient storcon, NodeId node, WaitPolicy wait, StepContext ctx) {
        Map<NodeId, Node> nodes = new HashMap<>();
        storcon.nodes().list().forEach(n -> nodes.put(n.id(), n));
        Node attachedOn = nodes.get(node);
        if (attachedOn == null) {
            throw new IllegalStateException("node " + node + " is not registered with the controller");
        }
        List<ShardDescription> shards = storcon.tenants().list().flatMap(t -> t.shards().stream())
                .filter(s -> s.attachedNode().equals(Optional.of(node)) && !s.secondaryNodes().isEmpty()).toList();
        int warmed = 0;
        for (ShardDescription s : shards) {
            try (PageserverClient attached = Placements.pageserver(storcon, attachedOn)) {
                attached.tenant(s.id()).heatmapUpload();
            }
            for (NodeId secondary : s.secondaryNodes()) {
                Node n = nodes.get(secondary);
                if (n == null) {
                    throw new IllegalStateException("shard " + s.id() + " has a secondary on node " + secondary + ", which the controller does not list");
                }
                ctx.waiting("warming shard " + s.id() + " on node " + secondary + " (" + (warmed + 1) + " of the secondaries of "
                        + shards.size() + " shards)");
                try (PageserverClient pageserver = Placements.pageserver(storcon, n)) {
                    pageserver.tenant(s.id()).secondaryDownload(DOWNLOAD_WAIT).await(wait, ctx.progress());
                }
                warmed++;
            }
        }
        return warmed;
    }

    /** {@code PUT /control/v1/node/{node_id}/drain} if the node is Active, then waits for {@code PauseForRestart}. */
    static Node drain(StorageControllerClient storcon, NodeId node, WaitPolicy wait, StepContext ctx) {
        Node n = storcon.node(node).describe();
        if (n.scheduling() == NodeSchedulingPolicy.ACTIVE) {
            storcon.node(node).drain();
        } else if (n.scheduling() != NodeSchedulingPolicy.DRAINING && n.scheduling() != NodeSchedulingPolicy.PAUSE_FOR_RESTART) {
            throw new IllegalStateException("node " + node + " is " + n.scheduling() + "; only an Active node can be drained");
        }
        return Conditions.node(storcon, node, "PauseForRestart", x -> x.scheduling() == NodeSchedulingPolicy.PAUSE_FOR_RESTART, wait, ctx);
    }

    /** The note a restart step records once its restarter returned (the note is kept per step, so one name serves all). */
    static final Step.Key<Boolean> RESTART_ISSUED = Step.key("restart-issued", Boolean.class);

    /**
     * Restarts the node through {@code restarter} while it still reads {@code PauseForRestart} and this step's journal
     * has no note that a restart was already issued, then waits until its re-attach made it {@code Active}/{@code Active}.
     * The note is written as soon as the restarter returns: a run killed after that but before the controller saw the
     * node re-attach (it still reads {@code PauseForRestart}) resumes by waiting, and does not restart the node again.
     */
    static Node restart(StorageControllerClient storcon, NodeId node, NodeRestarter restarter, WaitPolicy wait, StepContext ctx) {
        if (restarter instanceof OperatorRestarter) {
            ctx.waiting("restart pageserver " + node + " now; waiting for its re-attach");
        } else if (ctx.recall(RESTART_ISSUED).isPresent()) {
            ctx.waiting("pageserver " + node + " was restarted by an earlier run (journal); waiting for its re-attach");
        } else if (storcon.node(node).describe().scheduling() == NodeSchedulingPolicy.PAUSE_FOR_RESTART) {
            restarter.restart(node);
            ctx.remember(RESTART_ISSUED, true);
        }
        return Conditions.node(storcon, node, "re-attached and Active",
                x -> x.scheduling() == NodeSchedulingPolicy.ACTIVE && Conditions.isActive(x), wait, ctx);
    }

    /**
     * {@code PUT /control/v1/node/{node_id}/fill} once per journal (remembered under {@code sent}) if the node is
     * Active, then waits until the fill finished (scheduling back to {@code Active}).
     */
    static Node fill(StorageControllerClient storcon, NodeId node, Step.Key<Boolean> sent, WaitPolicy wait, StepContext ctx) {
        Node n = storcon.node(node).describe();
        if (n.scheduling() == NodeSchedulingPolicy.ACTIVE && ctx.recall(sent).isEmpty()) {
            storcon.node(node).fill();
            ctx.remember(sent, true);
        }
        return Conditions.node(storcon, node, "filled (Active)", x -> x.scheduling() == NodeSchedulingPolicy.ACTIVE, wait, ctx);
    }

    /**
     * {@code POST /debug/v1/reconcile_all} until the controller is idle; returns how many shard locations the node
     * holds then ({@code GET /control/v1/node/{node_id}/shards}).
     */
    static int balanced(StorageControllerClient storcon, NodeId node, WaitPolicy wait) {
        storcon.reconcileUntilIdle(wait);
        return storcon.node(node).shards().shards().size();
    }
}
