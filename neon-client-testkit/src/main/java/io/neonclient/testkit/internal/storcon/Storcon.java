package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.testkit.internal.cluster.Failpoints;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.http.ServerHost;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.pageserver.Timelines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The storage controller's state (storage_controller/src/service.rs): registered nodes and safekeepers,
 * tenants in memory and tenants only "in the database" (dropped after a detach), and the one running node
 * operation. Everything is guarded by this object's monitor; waiters use {@code wait/notifyAll}.
 */
public final class Storcon {
    private final Timing timing;
    private final Map<Long, PageserverNode> pageservers;
    private final Timelines timelines;
    private final ComputeHook hook;
    private final TreeMap<Long, StorconNode> nodes = new TreeMap<>();
    private final Set<Long> tombstones = new TreeSet<>();
    private final TreeMap<Long, StorconSafekeeper> safekeepers = new TreeMap<>();
    private final TreeMap<String, TenantState> tenants = new TreeMap<>();
    private final TreeMap<String, TenantState> dropped = new TreeMap<>();
    private volatile Instant startedAt = Instant.now();
    /** Simulated safekeeper processes by id: a registered safekeeper turns Active once its process answers. */
    private final Map<Long, ServerHost> safekeeperServers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Scheduler scheduler = new Scheduler(this);
    private final Reconciler reconciler;
    private final StorconMetrics metrics = new StorconMetrics();
    /** The cluster's failpoints; the reconciler passes the ones upstream's reconciler.rs has. */
    private volatile Failpoints failpoints = new Failpoints(0);
    private volatile boolean steppedDown;
    /** The running background node operation, e.g. {@code "Drain"}, or null. */
    private NodeOperation operation;
    private String publicUri;
    /** Upstream {@code --timelines-onto-safekeepers}: timeline create places timelines on safekeepers. */
    private boolean timelinesOntoSafekeepers;
    /** Where import_pgdata reads its S3 locations ({@code <root>/<bucket>/<key>}); null: the bucket is not looked at. */
    private volatile java.nio.file.Path importBucketRoot;
    /** Upstream {@code --timeline-safekeeper-count} (default 3). */
    private final int timelineSafekeeperCount = 3;
    /** A pageserverapi token for calls to pageservers, or null when auth is off. */
    private String pageserverToken;

    public Storcon(Timing timing, Map<Long, PageserverNode> pageservers, Timelines timelines, ComputeHook hook) {
        this.timing = timing;
        this.pageservers = pageservers;
        this.timelines = timelines;
        this.hook = hook;
        this.reconciler = new Reconciler(this);
    }

    /** The cluster's clock and scaled intervals. */
    public Timing timing() {
        return timing;
    }

    /** The timelines' shared model (remote storage and what a pageserver does to it). */
    public Timelines timelines() {
        return timelines;
    }

    /** The compute hook that notifies the control plane (compute_hook.rs). */
    public ComputeHook hook() {
        return hook;
    }

    /** The scheduler (scheduler.rs). */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The reconciler (reconciler.rs). */
    public Reconciler reconciler() {
        return reconciler;
    }

    /** The controller's metrics. */
    public StorconMetrics metrics() {
        return metrics;
    }

    /** The simulated pageserver process of {@code node}, or null; needs no lock (the cluster's map is concurrent). */
    public PageserverNode pageserver(long node) {
        return pageservers.get(node);
    }

    /** Every simulated pageserver process, as a read-only view; needs no lock. */
    public Collection<PageserverNode> pageserverList() {
        return Collections.unmodifiableCollection(pageservers.values());
    }

    /** Adds the simulated process of safekeeper {@code id}: once it answers, the registered safekeeper turns Active. */
    public void addSafekeeperServer(long id, ServerHost host) {
        safekeeperServers.put(id, Objects.requireNonNull(host, "host"));
    }

    /** The simulated process of safekeeper {@code id}, or null; needs no lock. */
    public ServerHost safekeeperServer(long id) {
        return safekeeperServers.get(id);
    }

    /** The registered node {@code id}, or null; read with the monitor held. */
    public StorconNode nodeOrNull(long id) {
        return nodes.get(id);
    }

