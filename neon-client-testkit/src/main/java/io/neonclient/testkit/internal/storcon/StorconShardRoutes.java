package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Controller shard routes: migrate (graceful with prewarm by default, immediate otherwise), migrate_secondary,
 * cancel_reconcile and shard_split (storage_controller/src/service.rs {@code tenant_shard_migrate},
 * {@code tenant_shard_migrate_secondary}, {@code tenant_shard_cancel_reconcile}, {@code tenant_shard_split}).
 */
public final class StorconShardRoutes {
    private final Storcon sc;

    public StorconShardRoutes(Storcon sc) {
        this.sc = sc;
    }

    public void register(Router r) {
        RouteAuth admin = RouteAuth.storcon("admin");
        r.add("PUT", "/control/v1/tenant/{tenant_shard_id}/migrate", admin, this::migrate);
        r.add("PUT", "/control/v1/tenant/{tenant_shard_id}/migrate_secondary", admin, this::migrateSecondary);
        r.add("PUT", "/control/v1/tenant/{tenant_shard_id}/cancel_reconcile", admin, x -> {
            synchronized (sc) {
                ShardState s = sc.shard(x.tenantShardId());
                if (s.reconciling) {
                    s.cancelled = true;
                    s.stuck = false;
                }
                sc.notifyAll();
            }
            return Reply.nullBody();
        });
        r.add("PUT", "/control/v1/tenant/{tenant_id}/shard_split", admin, this::split);
    }

    private Reply migrate(Exchange x) {
        TenantShardId id = x.tenantShardId();
        ObjectNode b = x.object();
        long dest = Bodies.requiredLong(b, "node_id");
        JsonNode origin = b.get("origin_node_id");
        JsonNode cfg = b.path("migration_config");
        boolean override = cfg.path("override_scheduler").asBoolean(false);
        boolean prewarm = cfg.path("prewarm").asBoolean(true);
        ShardState s;
        boolean noOp;
        synchronized (sc) {
            StorconNode node = sc.nodes.get(dest);
            if (node == null) {
                throw HttpError.badRequest("Node " + dest + " not found");
            }
            if (!override && !node.available()) {
                throw HttpError.precondition("Node " + dest + " (" + node.registration().httpAddr() + ") is unavailable");
            }
            s = sc.shard(id);
            TenantState t = sc.tenantOf(s);
            if (!override && worse(s, node)) {
                throw HttpError.precondition("Migration to a worse-scoring node");
            }
            if (origin != null && !origin.isNull() && !Objects.equals(s.attached, origin.asLong())) {
                throw HttpError.precondition("Migration expected to originate from " + origin.asLong()
                        + " but shard is on " + (s.attached == null ? "None" : "Some(" + s.attached + ")"));
            }
            noOp = Objects.equals(s.attached, dest);
            if (noOp) {
                s.migrationTarget = null;
            } else if (prewarm) {
                if (t.policy instanceof PlacementPolicy.Attached) {
                    s.migrationTarget = dest;
                    if (!s.secondaries.contains(dest)) {
                        s.secondaries.add(dest);
                    }
                }
            } else {
                switch (t.policy) {
                    case PlacementPolicy.Attached a -> {
                        Long old = s.attached;
                        s.secondaries.remove(dest);
                        s.attached = dest;
                        if (old != null && a.secondaries() > 0) {
                            while (s.secondaries.size() >= a.secondaries()) {
                                s.secondaries.remove(s.secondaries.size() - 1);
                            }
                            s.secondaries.add(old);
                        }
                    }
                    case PlacementPolicy.Secondary sec -> {
                        s.attached = null;
                        s.secondaries.clear();
                        s.secondaries.add(dest);
                    }
                    case PlacementPolicy.Detached d -> throw HttpError.badRequest(
                            "Cannot migrate a tenant that is PlacementPolicy::Detached: configure it to an attached policy first");
                }
                s.migrationTarget = null;
            }
        }
        sc.reconciler.trigger(s);
        if (!prewarm || noOp) {
            if (!sc.awaitIdle(List.of(s), sc.timing.millis(Duration.ofSeconds(30)))) {
                throw HttpError.timeout("Timeout waiting for shard " + id + " to reconcile");
            }
            synchronized (sc) {
                if (!s.lastError.isEmpty()) {
                    throw HttpError.internal(s.lastError);
                }
            }
        }
        return Reply.ok(Json.MAPPER.createObjectNode());
    }

