package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.neonclient.core.Generation;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import java.util.Optional;

/**
 * Where and how a pageserver holds one tenant shard: the body of {@code PUT /v1/tenant/{tenant_shard_id}/location_config}
 * and an entry of {@code GET /v1/location_config} (mirrors {@code LocationConfig} in upstream
 * {@code libs/pageserver_api/src/models.rs}; the request struct is strict, so only these keys are sent).
 * Build one with {@link #attachedSingle}, {@link #attachedMulti}, {@link #attachedStale}, {@link #secondary} or
 * {@link #detached}, then {@link #forShard} for a sharded tenant.
 *
 * @param mode           attached, secondary or detached
 * @param generation     the attachment generation (required for attached modes)
 * @param secondaryConf  settings of a secondary location
 * @param shardNumber    this shard's number (0 when unsharded)
 * @param shardCount     the tenant's shard count (0 = unsharded)
 * @param shardStripeSize stripe size in pages (0 when unsharded)
 * @param tenantConf     the tenant's configuration; <b>replaces</b> what the location had
 */
public record LocationConfig(LocationConfigMode mode, Optional<Generation> generation, Optional<SecondaryConf> secondaryConf,
                             @JsonInclude(JsonInclude.Include.ALWAYS) int shardNumber,
                             @JsonInclude(JsonInclude.Include.ALWAYS) int shardCount,
                             @JsonInclude(JsonInclude.Include.ALWAYS) long shardStripeSize,
                             TenantConfig tenantConf) {

    public LocationConfig {
        if (mode == null) {
            throw new IllegalArgumentException("location config mode must not be null");
        }
        generation = generation == null ? Optional.empty() : generation;
        secondaryConf = secondaryConf == null ? Optional.empty() : secondaryConf;
        tenantConf = tenantConf == null ? TenantConfig.EMPTY : tenantConf;
        if (shardNumber < 0 || shardNumber > 255 || shardCount < 0 || shardCount > 255) {
            throw new IllegalArgumentException("shardNumber and shardCount must be 0..255, got " + shardNumber + "/" + shardCount);
        }
        if (shardCount > 0 && shardNumber >= shardCount) {
            throw new IllegalArgumentException("shardNumber must be below shardCount " + shardCount + ", got " + shardNumber);
        }
        if (shardStripeSize < 0 || shardStripeSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("shardStripeSize must be 0..2^32-1 pages, got " + shardStripeSize);
        }
    }

    /** The sole attached location, in {@code generation}. */
    public static LocationConfig attachedSingle(Generation generation) {
        return attached(LocationConfigMode.ATTACHED_SINGLE, generation);
    }

    /** An attached location while another one may exist (the destination or origin of a live migration). */
    public static LocationConfig attachedMulti(Generation generation) {
        return attached(LocationConfigMode.ATTACHED_MULTI, generation);
    }

    /** An attached location whose generation has been superseded. */
    public static LocationConfig attachedStale(Generation generation) {
        return attached(LocationConfigMode.ATTACHED_STALE, generation);
    }

    private static LocationConfig attached(LocationConfigMode mode, Generation generation) {
        if (generation == null) {
            throw new IllegalArgumentException(mode + " needs a generation (the storage controller or control plane issues it)");
        }
        return new LocationConfig(mode, Optional.of(generation), Optional.empty(), 0, 0, 0, TenantConfig.EMPTY);
    }

    /** A secondary location, downloading layers when {@code warm}. */
    public static LocationConfig secondary(boolean warm) {
        return new LocationConfig(LocationConfigMode.SECONDARY, Optional.empty(), Optional.of(new SecondaryConf(warm)),
                0, 0, 0, TenantConfig.EMPTY);
    }

    /** Drop the shard from this pageserver (local state only; remote storage is untouched). */
    public static LocationConfig detached() {
        return new LocationConfig(LocationConfigMode.DETACHED, Optional.empty(), Optional.empty(), 0, 0, 0, TenantConfig.EMPTY);
    }

    /**
     * A copy describing shard {@code shard} of a sharded tenant striped by {@code stripeSize}; an unsharded id
     * keeps the shard fields at 0.
     */
    public LocationConfig forShard(TenantShardId shard, StripeSize stripeSize) {
        if (shard == null || stripeSize == null) {
            throw new IllegalArgumentException("forShard needs a shard id and a stripe size");
        }
        if (shard.shardCount() == 0) {
            return new LocationConfig(mode, generation, secondaryConf, 0, 0, 0, tenantConf);
        }
        return new LocationConfig(mode, generation, secondaryConf, shard.shardNumber(), shard.shardCount(), stripeSize.pages(), tenantConf);
    }

    /** A copy carrying {@code config} (which replaces the location's tenant config when sent). */
    public LocationConfig withTenantConf(TenantConfig config) {
        return new LocationConfig(mode, generation, secondaryConf, shardNumber, shardCount, shardStripeSize, config);
    }
}
