package io.neonclient.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The storage controller's state (storage_controller/src/service.rs): registered nodes and safekeepers,
 * tenants in memory and tenants only "in the database" (dropped after a detach), and the one running node
 * operation. Everything is guarded by this object's monitor; waiters use {@code wait/notifyAll}.
 */
public final class Storcon {
    public final Timing timing;
    public final Map<Long, PageserverNode> pageservers;
    public final Timelines timelines;
    public final ComputeHook hook;
    public final TreeMap<Long, StorconNode> nodes = new TreeMap<>();
    public final Set<Long> tombstones = new TreeSet<>();
    public final TreeMap<Long, ObjectNode> safekeepers = new TreeMap<>();
    public final TreeMap<String, TenantState> tenants = new TreeMap<>();
    public final TreeMap<String, TenantState> dropped = new TreeMap<>();
    public volatile Instant startedAt = Instant.now();
    /** Simulated safekeeper processes by id: a registered safekeeper turns Active once its process answers. */
    public final Map<Long, ServerHost> safekeeperServers = new java.util.concurrent.ConcurrentHashMap<>();
    public final Scheduler scheduler = new Scheduler(this);
    public final Reconciler reconciler;
    public volatile boolean steppedDown;
    /** The running background node operation, e.g. {@code "Drain"}, or null. */
    public NodeOperation operation;
    public String publicUri;
    /** Upstream {@code --timelines-onto-safekeepers}: timeline create places timelines on safekeepers. */
    public boolean timelinesOntoSafekeepers;
    /** Upstream {@code --timeline-safekeeper-count} (default 3). */
    public int timelineSafekeeperCount = 3;
    /** A pageserverapi token for calls to pageservers, or null when auth is off. */
    public String pageserverToken;

    public Storcon(Timing timing, Map<Long, PageserverNode> pageservers, Timelines timelines, ComputeHook hook) {
        this.timing = timing;
        this.pageservers = pageservers;
        this.timelines = timelines;
        this.hook = hook;
        this.reconciler = new Reconciler(this);
    }

    /** A running drain, fill or delete. */
    public static final class NodeOperation {
        public final String kind;
        public final long node;
        public volatile boolean cancelled;

        public NodeOperation(String kind, long node) {
            this.kind = kind;
            this.node = node;
        }
    }

    /** The in-memory tenant or 404. */
    public synchronized TenantState tenant(TenantId id) {
        TenantState t = tenants.get(id.toString());
        if (t == null) {
            throw HttpError.notFound("Tenant " + id + " not found");
        }
        return t;
    }

    /** The tenant, reloading a dropped detached one from the "database" (service.rs, {@code maybe_load_tenant}). */
    public synchronized TenantState load(TenantId id) {
        TenantState t = dropped.remove(id.toString());
        if (t != null) {
            tenants.put(id.toString(), t);
        }
        return tenant(id);
    }

    public synchronized TenantState tenantOrNull(TenantId id) {
        return tenants.get(id.toString());
    }

    public synchronized ShardState shard(TenantShardId id) {
        TenantState t = tenants.get(id.tenantId().toString());
        if (t != null) {
            for (ShardState s : t.shards) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
        }
        throw HttpError.notFound("Tenant shard not found");
    }

    public synchronized TenantState tenantOf(ShardState s) {
        return tenants.get(s.id.tenantId().toString());
    }

    public synchronized StorconNode node(long id) {
        StorconNode n = nodes.get(id);
        if (n == null) {
            throw HttpError.notFound("Node " + id + " not registered");
        }
        return n;
    }

    public synchronized boolean available(long node) {
        StorconNode n = nodes.get(node);
        return n != null && n.available();
    }

    /**
     * After a restart the compute hook has no memory of what it sent (compute_hook.rs keeps it in memory), and
     * {@code startup_reconcile} notifies every attached tenant again: mark every shard pending so the next
     * reconcile sends {@code notify-attach}.
     */
    public synchronized void forgetComputeNotifications() {
        for (TenantState t : tenants.values()) {
            t.lastNotified = null;
            t.shards.forEach(s -> s.pendingNotify = hook.configured());
        }
    }

    /**
     * persistence.rs {@code insert_tenant_shards}: every new shard row comes with a healthy {@code metadata_health} row
     * scrubbed now. Rows already in the database (a tenant dropped from memory: {@code previous}) are a unique violation
     * there and keep their record.
     */
    public synchronized void insertHealthRecords(TenantState t, TenantState previous) {
        ShardState.Health fresh = new ShardState.Health(true, timing.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        for (ShardState s : t.shards) {
            ShardState old = null;
            if (previous != null) {
                old = previous.shards.stream().filter(p -> p.id.equals(s.id)).findFirst().orElse(null);
            }
            s.health = old != null ? old.health : fresh;
        }
    }

    /** Every shard the database holds (in memory or dropped after a detach), ordered by tenant. */
    public synchronized List<ShardState> persistedShards() {
        TreeMap<String, TenantState> all = new TreeMap<>(dropped);
        all.putAll(tenants);
        List<ShardState> out = new ArrayList<>();
        all.values().forEach(t -> out.addAll(t.shards));
        return out;
    }

    public synchronized List<ShardState> allShards() {
        List<ShardState> out = new ArrayList<>();
        tenants.values().forEach(t -> out.addAll(t.shards));
        return out;
    }

    /** Waits until none of {@code shards} is reconciling; false on timeout. */
    public synchronized boolean awaitIdle(Collection<ShardState> shards, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            boolean busy = false;
            for (ShardState s : shards) {
                busy |= s.reconciling || reconciler.dirty(s);
            }
            if (!busy) {
                return true;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.min(left, 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Drops fully detached, reconciled tenants from memory (service.rs, {@code maybe_drop_tenant}). */
    public synchronized void dropDetached() {
        var it = tenants.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().fullyDetached()) {
                dropped.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
    }

    /** Starts a reconcile of every shard of {@code t} that needs one. */
    public void reconcile(TenantState t) {
        for (ShardState s : snapshot(t)) {
            reconciler.trigger(s);
        }
    }

    /**
     * Calls a pageserver route in-process through its router (so injected faults apply); an unreachable
     * pageserver or a dropped connection is upstream's 503 "error sending request".
     */
    public Reply callPageserver(long node, String method, String path, String query, byte[] body) {
        PageserverNode ps = pageservers.get(node);
        if (ps == null) {
            throw HttpError.unavailable("error sending request: node " + node + " has no pageserver");
        }
        ps.ensureReachable();
        Router.Outcome out = ps.router().dispatch(method, path, query,
                pageserverToken == null ? null : "Bearer " + pageserverToken, body);
        if (out instanceof Router.Outcome.Send send) {
            return send.reply();
        }
        throw HttpError.unavailable("error sending request for url (" + ps.host().uri() + path + "): connection closed before message completed");
    }

    public synchronized List<ShardState> snapshot(TenantState t) {
        return new ArrayList<>(t.shards);
    }
}