    /** The registered nodes, lowest id first, as a read-only view; read with the monitor held. */
    public Collection<StorconNode> nodeList() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /** Registers {@code n} (replacing a node of the same id); called with the monitor held. */
    public void addNode(StorconNode n) {
        assert Thread.holdsLock(this);
        nodes.put(n.id(), n);
    }

    /** Forgets node {@code id} and tombstones its id, so it cannot register again; called with the monitor held. */
    public void tombstone(long id) {
        assert Thread.holdsLock(this);
        nodes.remove(id);
        tombstones.add(id);
    }

    /** Whether node {@code id} is tombstoned; read with the monitor held. */
    public boolean tombstoned(long id) {
        return tombstones.contains(id);
    }

    /** The registered safekeeper {@code id}, or null; read with the monitor held. */
    public StorconSafekeeper safekeeperOrNull(long id) {
        return safekeepers.get(id);
    }

    /** The registered safekeepers, lowest id first, as a read-only view; read with the monitor held. */
    public Collection<StorconSafekeeper> safekeeperList() {
        return Collections.unmodifiableCollection(safekeepers.values());
    }

    /** Registers or replaces a safekeeper's record; called with the monitor held. */
    public void putSafekeeper(StorconSafekeeper sk) {
        assert Thread.holdsLock(this);
        safekeepers.put(sk.id(), sk);
    }

    /** The tenants in memory, in id order, as a read-only view; read with the monitor held. */
    public Collection<TenantState> tenantsView() {
        return Collections.unmodifiableCollection(tenants.values());
    }

    /** The tenants in memory whose id sorts after {@code after} (null: all), in id order, as a read-only view; read with the monitor held. */
    public Collection<TenantState> tenantsAfter(String after) {
        return Collections.unmodifiableCollection((after == null ? tenants : tenants.tailMap(after, false)).values());
    }

    /** Puts {@code t} in memory under its id (replacing one there); called with the monitor held. */
    public void putTenant(TenantState t) {
        assert Thread.holdsLock(this);
        tenants.put(t.id().toString(), t);
    }

    /** Removes the tenant from memory (not from the "database" of dropped tenants); called with the monitor held. */
    public void removeTenant(TenantId id) {
        assert Thread.holdsLock(this);
        tenants.remove(id.toString());
    }

    /** Takes the tenant out of the "database" of tenants dropped from memory: it, or null; called with the monitor held. */
    public TenantState takeDropped(TenantId id) {
        assert Thread.holdsLock(this);
        return dropped.remove(id.toString());
    }

    /** When the controller process last started (the {@code started_at} of {@code GET /status}). */
    public Instant startedAt() {
        return startedAt;
    }

    /** The controller process starts now. */
    public void markStarted() {
        startedAt = Instant.now();
    }

    /** The cluster's failpoints. */
    public Failpoints failpoints() {
        return failpoints;
    }

    /** Evaluates the cluster's failpoints from now on (the model starts with an empty set). */
    public void useFailpoints(Failpoints shared) {
        failpoints = java.util.Objects.requireNonNull(shared, "shared");
    }

    /** True after a step-down: every route but health and step-down answers 503 and no reconcile starts. */
    public boolean steppedDown() {
        return steppedDown;
    }

    /** Marks the controller stepped down without waiting for reconciles (see {@link #stepDown()} for the full one). */
    public void markSteppedDown() {
        steppedDown = true;
    }

    /** Ends a step-down: the controller leads again. */
    public void resumeLeadership() {
        steppedDown = false;
    }

    /** The running background node operation, or null; read with the monitor held. */
    public NodeOperation operation() {
        return operation;
    }

    /** Records {@code op} as the one running background node operation; called with the monitor held. */
    public void startOperation(NodeOperation op) {
        operation = java.util.Objects.requireNonNull(op, "op");
    }

    /** The background node operation is over; called with the monitor held. */
    public void endOperation() {
        operation = null;
    }

    /** The controller's address as it reports it ({@code address} of {@code GET /status}, without the slash), or null before start. */
    public String publicUri() {
        return publicUri;
    }

