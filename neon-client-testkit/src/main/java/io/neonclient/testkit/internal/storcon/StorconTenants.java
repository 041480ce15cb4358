package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The controller's tenant operations (storage_controller/src/service.rs): {@code tenant_create},
 * {@code tenant_describe}, {@code tenant_list}, {@code tenant_update_policy} and {@code tenant_delete}. Changes are
 * made with the {@link Storcon} monitor held; waiting for reconciles and calls to pageservers happen without it.
 */
public final class StorconTenants {
    /** How many tenants {@link #tenantList} describes per hold of the monitor, so a long list does not stall writers. */
    private static final int LIST_CHUNK = 256;

    private final Storcon sc;

    public StorconTenants(Storcon sc) {
        this.sc = Objects.requireNonNull(sc, "sc");
    }

    /** A shard placed by {@link #tenantCreate}: {@code TenantCreateResponseShard} of controller_api.rs. */
    public record CreatedShard(TenantShardId shardId, long nodeId, int generation) {}

    /**
     * service.rs {@code tenant_create}: a tenant already in memory is answered as it is (idempotent create); a new
     * one gets {@code max(1, count)} shards scheduled under {@code policy}, a health record each, and is reconciled;
     * the answer waits (up to 30 upstream seconds) for the reconciles. Shards that cannot be scheduled are a conflict.
     */
    public List<CreatedShard> tenantCreate(TenantId id, int count, int stripeSize, PlacementPolicy policy, ObjectNode config) {
        List<String> errors = new ArrayList<>();
        TenantState t;
        List<CreatedShard> placed = new ArrayList<>();
        synchronized (sc) {
            TenantState previous = sc.takeDropped(id);
            t = sc.tenantOrNull(id);
            if (t == null) {
                t = new TenantState(id);
                t.setPolicy(policy);
                t.setStripeSize(stripeSize);
                t.setShardCount(count);
                t.setConfig(config);
                for (int i = 0; i < Math.max(1, count); i++) {
                    ShardState s = new ShardState(TenantShardId.of(id, count == 0 ? ShardIndex.UNSHARDED : ShardIndex.of(i, count)));
                    s.setCreating(true);
                    t.addShard(s);
                }
                sc.putTenant(t);
                sc.insertHealthRecords(t, previous);
                sc.timelines().remote().tenant(id).recordShardCount(count);
                List<String> scheduled = sc.scheduler().scheduleAll(policy, t.shards());
                for (int i = 0; i < t.shards().size(); i++) {
                    ShardState s = t.shards().get(i);
                    if (scheduled.get(i) != null) {
                        errors.add(s.id() + ": " + scheduled.get(i));
                    }
                    if (s.preferredAz() == null && s.attached() != null) {
                        s.setPreferredAz(sc.nodeOrNull(s.attached()).az());
                    }
                }
            }
            for (ShardState s : t.shards()) {
                if (s.attached() != null) {
                    placed.add(new CreatedShard(s.id(), s.attached(), s.generation()));
                }
            }
        }
        sc.reconcile(t);
        if (!errors.isEmpty()) {
            throw HttpError.conflict("Failed to schedule shard(s): " + String.join("; ", errors));
        }
        sc.awaitIdle(sc.snapshot(t), sc.timing().millis(Duration.ofSeconds(30)));
        return placed;
    }

    /** service.rs {@code tenant_describe}: {@code TenantDescribeResponse}, or 404. */
    public ObjectNode tenantDescribe(TenantId id) {
        synchronized (sc) {
            return sc.tenant(id).describe();
        }
    }

    /**
     * service.rs {@code tenant_list}: up to {@code limit} tenants after {@code startAfter} (null: from the first), in id
     * order. Each tenant is described with the monitor held, a chunk of tenants at a time.
     */
    public List<ObjectNode> tenantList(int limit, TenantId startAfter) {
        List<ObjectNode> out = new ArrayList<>();
        String after = startAfter == null ? null : startAfter.toString();
        while (out.size() < limit) {
            int before = out.size();
            synchronized (sc) {
                for (TenantState t : sc.tenantsAfter(after)) {
                    if (out.size() >= limit || out.size() - before >= LIST_CHUNK) {
                        break;
                    }
                    out.add(t.describe());
                    after = t.id().toString();
                }
            }
            if (out.size() - before < LIST_CHUNK) {
                break;
            }
        }
        return out;
    }

    /**
     * service.rs {@code tenant_update_policy}: a new placement reschedules every shard (a failure is kept as the
     * shard's {@code last_error}); a placement other than {@code Attached} resets the scheduling policy to
     * {@code Active} unless one is given; then the tenant is reconciled. A tenant dropped from memory is loaded.
     */
    public void tenantUpdatePolicy(TenantId id, Optional<PlacementPolicy> placement, Optional<ShardSchedulingPolicy> scheduling) {
        TenantState t;
        synchronized (sc) {
            t = sc.load(id);
            ShardSchedulingPolicy newScheduling = scheduling.orElse(null);
            if (placement.isPresent()) {
                t.setPolicy(placement.get());
                if (newScheduling == null && !(placement.get() instanceof PlacementPolicy.Attached)) {
                    newScheduling = ShardSchedulingPolicy.ACTIVE;
                }
            }
            for (ShardState s : t.shards()) {
                if (newScheduling != null) {
                    s.setScheduling(newScheduling);
                }
                if (placement.isPresent()) {
                    if (!(placement.get() instanceof PlacementPolicy.Attached)) {
                        s.setMigrationTarget(null);
                    }
                    String err = sc.scheduler().schedule(placement.get(), s);
                    if (err != null) {
                        s.setLastError("Scheduling error: " + err);
                    }
                    if (s.preferredAz() == null && s.attached() != null) {
                        s.setPreferredAz(sc.nodeOrNull(s.attached()).az());
                    }
                }
            }
        }
        sc.reconcile(t);
    }

    /**
     * service.rs {@code tenant_delete}: detaches every shard, waits (up to 30 upstream seconds) for the reconciles,
     * then forgets the tenant, its locations on every pageserver and its remote storage. A timeout is a 504.
     */
    public void tenantDelete(TenantId id) {
        TenantState t;
        synchronized (sc) {
            t = sc.load(id);
            for (ShardState s : t.shards()) {
                s.setAttached(null);
                s.clearSecondaries();
                s.setMigrationTarget(null);
            }
        }
        sc.reconcile(t);
        if (!sc.awaitIdle(sc.snapshot(t), sc.timing().millis(Duration.ofSeconds(30)))) {
            throw HttpError.timeout("Timeout waiting for shards of " + id + " to detach");
        }
        synchronized (sc) {
            sc.removeTenant(id);
            sc.takeDropped(id);
            for (PageserverNode ps : sc.pageserverList()) {
                for (ShardState s : t.shards()) {
                    ps.setLocation(s.id(), null);
                }
            }
            sc.timelines().remote().delete(id);
        }
    }
}
