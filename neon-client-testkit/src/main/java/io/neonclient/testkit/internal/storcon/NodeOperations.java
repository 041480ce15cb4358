package io.neonclient.testkit.internal.storcon;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.ShardSchedulingPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Background node operations (storage_controller/src/service.rs {@code start_node_drain}, {@code start_node_fill},
 * {@code start_node_delete}; background_node_operations.rs): only one at a time. Drain moves attached shards to
 * their secondaries and ends in {@code PauseForRestart}; fill promotes this node's secondaries up to a fair
 * share and ends in {@code Active}; delete moves everything off, removes and tombstones the node. Shards with
 * scheduling policy Pause or Stop are skipped.
 */
public final class NodeOperations {
    private final Storcon sc;

    public NodeOperations(Storcon sc) {
        this.sc = sc;
    }

    public void drain(Storcon.NodeOperation op) {
        boolean done = moveAttachedOff(op, false);
        synchronized (sc) {
            StorconNode n = sc.nodeOrNull(op.node());
            if (n != null && n.scheduling() == NodeSchedulingPolicy.DRAINING) {
                n.scheduling(done && !op.cancelled() ? NodeSchedulingPolicy.PAUSE_FOR_RESTART : NodeSchedulingPolicy.ACTIVE);
            }
            sc.endOperation();
            sc.notifyAll();
        }
    }

    public void fill(Storcon.NodeOperation op) {
        List<ShardState> moved = new ArrayList<>();
        synchronized (sc) {
            long schedulable = sc.nodeList().stream().filter(n -> n.available()).count();
            int total = 0;
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    if (s.attached() != null) {
                        total++;
                    }
                }
            }
            int fairShare = (int) Math.ceil(total / (double) Math.max(1, schedulable));
            int have = sc.scheduler().attachedCount(op.node());
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    if (have >= fairShare || op.cancelled()) {
                        break;
                    }
                    if (s.secondaries().contains(op.node()) && s.attached() != null && movable(s)) {
                        s.removeSecondary(op.node());
                        s.addSecondary(s.attached());
                        s.setAttached(op.node());
                        moved.add(s);
                        have++;
                    }
                }
            }
        }
        moved.forEach(sc.reconciler()::trigger);
        awaitAll(op, moved);
        synchronized (sc) {
            StorconNode n = sc.nodeOrNull(op.node());
            if (n != null && n.scheduling() == NodeSchedulingPolicy.FILLING) {
                n.scheduling(NodeSchedulingPolicy.ACTIVE);
            }
            sc.endOperation();
            sc.notifyAll();
        }
    }

    public void delete(Storcon.NodeOperation op, boolean force) {
        boolean done = moveAttachedOff(op, true);
        List<ShardState> moved = new ArrayList<>();
        synchronized (sc) {
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    if (s.removeSecondary(op.node())) {
                        Set<Long> exclude = new HashSet<>(s.secondaries());
                        exclude.add(op.node());
                        if (s.attached() != null) {
                            exclude.add(s.attached());
                        }
                        Long repl = sc.scheduler().pickSecondary(s, exclude);
                        if (repl != null) {
                            s.addSecondary(repl);
                        }
                        moved.add(s);
                    }
                }
            }
        }
        moved.forEach(sc.reconciler()::trigger);
        if (!force) {
            awaitAll(op, moved);
        }
        synchronized (sc) {
            StorconNode n = sc.nodeOrNull(op.node());
            if (op.cancelled() || !done) {
                if (n != null && n.scheduling() == NodeSchedulingPolicy.DELETING) {
                    n.scheduling(n.schedulingBeforeDelete());
                }
            } else {
                sc.tombstone(op.node());
                for (TenantState t : sc.tenantsView()) {
                    t.shards().forEach(s -> s.forgetObserved(op.node()));
                }
            }
            sc.endOperation();
            sc.notifyAll();
        }
    }

    private static boolean movable(ShardState s) {
        return s.scheduling() != ShardSchedulingPolicy.PAUSE && s.scheduling() != ShardSchedulingPolicy.STOP;
    }

    /** Reschedules each attached shard of the node to another node, one at a time, waiting for each reconcile. */
    private boolean moveAttachedOff(Storcon.NodeOperation op, boolean dropLocation) {
        List<ShardState> todo = new ArrayList<>();
        synchronized (sc) {
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    if (s.attached() != null && s.attached() == op.node() && movable(s)) {
                        todo.add(s);
                    }
                }
            }
        }
        for (ShardState s : todo) {
            if (op.cancelled()) {
                return false;
            }
            synchronized (sc) {
                TenantState t = sc.tenantOf(s);
                if (t == null || s.attached() == null || s.attached() != op.node()) {
                    continue;
                }
                Long dest = sc.scheduler().pickAttached(s, Set.of(op.node()));
                if (dest == null) {
                    s.setLastError("Scheduling error: No pageservers available to drain shard " + s.id());
                    continue;
                }
                s.removeSecondary(dest);
                s.setAttached(dest);
                int wanted = t.policy() instanceof PlacementPolicy.Attached a ? a.secondaries() : 0;
                if (!dropLocation && wanted > s.secondaries().size()) {
                    s.addSecondary(op.node());
                }
            }
            sc.reconciler().trigger(s);
            awaitAll(op, List.of(s));
        }
        return !op.cancelled();
    }

    private void awaitAll(Storcon.NodeOperation op, List<ShardState> shards) {
        long deadline = System.nanoTime() + sc.timing().millis(java.time.Duration.ofSeconds(300)) * 1_000_000;
        while (!op.cancelled() && System.nanoTime() < deadline) {
            if (sc.awaitIdle(shards, 50)) {
                return;
            }
        }
    }
}
