package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.Location;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings each shard's observed locations in line with its intent (storage_controller/src/reconciler.rs): attach
 * with a new generation, notify the compute hook (a live migration waits for a 2xx before the old location is
 * demoted), configure secondaries, detach what is no longer intended. One reconcile per shard at a time; a
 * request that arrives meanwhile runs again afterwards. {@link #tick} is the background loop: retry dirty
 * shards, re-send pending notifications, cut over warmed graceful migrations (service.rs, optimizer).
 */
public final class Reconciler {
    /** service.rs BACKGROUND_RECONCILE_PERIOD: how often failed or pending shards are retried. */
    static final java.time.Duration BACKGROUND_RECONCILE_PERIOD = java.time.Duration.ofSeconds(20);

    private final Storcon sc;

    Reconciler(Storcon sc) {
        this.sc = sc;
    }

    /** Whether intent and observed state differ; callers hold the monitor. */
    public boolean dirty(ShardState s) {
        if (s.attached() != null && sc.available(s.attached()) && !ShardState.isAttached(s.observed().get(s.attached()))) {
            return true;
        }
        for (Long sec : s.secondaries()) {
            if (sc.available(sec) && s.observed().get(sec) != LocationConfigMode.SECONDARY) {
                return true;
            }
        }
        for (Long n : s.observed().keySet()) {
            if (!s.onNode(n)) {
                return true;
            }
        }
        return s.pendingNotify();
    }

    /**
     * service.rs {@code reconcile_all_now}: starts a reconcile of every shard that is reconciling or needs one, waits (up
     * to 30 s, scaled) for them to finish, and returns how many there were.
     */
    public int reconcileAllNow() {
        List<ShardState> busy = new ArrayList<>();
        synchronized (sc) {
            for (ShardState s : sc.allShards()) {
                if (s.reconciling() || dirty(s)) {
                    busy.add(s);
                }
            }
        }
        busy.forEach(this::trigger);
        sc.awaitIdle(busy, sc.timing().millis(java.time.Duration.ofSeconds(30)));
        return busy.size();
    }

    /** Starts a reconcile of {@code s} if it needs one. */
    public void trigger(ShardState s) {
        synchronized (sc) {
            if (sc.steppedDown()) {
                return;    // service.rs step_down closes the reconcilers' gate: a stepped-down instance starts none
            }
            if (s.reconciling()) {
                s.setAgain(true);
                return;
            }
            if (!dirty(s)) {
                return;
            }
            s.setReconciling(true);
            s.setCancelled(false);
            s.advanceSequence();
            sc.notifyAll();
        }
        sc.metrics().reconcileSpawned();
        Thread.ofVirtual().name("reconcile-" + s.id()).start(() -> run(s));
    }

    private void run(ShardState s) {
        try {
            boolean again;
            do {
                Router.sleep(sc.timing().reconcileMillis());
                synchronized (sc) {
                    while (s.stuck() && !s.cancelled()) {
                        waitQuietly(50);
                    }
                    if (s.cancelled()) {
                        sc.metrics().reconcileCompleted(StorconMetrics.ReconcileOutcome.CANCEL);
                        return;
                    }
                    s.setAgain(false);
                }
                // reconciler.rs: pausable_failpoint!("reconciler-pre-increment-generation") before attaching; a
                // cancelled reconcile (step-down) is let go, as the reconciler's cancellation token does
                boolean attaching;
                synchronized (sc) {
                    attaching = s.attached() != null && !ShardState.isAttached(s.observed().get(s.attached()));
                }
                if (attaching) {
                    sc.failpoints().eval(io.neonclient.testkit.Component.STORAGE_CONTROLLER, "reconciler-pre-increment-generation",
                            () -> s.cancelled());
                }
                String error = reconcileOnce(s);
                // reconciler.rs: pausable_failpoint!("reconciler-epilogue") after the work, before the result is
                // processed; it has no cancellation, so a step-down waits for it
                sc.failpoints().eval(io.neonclient.testkit.Component.STORAGE_CONTROLLER, "reconciler-epilogue", () -> false);
                synchronized (sc) {
                    s.setCreating(false);
                    s.setLastError(error == null ? "" : error);
                    s.setRetryAtNanos(error == null && !s.pendingNotify() ? 0
                            : System.nanoTime() + sc.timing().millis(BACKGROUND_RECONCILE_PERIOD) * 1_000_000);
                    again = s.again() || (error == null && dirty(s) && !s.pendingNotify());
                    // tenant_shard.rs process_result: ok, ok_no_notify (state reconciled, hook not told) or error
                    sc.metrics().reconcileCompleted(error != null ? StorconMetrics.ReconcileOutcome.ERROR
                            : s.pendingNotify() ? StorconMetrics.ReconcileOutcome.SUCCESS_NO_NOTIFY : StorconMetrics.ReconcileOutcome.SUCCESS);
                    s.setConsecutiveReconciles(again || error != null ? s.consecutiveReconciles() + 1 : 0);
                }
            } while (again);
        } finally {
            synchronized (sc) {
                s.setReconciling(false);
                sc.notifyAll();
            }
            sc.dropDetached();
        }
    }

    private void waitQuietly(long ms) {
        try {
            sc.wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass; returns the shard's new {@code last_error}, or null. */
    private String reconcileOnce(ShardState s) {
        TenantState t;
        Long target;
        Long oldAttached = null;
        boolean attach;
        int generation;
        synchronized (sc) {
            t = sc.tenantOf(s);
            if (t == null) {
                return null;
            }
            target = s.attached() != null && sc.available(s.attached()) ? s.attached() : null;
            for (Map.Entry<Long, LocationConfigMode> e : s.observed().entrySet()) {
                if (ShardState.isAttached(e.getValue()) && !e.getKey().equals(target) && sc.available(e.getKey())) {
                    oldAttached = e.getKey();
                }
            }
            attach = target != null && !ShardState.isAttached(s.observed().get(target));
            if (attach) {
                s.incrementGeneration();
            }
            generation = s.generation();
        }
        try {
            if (attach) {
                PageserverNode ps = pageserver(target);
                LocationConfigMode mode = oldAttached != null ? LocationConfigMode.ATTACHED_MULTI : LocationConfigMode.ATTACHED_SINGLE;
                ps.setLocation(s.id(), location(t, s, mode, generation));
                synchronized (sc) {
                    s.observe(target, mode);
                }
            }
            String notifyError = notifyIfChanged(t, s, oldAttached);
            if (notifyError != null) {
                return notifyError;
            }
            if (attach && oldAttached != null) {
                pageserver(target).setLocation(s.id(), location(t, s, LocationConfigMode.ATTACHED_SINGLE, generation));
                synchronized (sc) {
                    s.observe(target, LocationConfigMode.ATTACHED_SINGLE);
                }
            }
            List<Long> secondaries;
            List<Long> observedNodes;
            synchronized (sc) {
                secondaries = new ArrayList<>(s.secondaries());
                observedNodes = new ArrayList<>(s.observed().keySet());
            }
            for (Long sec : secondaries) {
                boolean configured;
                synchronized (sc) {
                    configured = !sc.available(sec) || s.observed().get(sec) == LocationConfigMode.SECONDARY;
                }
                if (!configured) {
                    pageserver(sec).setLocation(s.id(), location(t, s, LocationConfigMode.SECONDARY, null));
                    synchronized (sc) {
                        s.observe(sec, LocationConfigMode.SECONDARY);
                    }
                }
            }
            for (Long n : observedNodes) {
                boolean stale;
                synchronized (sc) {
                    stale = !s.onNode(n);
                }
                if (stale) {
                    if (sc.available(n)) {
                        pageserver(n).setLocation(s.id(), null);
                    }
                    synchronized (sc) {
                        s.forgetObserved(n);
                    }
                }
            }
            return null;
        } catch (HttpError e) {
            return "Reconcile error on shard " + s.id() + ": " + e.getMessage();
        }
    }

    private PageserverNode pageserver(long node) {
        PageserverNode ps = sc.pageserver(node);
        if (ps == null) {
            throw HttpError.unavailable("error sending request: node " + node + " is not reachable");
        }
        ps.ensureReachable();
        return ps;
    }

    private Location location(TenantState t, ShardState s, LocationConfigMode mode, Integer generation) {
        synchronized (sc) {
            return new Location(mode, generation, s.id().shardNumber(), s.id().shardCount(), t.stripeSize(), t.config(),
                    System.nanoTime() + sc.timing().secondaryWarmupMillis() * 1_000_000);
        }
    }

    /** Sends notify-attach when the tenant's attached set changed; returns an error text on failure. */
    private String notifyIfChanged(TenantState t, ShardState s, Long oldAttached) {
        String body;
        synchronized (sc) {
            body = hookBody(t);
            if (body == null || body.equals(t.lastNotified())) {
                if (body != null) {
                    s.setPendingNotify(false);
                }
                return null;
            }
        }
        boolean live = oldAttached != null;
        String error = sc.hook().notifyAttach(body, live, () -> {
            synchronized (sc) {
                return !s.cancelled() && (oldAttached == null || sc.available(oldAttached));
            }
        });
        synchronized (sc) {
            if (error == null) {
                t.setLastNotified(body);
                t.shards().forEach(x -> x.setPendingNotify(false));
                return null;
            }
            s.setPendingNotify(true);
            if (error.equals(ComputeHook.ABANDONED)) {
                // reconciler.rs compute_notify_blocking: the origin is gone, so the reconcile goes on; the shard
                // stays pending and a later reconcile notifies again
                return null;
            }
            if (s.creating() && error.contains("unexpected status 404")) {
                // reconciler.rs compute_notify: a 404 during tenant creation is expected (the control plane
                // persists the tenant later); the shard stays pending and is notified again.
                return null;
            }
            return "Reconciliation error: " + error;
        }
    }

    /**
     * NotifyAttachRequest (storage_controller/src/compute_hook.rs): only when every shard has an observed
     * attached location; {@code stripe_size} is null for shard count 0 or 1.
     */
    String hookBody(TenantState t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_id", t.id().toString());
        String az = t.shards().isEmpty() ? null : t.shards().get(0).preferredAz();
        n.put("preferred_az", az);
        if (t.shardCount() > 1) {
            n.put("stripe_size", t.stripeSize());
        } else {
            n.putNull("stripe_size");
        }
        ArrayNode shards = n.putArray("shards");
        for (ShardState s : t.shards()) {
            if (s.attached() == null || !ShardState.isAttached(s.observed().get(s.attached()))) {
                return null;
            }
            shards.addObject().put("node_id", s.attached()).put("shard_number", s.id().shardNumber());
        }
        return Json.encodeToString(n);
    }

    /** The background loop: reconcile dirty shards, cut over warmed migrations, drop detached tenants. */
    public void tick() {
        if (sc.steppedDown()) {
            return;
        }
        List<ShardState> toTrigger = new ArrayList<>();
        synchronized (sc) {
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    if (s.reconciling()) {
                        continue;
                    }
                    if (s.migrationTarget() != null && optimizable(s) && warm(s, s.migrationTarget())) {
                        cutOver(t, s);
                    }
                    if (dirty(s) && (s.retryAtNanos() == 0 || System.nanoTime() - s.retryAtNanos() >= 0)) {
                        toTrigger.add(s);
                    }
                }
            }
        }
        toTrigger.forEach(this::trigger);
        sc.dropDetached();
    }

    private static boolean optimizable(ShardState s) {
        return s.scheduling() == ShardSchedulingPolicy.ACTIVE || s.scheduling() == ShardSchedulingPolicy.ESSENTIAL;
    }

    private boolean warm(ShardState s, long node) {
        PageserverNode ps = sc.pageserver(node);
        Location l = ps == null ? null : ps.location(s.id());
        return l != null && l.secondary() && l.warm() && sc.available(node);
    }

    /** Graceful migration's cut-over: the warmed secondary becomes attached, the old attached a secondary. */
    private void cutOver(TenantState t, ShardState s) {
        Long old = s.attached();
        long target = s.migrationTarget();
        s.setMigrationTarget(null);
        s.removeSecondary(target);
        s.setAttached(target);
        int wanted = t.policy() instanceof PlacementPolicy.Attached a ? a.secondaries() : 0;
        if (old != null && wanted > 0 && !s.secondaries().contains(old)) {
            s.addSecondary(0, old);
        }
        while (s.secondaries().size() > wanted) {
            s.removeSecondaryAt(s.secondaries().size() - 1);
        }
    }
}
