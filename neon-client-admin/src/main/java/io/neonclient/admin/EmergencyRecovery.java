package io.neonclient.admin;

import io.neonclient.core.NeonException;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitTimeoutException;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.Safekeeper;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The runbook's "Emergency Recovery" restart order, as checks after the operator has brought the processes back:
 * controller ready → every registered pageserver {@code Active} → every safekeeper {@code Active} → every tenant's
 * placement settled (a shard stuck reconciling gets {@code cancel_reconcile} and a fresh {@code reconcile_all}) →
 * computes last, each re-pointed if stale and verified running → a {@link ClusterReport}. It starts nothing itself;
 * a step that waits says what it is waiting for.
 *
 * <p>What it could destroy: placements, by cancelling reconciles that were only slow. Starts and stops no process.
 * Refuses to go past a step until what it waits for holds (controller ready, every pageserver {@code Active} and
 * answering {@code GET /v1/status} with its own id, every safekeeper {@code Active}); cancels a reconcile only for
 * shards the controller still reports reconciling after {@link #withStuckReconcileAfter}; re-points
 * only computes whose spec differs from the settled placement.
 */
public final class EmergencyRecovery implements Recipe {
    /** When the controller answered {@code GET /ready} with 200. */
    public static final Step.Key<Instant> CONTROLLER_READY = Step.key("controller-ready", Instant.class);
    /** The registered pageservers, all Active and answering. */
    public static final Step.Key<List<NodeId>> PAGESERVERS_ACTIVE = Step.listKey("pageservers-active", NodeId.class);
    /** The safekeepers, all Active. */
    public static final Step.Key<List<NodeId>> SAFEKEEPERS_ACTIVE = Step.listKey("safekeepers-active", NodeId.class);
    /** The tenants found settled, and the shards whose stuck reconcile was cancelled. */
    public static final Step.Key<Settled> PLACEMENT_SETTLED = Step.key("placement-settled", Settled.class);
    /** Per tenant with registered computes: what was re-pointed (empty without {@link #withComputes}). */
    public static final Step.Key<List<ShardRoutingRepair.Repointed>> COMPUTES = Step.listKey("computes", ShardRoutingRepair.Repointed.class);
    /** The cluster report taken last. */
    public static final Step.Key<ClusterReport> REPORT = Step.key("report", ClusterReport.class);

    /**
     * What the placement step found.
     *
     * @param tenants every tenant, each settled
     * @param unstuck the shards whose reconcile hung and was cancelled and started again
     */
    public record Settled(List<TenantId> tenants, List<TenantShardId> unstuck) {
        public Settled {
            tenants = List.copyOf(tenants);
            unstuck = List.copyOf(unstuck);
        }
    }

    private record Inputs(String controller) {}

    private final StorageControllerClient storcon;
    private final ComputeRegistry computes;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Duration stuckAfter;
    private final Function<Node, PageserverClient> pageservers;
    private final Plan plan;

    private EmergencyRecovery(StorageControllerClient storcon, ComputeRegistry computes, Journal journal, WaitPolicy wait, Duration stuckAfter,
                              Function<Node, PageserverClient> pageservers) {
        this.pageservers = pageservers;
        this.storcon = storcon;
        this.computes = computes;
        this.journal = journal;
        this.wait = wait;
        this.stuckAfter = stuckAfter;
        this.plan = Plan.builder("EmergencyRecovery", new Inputs(storcon.baseUri().toString()))
                .subject("controller " + storcon.baseUri())
                .step(CONTROLLER_READY, "Wait for the storage controller to be ready (GET /ready)", ctx -> {
                    Conditions.controllerReady(storcon, wait, ctx);
                    return Instant.now();
                }, "start the storage controller (and its database), then re-run")
                .step(PAGESERVERS_ACTIVE, "Wait until every registered pageserver is Active (GET /control/v1/node)", this::pageservers,
                        "start the pageservers that are still Offline, then re-run")
                .step(SAFEKEEPERS_ACTIVE, "Wait until every safekeeper is Active (GET /control/v1/safekeeper)", this::safekeepers,
                        "start the safekeepers that are not Active, then re-run")
                .step(PLACEMENT_SETTLED, "Wait until every tenant's shards are placed and idle, un-sticking stuck reconciles "
                        + "(PUT …/cancel_reconcile, POST /debug/v1/reconcile_all)", this::placement,
                        "run ClusterReport for the shards' last_error, fix the cause, then re-run")
                .step(COMPUTES, "Re-point stale computes and check that each is running (compute_ctl POST /configure, GET /status)",
                        this::computes, "the storage is healthy; start or re-point the computes listed above, then re-run")
                .step(REPORT, "Collect a cluster report (GET /control/v1/node, /control/v1/tenant, /control/v1/safekeeper)",
                        ctx -> ClusterReport.collect(storcon), "the cluster is up; read the report")
                .build();
    }

    /** Checks the cluster behind {@code storcon}; computes are not touched. */
    public static EmergencyRecovery of(StorageControllerClient storcon) {
        Objects.requireNonNull(storcon, "storcon");
        return new EmergencyRecovery(storcon, null, Journal.inMemory(), storcon.config().waitPolicy(), Duration.ofSeconds(30),
                n -> Placements.pageserver(storcon, n));
    }

    /** Also re-points and verifies the computes in {@code computes}, last. */
    public EmergencyRecovery withComputes(ComputeRegistry computes) {
        return new EmergencyRecovery(storcon, Objects.requireNonNull(computes, "computes"), journal, wait, stuckAfter, pageservers);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public EmergencyRecovery withJournal(Journal journal) {
        return new EmergencyRecovery(storcon, computes, Objects.requireNonNull(journal, "journal"), wait, stuckAfter, pageservers);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public EmergencyRecovery withWaitPolicy(WaitPolicy wait) {
        return new EmergencyRecovery(storcon, computes, journal, Objects.requireNonNull(wait, "waitPolicy"), stuckAfter, pageservers);
    }

    /** How long a shard may reconcile before it counts as stuck and is cancelled and reconciled again (default 30 s). */
    public EmergencyRecovery withStuckReconcileAfter(Duration stuckAfter) {
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("stuckAfter must be positive, got " + stuckAfter);
        }
        return new EmergencyRecovery(storcon, computes, journal, wait, stuckAfter, pageservers);
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private List<NodeId> pageservers(StepContext ctx) {
        // The controller's view lags a restart by a heartbeat or more, so each pageserver is also asked directly.
        List<Node> nodes = Waiter.await("every pageserver Active and answering", wait, () -> storcon.nodes().list(), list -> {
            List<NodeId> down = list.stream().filter(n -> n.availability() != NodeAvailability.ACTIVE || !answers(n)).map(Node::id).toList();
            return down.isEmpty() ? WaitVerdict.done() : WaitVerdict.pending("not Active or not answering GET /v1/status: pageservers " + down);
        }, ctx.progress());
        return nodes.stream().map(Node::id).toList();
    }

    private boolean answers(Node n) {
        try {
            return pageservers.apply(n).status().id().equals(n.id());
        } catch (NeonException e) {
            return false;
        }
    }

    private List<NodeId> safekeepers(StepContext ctx) {
        List<Safekeeper> sks = Waiter.await("every safekeeper Active", wait, () -> storcon.safekeepers().list(), list -> {
            List<NodeId> down = list.stream().filter(s -> s.schedulingPolicy() != SkSchedulingPolicy.ACTIVE).map(Safekeeper::id).toList();
            return down.isEmpty() ? WaitVerdict.done() : WaitVerdict.pending("not Active yet: safekeepers " + down);
        }, ctx.progress());
        return sks.stream().map(Safekeeper::id).toList();
    }

    private Settled placement(StepContext ctx) {
        List<TenantId> tenants = storcon.tenants().list().map(TenantDescription::tenantId).toList();
        List<TenantShardId> unstuck = new ArrayList<>();
        for (TenantId t : tenants) {
            try {
                Conditions.tenantSettled(storcon, t, wait.withTimeout(stuckAfter), ctx);
            } catch (WaitTimeoutException stuck) {
                for (ShardDescription s : storcon.tenant(t).describe().shards()) {
                    if (s.isReconciling()) {
                        storcon.shard(s.id()).cancelReconcile();
                        unstuck.add(s.id());
                    }
                }
                storcon.reconcileAll();
                Conditions.tenantSettled(storcon, t, wait, ctx);
            }
        }
        return new Settled(tenants, unstuck);
    }

    private List<ShardRoutingRepair.Repointed> computes(StepContext ctx) {
        List<ShardRoutingRepair.Repointed> out = new ArrayList<>();
        if (computes == null) {
            return out;
        }
        for (TenantDescription t : storcon.tenants().list().toList()) {
            if (!computes.computesOf(t.tenantId()).isEmpty()) {
                out.add(ShardRoutingRepair.repointStale(storcon, computes, t.tenantId(), wait));
            }
        }
        return out;
    }
}
