package io.neonclient.testkit.internal.storcon;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The controller's shard operations (storage_controller/src/service.rs): {@code tenant_shard_migrate} (graceful with
 * prewarm by default, immediate otherwise), {@code tenant_shard_migrate_secondary},
 * {@code tenant_shard_cancel_reconcile} and {@code tenant_shard_split}. Changes are made with the {@link Storcon}
 * monitor held; waiting for reconciles and failpoints happen without it.
 */
public final class StorconShards {
    private final Storcon sc;

    public StorconShards(Storcon sc) {
        this.sc = Objects.requireNonNull(sc, "sc");
    }

    /**
     * service.rs {@code tenant_shard_migrate}: checks the destination (known, available and not worse-scoring unless
     * {@code overrideScheduler}) and the expected origin; with {@code prewarm} the destination becomes a secondary and
     * the migration target, cut over by the background reconciler once warm; otherwise the intent moves at once and the
     * call waits (up to 30 upstream seconds) for the reconcile, whose error it reports.
     */
    public void tenantShardMigrate(TenantShardId id, long dest, Optional<Long> origin, boolean overrideScheduler, boolean prewarm) {
        ShardState s;
        boolean noOp;
        synchronized (sc) {
            StorconNode node = sc.nodeOrNull(dest);
            if (node == null) {
                throw HttpError.badRequest("Node " + dest + " not found");
            }
            if (!overrideScheduler && !node.available()) {
                throw HttpError.precondition("Node " + dest + " (" + node.registration().httpAddr() + ") is unavailable");
            }
            s = sc.shard(id);
            TenantState t = sc.tenantOf(s);
            if (!overrideScheduler && worse(s, node)) {
                throw HttpError.precondition("Migration to a worse-scoring node");
            }
            if (origin.isPresent() && !Objects.equals(s.attached(), origin.get())) {
                throw HttpError.precondition("Migration expected to originate from " + origin.get()
                        + " but shard is on " + (s.attached() == null ? "None" : "Some(" + s.attached() + ")"));
            }
            noOp = Objects.equals(s.attached(), dest);
            if (noOp) {
                s.setMigrationTarget(null);
            } else if (prewarm) {
                if (t.policy() instanceof PlacementPolicy.Attached) {
                    s.setMigrationTarget(dest);
                    if (!s.secondaries().contains(dest)) {
                        s.addSecondary(dest);
                    }
                }
            } else {
                switch (t.policy()) {
                    case PlacementPolicy.Attached a -> {
                        Long old = s.attached();
                        s.removeSecondary(dest);
                        s.setAttached(dest);
                        if (old != null && a.secondaries() > 0) {
                            while (s.secondaries().size() >= a.secondaries()) {
                                s.removeSecondaryAt(s.secondaries().size() - 1);
                            }
                            s.addSecondary(old);
                        }
                    }
                    case PlacementPolicy.Secondary sec -> {
                        s.setAttached(null);
                        s.clearSecondaries();
                        s.addSecondary(dest);
                    }
                    case PlacementPolicy.Detached d -> throw HttpError.badRequest(
                            "Cannot migrate a tenant that is PlacementPolicy::Detached: configure it to an attached policy first");
                }
                s.setMigrationTarget(null);
            }
        }
        sc.reconciler().trigger(s);
        if (!prewarm || noOp) {
            if (!sc.awaitIdle(List.of(s), sc.timing().millis(Duration.ofSeconds(30)))) {
                throw HttpError.timeout("Timeout waiting for shard " + id + " to reconcile");
            }
            synchronized (sc) {
                if (!s.lastError().isEmpty()) {
                    throw HttpError.internal(s.lastError());
                }
            }
        }
    }

    /** Upstream scores by AZ affinity and utilisation; a node outside the shard's preferred AZ or not Active scores worse. */
    private static boolean worse(ShardState s, StorconNode node) {
        return node.scheduling() != NodeSchedulingPolicy.ACTIVE || (s.preferredAz() != null && !s.preferredAz().equals(node.az()));
    }