    /** Upstream scores by AZ affinity and utilisation; a node outside the shard's preferred AZ or not Active scores worse. */
    private static boolean worse(ShardState s, StorconNode node) {
        return node.scheduling() != NodeSchedulingPolicy.ACTIVE || (s.preferredAz != null && !s.preferredAz.equals(node.az()));
    }

    private Reply migrateSecondary(Exchange x) {
        TenantShardId id = x.tenantShardId();
        long dest = Bodies.requiredLong(x.object(), "node_id");
        ShardState s;
        synchronized (sc) {
            StorconNode node = sc.nodes.get(dest);
            if (node == null) {
                throw HttpError.badRequest("Node " + dest + " not found");
            }
            s = sc.shard(id);
            if (Objects.equals(s.attached, dest)) {
                throw HttpError.badRequest("Cannot migrate secondary to the node where the shard is attached");
            }
            if (!s.secondaries.contains(dest)) {
                if (!s.secondaries.isEmpty()) {
                    s.secondaries.remove(0);
                }
                s.secondaries.add(dest);
            }
        }
        sc.reconciler.trigger(s);
        return Reply.ok(Json.MAPPER.createObjectNode());
    }

    private Reply split(Exchange x) {
        ObjectNode b = x.object();
        int newCount = (int) Bodies.requiredLong(b, "new_shard_count");
        Integer newStripe = Bodies.optInt(b, "new_stripe_size");
        TenantState t;
        List<ShardState> parents;
        synchronized (sc) {
            t = sc.tenant(x.tenantId());
            if (!(t.policy instanceof PlacementPolicy.Attached)) {
                throw HttpError.badRequest("Cannot split tenant that is not attached");
            }
            for (ShardState s : t.shards) {
                if (s.splitting) {
                    throw HttpError.conflict("Cannot split, currently mid-split");
                }
                if (s.importing) {
                    throw HttpError.conflict("Cannot split while a timeline import is in progress");
                }
            }
            if (newCount == t.shardCount || (newCount == 1 && t.shardCount == 0)) {
                return splitResponse(t);
            }
            if (newCount < Math.max(1, t.shardCount) || newCount > 255) {
                throw HttpError.badRequest("Requested shard count " + newCount + " is not above the current " + t.shardCount);
            }
            if (newStripe != null && t.shardCount > 1) {
                throw HttpError.badRequest("Stripe size may only be changed when splitting from one shard");
            }
            parents = List.copyOf(t.shards);
            // The parents are splitting until the children replace them (service.rs tenant_shard_split marks them before its
            // remote work); upstream's pausable "shard-split-pre-complete-pause" holds a split there, as its tests do.
            parents.forEach(p -> p.splitting = true);
        }
        sc.failpoints.eval(io.neonclient.testkit.Component.STORAGE_CONTROLLER, "shard-split-pre-complete-pause", () -> false);
        synchronized (sc) {
            parents.forEach(p -> p.splitting = false);
            int oldCount = Math.max(1, t.shardCount);
            t.shards.clear();
            for (int i = 0; i < newCount; i++) {
                ShardState parent = parents.get(i % oldCount);
                ShardState child = new ShardState(TenantShardId.of(t.id, ShardIndex.of(i, newCount)));
                child.attached = parent.attached;
                child.generation = parent.generation;
                child.preferredAz = parent.preferredAz;
                child.scheduling = parent.scheduling;
                t.shards.add(child);
            }
            for (PageserverNode ps : sc.pageservers.values()) {
                for (ShardState p : parents) {
                    ps.setLocation(p.id, null);
                }
            }
            t.shardCount = newCount;
            if (newStripe != null) {
                t.stripeSize = newStripe;
            }
            sc.timelines.remote().tenant(t.id).shardCounts.add(newCount);
            for (ShardState s : t.shards) {
                String err = sc.scheduler.schedule(t.policy, s);
                if (err != null) {
                    s.lastError = "Scheduling error: " + err;
                }
            }
        }
        sc.reconcile(t);
        sc.awaitIdle(sc.snapshot(t), sc.timing.millis(Duration.ofSeconds(30)));
        synchronized (sc) {
            return splitResponse(t);
        }
    }

    private static Reply splitResponse(TenantState t) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode arr = out.putArray("new_shards");
        t.shards.forEach(s -> arr.add(s.id.toString()));
        return Reply.ok(out);
    }
}
