package io.neonclient.testkit.internal.storcon;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.testkit.internal.http.ServerHost;
import io.neonclient.testkit.internal.pageserver.Location;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Node liveness (storage_controller/src/heartbeater.rs and service.rs {@code handle_node_availability_transitions},
 * {@code re_attach}): a node that misses heartbeats for longer than max-offline goes {@code Offline} and its
 * attached shards fail over; a restarted pageserver re-attaches (generations bumped, scheduling
 * Draining/PauseForRestart/Filling → Active, Deleting → Pause), is {@code WarmingUp}, then {@code Active}.
 */
public final class Heartbeats {
    private final Storcon sc;

    public Heartbeats(Storcon sc) {
        this.sc = sc;
    }

    /** One heartbeat round over all registered nodes. */
    public void tick() {
        List<Long> wentOffline = new ArrayList<>();
        List<Long> cameBack = new ArrayList<>();
        synchronized (sc) {
            long now = System.nanoTime();
            for (StorconNode n : sc.nodeList()) {
                PageserverNode ps = sc.pageserver(n.id());
                boolean ok = ps != null && ps.running();
                if (ok) {
                    n.heardFrom(now);
                    if (n.availability() != NodeAvailability.ACTIVE) {
                        n.availability(NodeAvailability.ACTIVE);
                        cameBack.add(n.id());
                    }
                } else if (n.available() && (now - n.lastOkNanos()) / 1_000_000 > sc.timing().maxOfflineMillis()) {
                    wentOffline.add(n.id());
                }
            }
            // a safekeeper still Activating whose process answers turns Active
            for (StorconSafekeeper sk : List.copyOf(sc.safekeeperList())) {
                ServerHost host = sc.safekeeperServer(sk.id());
                if (host != null && host.running() && sk.schedulingPolicy() == SkSchedulingPolicy.ACTIVATING) {
                    sc.putSafekeeper(sk.withSchedulingPolicy(SkSchedulingPolicy.ACTIVE));
                }
            }
        }
        wentOffline.forEach(this::setOffline);
        cameBack.forEach(this::activate);
    }

    /** Availability → Offline: forget observed state there and fail attached shards over. */
    public void setOffline(long node) {
        List<ShardState> changed = new ArrayList<>();
        synchronized (sc) {
            StorconNode n = sc.nodeOrNull(node);
            if (n == null) {
                return;
            }
            n.availability(NodeAvailability.OFFLINE);
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    s.forgetObserved(node);
                    if (s.attached() != null && s.attached() == node && t.policy() instanceof PlacementPolicy.Attached) {
                        String err = sc.scheduler().schedule(t.policy(), s);
                        if (err != null) {
                            s.setLastError("Scheduling error: " + err);
                        }
                        changed.add(s);
                    }
                }
            }
            sc.notifyAll();
        }
        changed.forEach(sc.reconciler()::trigger);
    }

    /** The node is usable again: reconcile everything intended there (service.rs, {@code node_activate_reconcile}). */
    public void activate(long node) {
        List<ShardState> todo = new ArrayList<>();
        synchronized (sc) {
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    if (s.onNode(node)) {
                        todo.add(s);
                    }
                }
            }
            sc.notifyAll();
        }
        todo.forEach(sc.reconciler()::trigger);
    }

    /**
     * The pageserver's start-up upcall {@code POST /upcall/v1/re-attach}: hand it its attached shards with a new
     * generation and its secondaries, reset its scheduling policy and mark it warming up.
     */
    public void reAttach(long node) {
        PageserverNode ps = sc.pageserver(node);
        synchronized (sc) {
            StorconNode n = sc.nodeOrNull(node);
            if (n == null || ps == null) {
                return;
            }
            // service.rs re_attach: a node coming back from a drain, fill or restart takes shards again; a deleting
            // node is paused
            NodeSchedulingPolicy p = n.scheduling();
            if (p == NodeSchedulingPolicy.DRAINING || p == NodeSchedulingPolicy.PAUSE_FOR_RESTART || p == NodeSchedulingPolicy.FILLING) {
                n.scheduling(NodeSchedulingPolicy.ACTIVE);
            } else if (p == NodeSchedulingPolicy.DELETING) {
                n.scheduling(NodeSchedulingPolicy.PAUSE);
            }
            n.availability(NodeAvailability.WARMING_UP);
            n.heardFrom(System.nanoTime());
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    s.forgetObserved(node);
                    if (s.attached() != null && s.attached() == node) {
                        s.incrementGeneration();
                        ps.setLocation(s.id(), new Location(LocationConfigMode.ATTACHED_SINGLE, s.generation(), s.id().shardNumber(), s.id().shardCount(),
                                t.stripeSize(), t.config(), System.nanoTime()));
                        s.observe(node, LocationConfigMode.ATTACHED_SINGLE);
                    } else if (s.secondaries().contains(node)) {
                        ps.setLocation(s.id(), new Location(LocationConfigMode.SECONDARY, null, s.id().shardNumber(), s.id().shardCount(),
                                t.stripeSize(), t.config(), System.nanoTime() + sc.timing().secondaryWarmupMillis() * 1_000_000));
                        s.observe(node, LocationConfigMode.SECONDARY);
                    }
                }
            }
            sc.notifyAll();
        }
    }
}
