package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.compute.PageserverConnectionInfo;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.NodeId;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.Safekeeper;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link ComputeHook} does with a notification: it keeps, per tenant, the newest placement and, per timeline,
 * the newest safekeeper set, and brings every registered compute of the tenant to them with compute_ctl
 * {@code POST /configure} (the whole last spec with the storage fields replaced, as upstream's {@code neon_local}
 * does in {@code control_plane/src/endpoint.rs} {@code reconfigure_pageservers}/{@code reconfigure_safekeepers}).
 * Everything for one tenant happens under that tenant's fair lock, so notifications apply in arrival order; a
 * placement with fewer shards than a compute already has, or a safekeeper generation below the compute's, is stale
 * and never replaces the newer one (shard counts only grow: splits; generations only grow:
 * {@code storage_controller/src/compute_hook.rs} {@code ComputeHookTimeline::update}).
 */
final class ComputeFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeHook.class);

    /** How one notification (or retry, or reconcile) ended for the computes it concerned. */
    record Outcome(int applied, int failed, int stale, int notRunning) {}

    private record Desired<T>(T value, Instant received) {}

    private record Safekeepers(List<String> connstrings, long generation) {}

    private final ComputeStore store;
    private final Supplier<StorageControllerClient> storcon;
    private final Function<ComputeRecord, String> computeTokens;
    private final ClientConfig computeConfig;
    private final ComputeCtlConfig ctlConfig;
    private final HookMetrics metrics;
    private final Map<TenantId, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<NodeId, Node> nodes = new ConcurrentHashMap<>();
    private final Map<TenantId, Desired<ShardPlacement>> placements = new ConcurrentHashMap<>();
    private final Map<String, Desired<Safekeepers>> safekeepers = new ConcurrentHashMap<>();
    private final Map<String, ComputeClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService configures = Executors.newVirtualThreadPerTaskExecutor();

    ComputeFollower(ComputeStore store, Supplier<StorageControllerClient> storcon, Function<ComputeRecord, String> computeTokens,
                    ClientConfig computeConfig, ComputeCtlConfig ctlConfig, HookMetrics metrics) {
        this.store = store;
        this.storcon = storcon;
        this.computeTokens = computeTokens;
        this.computeConfig = computeConfig;
        this.ctlConfig = ctlConfig;
        this.metrics = metrics;
    }

    /** notify-attach: node ids resolved with {@code GET /control/v1/node/{id}} (cached), then applied to the tenant's computes. */
    Outcome attach(HookBodies.NotifyAttach n, Instant received) {
        ShardPlacement placement = placement(n);
        return locked(n.tenantId(), () -> {
            Desired<ShardPlacement> before = placements.get(n.tenantId());
            if (before != null && shardCount(before.value()) > shardCount(placement)) {
                return new Outcome(0, 0, Math.max(1, computesOf(n.tenantId(), r -> true).size()), 0);
            }
            placements.put(n.tenantId(), new Desired<>(placement, received));
            return apply(n.tenantId(), r -> true, "attach");
        });
    }

    /** notify-safekeepers: safekeeper ids resolved with {@code GET /control/v1/safekeeper}, applied to the timeline's computes. */
    Outcome safekeepers(HookBodies.NotifySafekeepers n, Instant received) {
        Map<NodeId, Safekeeper> known = new HashMap<>();
        storcon.get().safekeepers().list().forEach(s -> known.put(s.id(), s));
        List<String> connstrings = new ArrayList<>();
        for (HookBodies.SafekeeperInfo sk : n.safekeepers()) {
            Safekeeper s = known.get(sk.id());
            if (s == null) {
                throw new IllegalArgumentException("notify-safekeepers names safekeeper " + sk.id() + ", which the controller does not list");
            }
            connstrings.add(s.host() + ":" + s.port());
        }
        String key = n.tenantId() + "/" + n.timelineId();
        return locked(n.tenantId(), () -> {
            Desired<Safekeepers> before = safekeepers.get(key);
            if (before != null && before.value().generation() > n.generation()) {
                return new Outcome(0, 0, Math.max(1, computesOf(n.tenantId(), r -> r.timelineId().equals(n.timelineId())).size()), 0);
            }
            safekeepers.put(key, new Desired<>(new Safekeepers(connstrings, n.generation()), received));
            return apply(n.tenantId(), r -> r.timelineId().equals(n.timelineId()), "safekeepers");
        });
    }

    /** Re-configures the computes whose last attempt failed, with what they should have now. */
    Outcome retryPending() {
        Map<TenantId, Boolean> tenants = new java.util.LinkedHashMap<>();
        store.list().stream().filter(r -> r.lastError().isPresent()).forEach(r -> tenants.put(r.tenantId(), true));
        int applied = 0;
        int failed = 0;
        for (TenantId tenant : tenants.keySet()) {
            Outcome o;
            try {
                o = locked(tenant, () -> {
                    if (!placements.containsKey(tenant)) {
                        placements.put(tenant, new Desired<>(Placements.of(storcon.get(), tenant), Instant.now()));
                    }
                    return apply(tenant, r -> r.lastError().isPresent(), "retry");
                });
            } catch (RuntimeException e) {
                // one tenant the controller cannot place now (detached, failing over) does not hold back the others
                LOG.warn("retry: computes of tenant {} stay pending: {}", tenant, e.getMessage());
                continue;
            }
            applied += o.applied();
            failed += o.failed();
        }
        return new Outcome(applied, failed, 0, 0);
    }

    /**
     * Compares every registered compute with the controller's placement ({@code GET /control/v1/tenant/{id}},
     * {@code GET /control/v1/node}) and re-configures the ones that differ: what restarting a compute hook container
     * and then the compute did in the seed runbook. Tenants the controller no longer has are left alone.
     */
    Outcome reconcile() {
        Map<TenantId, Boolean> tenants = new java.util.LinkedHashMap<>();
        store.list().forEach(r -> tenants.put(r.tenantId(), true));
        int applied = 0;
        int failed = 0;
        for (TenantId tenant : tenants.keySet()) {
            ShardPlacement current;
            try {
                current = Placements.of(storcon.get(), tenant);
            } catch (RuntimeException e) {
                LOG.warn("reconcile: placement of tenant {} unknown, its computes are left as they are: {}", tenant, e.getMessage());
                continue;
            }
            Outcome o = locked(tenant, () -> {
                Desired<ShardPlacement> before = placements.get(tenant);
                if (before == null || shardCount(before.value()) <= shardCount(current)) {
                    placements.put(tenant, new Desired<>(current, Instant.now()));
                }
                return apply(tenant, r -> true, "reconcile");
            });
            applied += o.applied();
            failed += o.failed();
        }
        return new Outcome(applied, failed, 0, 0);
    }

    private <T> T locked(TenantId tenant, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(tenant, t -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private List<ComputeRecord> computesOf(TenantId tenant, Predicate<ComputeRecord> which) {
        return store.list().stream().filter(r -> r.tenantId().equals(tenant) && which.test(r)).toList();
    }

    /** Under the tenant's lock: brings each selected compute to the desired state; a failure is recorded on it. */
    private Outcome apply(TenantId tenant, Predicate<ComputeRecord> which, String kind) {
        List<ComputeRecord> computes = computesOf(tenant, which);
        List<Future<Integer>> results = new ArrayList<>();
        List<ComputeRecord> changed = java.util.Collections.synchronizedList(new ArrayList<>());
        for (ComputeRecord r : computes) {
            results.add(configures.submit(() -> applyOne(r, kind, changed)));
        }
        int applied = 0;
        int failed = 0;
        int stale = 0;
        int notRunning = 0;
        for (Future<Integer> f : results) {
            int result;
            try {
                result = f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("compute hook could not record a compute: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("compute hook interrupted", e);
            }
            switch (result) {
                case 0 -> applied++;
                case 1 -> failed++;
                case 2 -> stale++;
                default -> notRunning++;
            }
        }
        store.putAll(changed); // one write for the whole notification
        return new Outcome(applied, failed, stale, notRunning);
    }

    /**
     * 0 applied (or already was), 1 failed (recorded, retried later), 2 stale (the compute has something newer), 3 not
     * running (terminated or failed: upstream's {@code neon_local} only re-configures running endpoints; recorded and
     * retried, but no reason to hold the controller back).
     */
    private int applyOne(ComputeRecord r, String kind, List<ComputeRecord> changed) {
        ComputeSpec spec = r.spec();
        Instant since = null;
        boolean stale = false;
        Desired<ShardPlacement> p = placements.get(r.tenantId());
        if (p != null) {
            if (shardCount(p.value()) < specShardCount(spec)) {
                stale = true;
            } else {
                ComputeSpec next = spec.withPlacement(p.value());
                if (!next.equals(spec)) {
                    spec = next;
                    since = p.received();
                }
            }
        }
        Desired<Safekeepers> sk = safekeepers.get(r.tenantId() + "/" + r.timelineId());
        if (sk != null) {
            long have = spec.safekeepersGeneration().orElse(-1L);
            if (sk.value().generation() < have) {
                stale = true;
            } else if (sk.value().generation() > have || !sk.value().connstrings().equals(spec.safekeeperConnstrings())) {
                spec = spec.withSafekeepers(sk.value().connstrings(), sk.value().generation());
                since = since == null || sk.received().isBefore(since) ? sk.received() : since;
            }
        }
        if (spec.equals(r.spec()) && r.lastError().isEmpty()) {
            return stale ? 2 : 0;
        }
        if ("retry".equals(kind)) {
            metrics.retry();
        }
        ComputeClient client = client(r);
        try {
            client.configure(spec, ctlConfig);
        } catch (RuntimeException e) {
            changed.add(r.withError(e.getMessage()));
            metrics.reconfiguration(kind, "failed");
            boolean running = isRunning(client);
            LOG.warn("compute {} of tenant {} not reconfigured ({}{}), retried in the background: {}", r.computeId(), r.tenantId(), kind,
                    running ? "" : ", not running", e.getMessage());
            return running ? 1 : 3;
        }
        changed.add(r.withSpec(spec));
        metrics.reconfiguration(kind, "ok");
        if (since != null) {
            metrics.lag(Duration.between(since, Instant.now()));
        }
        LOG.info("compute {} of tenant {} reconfigured ({}): pageservers {}, safekeepers {} generation {}", r.computeId(), r.tenantId(),
                kind, describe(spec), spec.safekeeperConnstrings(), spec.safekeepersGeneration().map(String::valueOf).orElse("-"));
        return 0;
    }

    /** A compute that answers {@code GET /status} with terminated or failed is not running; one that does not answer is down. */
    private static boolean isRunning(ComputeClient client) {
        try {
            var status = client.status().status();
            return status != ComputeStatus.TERMINATED && status != ComputeStatus.FAILED;
        } catch (RuntimeException down) {
            return true;
        }
    }

    /** One client (and HTTP connection pool) per compute address and token, reused across notifications. */
    private ComputeClient client(ComputeRecord r) {
        String token = computeTokens.apply(r);
        String key = r.computeCtlUrl() + " " + (token == null ? "" : Integer.toHexString(token.hashCode()));
        ComputeClient cached = clients.get(key);
        if (cached != null) {
            return cached;
        }
        ClientConfig config = token == null ? computeConfig : computeConfig.withBearerToken(token);
        return clients.computeIfAbsent(key, k -> ComputeClient.builder().baseUri(r.computeCtlUrl()).config(config).build());
    }

    /** Shard → node id, e.g. {@code 0002→1 0102→2}, from the spec's connection info. */
    static String describe(ComputeSpec spec) {
        Optional<PageserverConnectionInfo> info = spec.pageserverConnectionInfo();
        if (info.isEmpty()) {
            return spec.pageserverConnstring().orElse("-");
        }
        StringBuilder out = new StringBuilder();
        info.get().shards().forEach((index, shard) -> {
            out.append(out.isEmpty() ? "" : " ").append(index).append("→");
            out.append(shard.pageservers().isEmpty() ? "-" : shard.pageservers().get(0).id().map(NodeId::toString).orElse("?"));
        });
        return out.toString();
    }

    private ShardPlacement placement(HookBodies.NotifyAttach n) {
        int count = n.stripeSize().isPresent() ? n.shards().size() : 0;
        List<ShardPlacement.Shard> shards = new ArrayList<>();
        for (HookBodies.NotifyShard s : n.shards()) {
            Node node = nodes.computeIfAbsent(s.nodeId(), id -> storcon.get().node(id).describe());
            if (count > 0 && s.shardNumber() >= count) {
                throw new IllegalArgumentException("notify-attach shard_number " + s.shardNumber() + " is out of range for " + count + " shards");
            }
            TenantShardId id = TenantShardId.of(n.tenantId(), count == 0 ? ShardIndex.UNSHARDED : ShardIndex.of(s.shardNumber(), count));
            shards.add(new ShardPlacement.Shard(id, s.nodeId(), node.listenPgAddr(), node.listenPgPort()));
        }
        return new ShardPlacement(n.stripeSize(), shards);
    }

    /** Forgets cached node addresses (a node re-registered with another address). */
    void forgetNodes() {
        nodes.clear();
    }

    private static int shardCount(ShardPlacement p) {
        return p.shards().size();
    }

    private static int specShardCount(ComputeSpec spec) {
        return spec.pageserverConnectionInfo().map(i -> Math.max(1, i.shardCount())).orElse(1);
    }

    void close() {
        configures.shutdownNow();
        clients.values().forEach(ComputeClient::close);
        clients.clear();
    }
}