    /** The controller listens at {@code uri}. */
    public void publishUri(String uri) {
        publicUri = java.util.Objects.requireNonNull(uri, "uri");
    }

    /** Upstream {@code --timelines-onto-safekeepers}: whether timeline create places timelines on safekeepers. */
    public boolean timelinesOntoSafekeepers() {
        return timelinesOntoSafekeepers;
    }

    /** Sets upstream's {@code --timelines-onto-safekeepers}. */
    public void placeTimelinesOntoSafekeepers(boolean enabled) {
        timelinesOntoSafekeepers = enabled;
    }

    /** Upstream {@code --timeline-safekeeper-count}: how many safekeepers a timeline is placed on (3). */
    public int timelineSafekeeperCount() {
        return timelineSafekeeperCount;
    }

    /** Where import_pgdata reads its S3 locations ({@code <root>/<bucket>/<key>}), or null: the bucket is not looked at. */
    public java.nio.file.Path importBucketRoot() {
        return importBucketRoot;
    }

    /** import_pgdata reads its S3 locations under {@code root} (null: the bucket is not looked at). */
    public void readImportsFrom(java.nio.file.Path root) {
        importBucketRoot = root;
    }

    /** Calls to pageservers carry {@code token} as a pageserverapi bearer token (auth on). */
    public void authenticatePageserverCalls(String token) {
        pageserverToken = java.util.Objects.requireNonNull(token, "token");
    }

    /** A running drain, fill or delete. */
    public static final class NodeOperation {
        private final String kind;
        private final long node;
        private volatile boolean cancelled;

        public NodeOperation(String kind, long node) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.node = node;
        }

        /** The operation's name, e.g. {@code "Drain"}. */
        public String kind() {
            return kind;
        }

        /** The node it runs on. */
        public long node() {
            return node;
        }

        /** Whether it was cancelled. */
        public boolean cancelled() {
            return cancelled;
        }

