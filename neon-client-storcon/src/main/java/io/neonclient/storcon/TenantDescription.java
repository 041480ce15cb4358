package io.neonclient.storcon;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.model.TenantConfig;
import java.util.List;
import java.util.Optional;

/**
 * The controller's view of a tenant: {@code TenantDescribeResponse} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs}, from {@code GET /control/v1/tenant/{id}}. The placement
 * {@code policy} and {@code config} are tenant-level; each shard has its own scheduling policy.
 *
 * @param tenantId   the tenant
 * @param shards     its shards, in shard-number order
 * @param stripeSize the stripe size in 8 KiB pages (meaningful when there are 2+ shards)
 * @param policy     the placement policy ({@code {"Attached":1}}, {@code "Secondary"}, {@code "Detached"})
 * @param config     the tenant's config overrides
 */
public record TenantDescription(TenantId tenantId, List<ShardDescription> shards, StripeSize stripeSize,
                                PlacementPolicy policy, TenantConfig config) {

    public TenantDescription {
        shards = shards == null ? List.of() : List.copyOf(shards);
        config = config == null ? TenantConfig.empty() : config;
    }

    /** The shard with this id, if the tenant has it. */
    public Optional<ShardDescription> shard(TenantShardId id) {
        return shards.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The shard count (0 for the legacy unsharded layout). */
    public int shardCount() {
        return shards.isEmpty() ? 0 : shards.get(0).id().shardCount();
    }

    /** Every shard idle (not reconciling, no error). */
    public boolean isIdle() {
        return shards.stream().allMatch(ShardDescription::isIdle);
    }

    /**
     * Whether the tenant has reached what its placement {@link #policy()} asks for, judged as this client's own
     * {@code updatePolicy(..).await} judges it: under {@code Attached(n)} done when every
     * shard is attached, has exactly {@code n} secondaries and is not reconciling; under {@code Secondary} or
     * {@code Detached} done when no shard is attached and none reconciles. Failed at once on a shard's
     * {@code last_error}, pending otherwise with the first shard that is not there yet. Sends nothing: pass it to
     * {@code Waiter.await} with {@code () -> storcon.tenant(id).describe()} as the probe.
     */
    public WaitVerdict settledVerdict() {
        return Judges.placed(this, policy, true);
    }
}