    /** service.rs {@code tenant_shard_migrate_secondary}: the destination replaces the first secondary; not awaited. */
    public void tenantShardMigrateSecondary(TenantShardId id, long dest) {
        ShardState s;
        synchronized (sc) {
            StorconNode node = sc.nodeOrNull(dest);
            if (node == null) {
                throw HttpError.badRequest("Node " + dest + " not found");
            }
            s = sc.shard(id);
            if (Objects.equals(s.attached(), dest)) {
                throw HttpError.badRequest("Cannot migrate secondary to the node where the shard is attached");
            }
            if (!s.secondaries().contains(dest)) {
                if (!s.secondaries().isEmpty()) {
                    s.removeSecondaryAt(0);
                }
                s.addSecondary(dest);
            }
        }
        sc.reconciler().trigger(s);
    }

    /** service.rs {@code tenant_shard_cancel_reconcile}: a running reconcile (a stuck one too) is cancelled. */
    public void tenantShardCancelReconcile(TenantShardId id) {
        synchronized (sc) {
            ShardState s = sc.shard(id);
            if (s.reconciling()) {
                s.setCancelled(true);
                s.setStuck(false);
            }
            sc.notifyAll();
        }
    }

    /**
     * service.rs {@code tenant_shard_split}: an attached tenant not mid-split or importing is split into
     * {@code newCount} shards (the same count answers the current shards); the children inherit their parent's
     * attachment, generation, AZ and scheduling policy, the parents' locations are dropped, the children are scheduled
     * and reconciled, and the call waits (up to 30 upstream seconds). Answers the new shard ids.
     */
    public List<TenantShardId> tenantShardSplit(TenantId id, int newCount, Optional<Integer> newStripe) {
        TenantState t;
        List<ShardState> parents;
        synchronized (sc) {
            t = sc.tenant(id);
            if (!(t.policy() instanceof PlacementPolicy.Attached)) {
                throw HttpError.badRequest("Cannot split tenant that is not attached");
            }
            for (ShardState s : t.shards()) {
                if (s.splitting()) {
                    throw HttpError.conflict("Cannot split, currently mid-split");
                }
                if (s.importing()) {
                    throw HttpError.conflict("Cannot split while a timeline import is in progress");
                }
            }
            if (newCount == t.shardCount() || (newCount == 1 && t.shardCount() == 0)) {
                return newShards(t);
            }
            if (newCount < Math.max(1, t.shardCount()) || newCount > 255) {
                throw HttpError.badRequest("Requested shard count " + newCount + " is not above the current " + t.shardCount());
            }
            if (newStripe.isPresent() && t.shardCount() > 1) {
                throw HttpError.badRequest("Stripe size may only be changed when splitting from one shard");
            }
            parents = List.copyOf(t.shards());
            // The parents are splitting until the children replace them (service.rs tenant_shard_split marks them before its
            // remote work); upstream's pausable "shard-split-pre-complete-pause" holds a split there, as its tests do.
            parents.forEach(p -> p.setSplitting(true));
        }
        sc.failpoints().eval(io.neonclient.testkit.Component.STORAGE_CONTROLLER, "shard-split-pre-complete-pause", () -> false);
        synchronized (sc) {
            parents.forEach(p -> p.setSplitting(false));
            int oldCount = Math.max(1, t.shardCount());
            List<ShardState> children = new ArrayList<>();
            for (int i = 0; i < newCount; i++) {
                ShardState parent = parents.get(i % oldCount);
                ShardState child = new ShardState(TenantShardId.of(t.id(), ShardIndex.of(i, newCount)));
                child.setAttached(parent.attached());
                child.setGeneration(parent.generation());
                child.setPreferredAz(parent.preferredAz());
                child.setScheduling(parent.scheduling());
                children.add(child);
            }
            t.replaceShards(children);
            for (PageserverNode ps : sc.pageserverList()) {
                for (ShardState p : parents) {
                    ps.setLocation(p.id(), null);
                }
            }
            t.setShardCount(newCount);
            newStripe.ifPresent(stripe -> t.setStripeSize(stripe));
            sc.timelines().remote().tenant(t.id()).recordShardCount(newCount);
            for (ShardState s : t.shards()) {
                String err = sc.scheduler().schedule(t.policy(), s);
                if (err != null) {
                    s.setLastError("Scheduling error: " + err);
                }
            }
        }
        sc.reconcile(t);
        sc.awaitIdle(sc.snapshot(t), sc.timing().millis(Duration.ofSeconds(30)));
        synchronized (sc) {
            return newShards(t);
        }
    }

    private static List<TenantShardId> newShards(TenantState t) {
        return t.shards().stream().map(s -> s.id()).toList();
    }
}