        /** Asks it to stop: it sees this at its next step. */
        public void cancel() {
            cancelled = true;
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
            for (ShardState s : t.shards()) {
                if (s.id().equals(id)) {
                    return s;
                }
            }
        }
        throw HttpError.notFound("Tenant shard not found");
    }

    public synchronized TenantState tenantOf(ShardState s) {
        return tenants.get(s.id().tenantId().toString());
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
            t.setLastNotified(null);
            t.shards().forEach(s -> s.setPendingNotify(hook.configured()));
        }
    }

    /**
     * persistence.rs {@code insert_tenant_shards}: every new shard row comes with a healthy {@code metadata_health} row
     * scrubbed now. Rows already in the database (a tenant dropped from memory: {@code previous}) are a unique violation
     * there and keep their record.
     */
    public synchronized void insertHealthRecords(TenantState t, TenantState previous) {
        ShardState.Health fresh = new ShardState.Health(true, timing.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        for (ShardState s : t.shards()) {
            ShardState old = null;
            if (previous != null) {
                old = previous.shards().stream().filter(p -> p.id().equals(s.id())).findFirst().orElse(null);
            }
            s.setHealth(old != null ? old.health() : fresh);
        }
    }

    /** Every shard the database holds (in memory or dropped after a detach), ordered by tenant. */
    public synchronized List<ShardState> persistedShards() {
        TreeMap<String, TenantState> all = new TreeMap<>(dropped);
        all.putAll(tenants);
        List<ShardState> out = new ArrayList<>();
        all.values().forEach(t -> out.addAll(t.shards()));
        return out;
    }

    public synchronized List<ShardState> allShards() {
        List<ShardState> out = new ArrayList<>();
        tenants.values().forEach(t -> out.addAll(t.shards()));
        return out;
    }

    /** Waits until none of {@code shards} is reconciling; false on timeout. */
    public synchronized boolean awaitIdle(Collection<ShardState> shards, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            boolean busy = false;
            for (ShardState s : shards) {
                busy |= s.reconciling() || reconciler.dirty(s);
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

    /**
     * The scheduler's view of every node (storage_controller/src/service.rs {@code scheduler_dump}, serialising
     * {@code Scheduler} of storage_controller/src/scheduler.rs): shard, attached and home counts from the intents,
     * the node's AZ, and {@code may_schedule} as {@code {"Yes": utilization}} or {@code "No"}.
     */
    public synchronized ObjectNode schedulerDump() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode byId = out.putObject("nodes");
        for (StorconNode n : nodes.values()) {
            int shardCount = 0;
            int attachedCount = 0;
            int homeCount = 0;
            for (TenantState t : tenants.values()) {
                for (ShardState s : t.shards()) {
                    if (s.onNode(n.id())) {
                        shardCount++;
                        if (java.util.Objects.equals(s.preferredAz(), n.az())) {
                            homeCount++;
                        }
                    }
                    if (s.attached() != null && s.attached() == n.id()) {
                        attachedCount++;
                    }
                }
            }
            ObjectNode o = byId.putObject(Long.toString(n.id()));
            o.put("shard_count", shardCount);
            o.put("attached_shard_count", attachedCount);
            o.put("home_shard_count", homeCount);
            o.put("az", n.az() == null ? "" : n.az());
            if (n.schedulable()) {
                // PageserverUtilization (libs/pageserver_api/src/models.rs) as a node with free space reports it.
                o.putObject("may_schedule").putObject("Yes").put("disk_usage_bytes", 0).put("free_space_bytes", 1L << 40)
                        .put("disk_wanted_bytes", 0).put("disk_usable_pct", 100).put("shard_count", shardCount)
                        .put("max_shard_count", 2000).put("utilization_score", 0).put("captured_at", timing.now().toString());
            } else {
                o.put("may_schedule", "No");
            }
        }
        return out;
    }

    /** service.rs {@code tombstone_list}: the ids of the tombstoned nodes, lowest first. */
    public synchronized List<Long> tombstoneList() {
        return List.copyOf(tombstones);
    }

    /** service.rs {@code tombstone_delete}: the node's tombstone goes (none is fine). */
    public synchronized void tombstoneDelete(long node) {
        tombstones.remove(node);
    }

    /**
     * Forgets a node without draining it (storage_controller/src/service.rs {@code node_drop}, debug and support
     * only): tombstones its id, removes it from every shard's intent and observed locations without rescheduling
     * them, and drops it from memory. Nothing is sent to the node.
     */
    public synchronized void nodeDrop(long node) {
        if (!nodes.containsKey(node) && !tombstones.contains(node)) {
            // persistence.rs update_node: the tombstone is an UPDATE of the node's row
            throw HttpError.internal("Node NodeId(" + node + ") not found for update");
        }
        tombstones.add(node);
        for (TenantState t : tenants.values()) {
            for (ShardState s : t.shards()) {
                if (s.attached() != null && s.attached() == node) {
                    s.setAttached(null);
                }
                s.removeSecondary(node);
                s.forgetObserved(node);
            }
        }
        nodes.remove(node);
        notifyAll();
    }

    /**
     * Forgets every shard of a tenant, in memory and in the "database" (storage_controller/src/service.rs
     * {@code tenant_drop}, debug and support only), without detaching or deleting it on pageservers. An unknown
     * tenant is not an error, as upstream's delete of no rows is not.
     */
    public synchronized void tenantDrop(TenantId tenant) {
        tenants.remove(tenant.toString());
        dropped.remove(tenant.toString());
        notifyAll();
    }

    /**
     * The leader steps down (storage_controller/src/service.rs {@code step_down}): in-flight reconciles are cancelled
     * and awaited, no new ones start, from now on every route but health and step-down answers 503, and the answer is the observed state a new leader adopts
     * ({@code GlobalObservedState} of storage_controller/src/peer_client.rs: per shard, per node, the location
     * config last seen there, {@code null} when unknown).
     */
    public synchronized ObjectNode stepDown() {
        markSteppedDown();
        // stop_reconciliations: cancel in-flight reconciles and wait for them to exit before reading observed state.
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (ShardState s : allShards()) {
            if (s.reconciling()) {
                s.setCancelled(true);
            }
        }
        notifyAll();
        while (allShards().stream().anyMatch(s -> s.reconciling()) && System.nanoTime() - deadline < 0) {
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (TenantState t : tenants.values()) {
            for (ShardState s : t.shards()) {
                out.putObject(s.id().toString()).set("locations", ShardDump.observedLocations(this, s));
            }
        }
        return out;
    }

    /**
     * The shard's generation and intended attached node (storage_controller/src/service.rs {@code inspect}):
     * {@code {"attachment": [generation, node_id]}}, or {@code null} when the shard is unknown or not attached.
     */
    public synchronized ObjectNode inspect(TenantShardId id) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        TenantState t = tenants.get(id.tenantId().toString());
        ShardState s = t == null ? null : t.shards().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (s == null || s.attached() == null) {
            out.putNull("attachment");
        } else {
            out.putArray("attachment").add(s.generation()).add(s.attached());
        }
        return out;
    }

    /** Every shard in memory as upstream's {@code TenantShard} serialises (service.rs {@code tenants_dump}). */
    public synchronized com.fasterxml.jackson.databind.node.ArrayNode tenantsDump() {
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
        tenants.values().forEach(t -> t.shards().forEach(s -> out.add(ShardDump.of(this, t, s))));
        return out;
    }

    /**
     * The generation test hook (storage_controller/src/service.rs {@code attach_hook}): a shard unknown to the
     * controller is inserted unsharded with policy {@code Attached(0)}, generation {@code generationOverride} (or 0) and
     * {@code config}. With a node, the generation is incremented, the intent attaches the shard there and, as the
     * {@code testing} build does, the observed state claims that attachment so no reconcile touches what the caller
     * configured on the pageserver itself; the new generation is returned. Without a node the policy becomes
     * {@code Detached}, intent and observed state are emptied and the answer is null.
     */
    public synchronized Integer attachHook(TenantShardId id, Long node, Integer generationOverride, ObjectNode config) {
        TenantState t = dropped.remove(id.tenantId().toString());
        if (t != null) {
            tenants.put(id.tenantId().toString(), t);
        }
        t = tenants.get(id.tenantId().toString());
        if (t == null) {
            t = new TenantState(id.tenantId());
            t.setPolicy(io.neonclient.core.PlacementPolicy.attached(0));
            t.setShardCount(id.shardCount());
            t.setConfig(config == null ? Json.MAPPER.createObjectNode() : config);
            ShardState fresh = new ShardState(id);
            fresh.setGeneration(generationOverride == null ? 0 : generationOverride);
            t.addShard(fresh);
            tenants.put(id.tenantId().toString(), t);
            insertHealthRecords(t, null);
        }
        ShardState s = t.shards().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> HttpError.internal("Attach hook handling raced with tenant removal"));
        s.clearObserved();
        s.clearSecondaries();
        s.setAttached(node);
        Integer answer = null;
        if (node != null) {
            s.incrementGeneration();
            t.setPolicy(io.neonclient.core.PlacementPolicy.attached(0));
            s.observe(node, LocationConfigMode.ATTACHED_SINGLE);
            answer = s.generation();
        } else {
            t.setPolicy(io.neonclient.core.PlacementPolicy.detached());
        }
        notifyAll();
        return answer;
    }

    /**
     * Sets preferred AZs (storage_controller/src/service.rs {@code update_shards_preferred_azs}) and answers every
     * shard in memory it was given, whether its AZ changed or not: the database's UPDATE counts a row it matched even
     * when the value is the same. A shard only in the database (a dropped detached tenant) is updated but not
     * reported; an unknown shard is skipped.
     */
    public synchronized List<TenantShardId> updateShardsPreferredAzs(Map<TenantShardId, String> azs) {
        List<TenantShardId> updated = new ArrayList<>();
        azs.forEach((id, az) -> {
            boolean inMemory = tenants.containsKey(id.tenantId().toString());
            TenantState t = inMemory ? tenants.get(id.tenantId().toString()) : dropped.get(id.tenantId().toString());
            ShardState s = t == null ? null : t.shards().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
            if (s != null) {
                s.setPreferredAz(az);
                if (inMemory) {
                    updated.add(id);
                }
            }
        });
        notifyAll();
        return updated;
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
        return new ArrayList<>(t.shards());
    }
}
