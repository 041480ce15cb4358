package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.neonclient.core.Generation;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a pageserver holds one tenant shard (mirrors {@code LocationConfig} in upstream
 * {@code libs/pageserver_api/src/models.rs}): the body of {@code PUT /v1/tenant/{tenant_shard_id}/location_config} on
 * a pageserver and of {@code PUT /v1/tenant/{tenant_id}/location_config} on the controller, and an entry of a
 * pageserver's {@code GET /v1/location_config}. Sent with {@code generation} and {@code secondary_conf} as
 * {@code null} when unset and the shard fields only when non-zero (upstream reads both as their defaults); the
 * request struct is strict, so only these keys are sent. {@code tenant_conf} is required and <em>replaces</em> the
 * stored tenant config.
 * <p>Build one with {@link #attachedSingle}, {@link #attachedMulti}, {@link #attachedStale}, {@link #secondary},
 * {@link #detached} or {@link #of}, then {@link #forShard} for a sharded tenant and {@link #withTenantConf}.
 *
 * @param mode            attached, secondary or detached
 * @param generation      the attachment generation (required by the attached modes)
 * @param secondaryConf   settings of a secondary location
 * @param shardNumber     this shard's number (0 when unsharded)
 * @param shardCount      the tenant's shard count (0 = unsharded)
 * @param shardStripeSize the stripe size in pages (0 when unsharded)
 * @param tenantConf      the tenant's configuration; <b>replaces</b> what the location had
 */
public record LocationConfig(LocationConfigMode mode,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Optional<Generation> generation,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Optional<SecondaryConf> secondaryConf,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) int shardNumber,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) int shardCount,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) long shardStripeSize,
                             TenantConfig tenantConf) {

    /** Checks the components: refuses a null component, naming it, and refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public LocationConfig {
        Objects.requireNonNull(mode, "mode");
        generation = generation == null ? Optional.empty() : generation;
        secondaryConf = secondaryConf == null ? Optional.empty() : secondaryConf;
        tenantConf = tenantConf == null ? TenantConfig.empty() : tenantConf;
        if (shardNumber < 0 || shardNumber > 255 || shardCount < 0 || shardCount > 255) {
            throw new IllegalArgumentException("shardNumber and shardCount must be 0..255, got " + shardNumber + " and " + shardCount);
        }
        if (shardCount > 0 && shardNumber >= shardCount) {
            throw new IllegalArgumentException("shardNumber must be below shardCount " + shardCount + ", got " + shardNumber);
        }
        if (shardStripeSize < 0 || shardStripeSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("shardStripeSize must be an unsigned 32-bit page count, got " + shardStripeSize);
        }
    }

    /** A location in {@code mode} with {@code tenantConf} (which replaces the stored config), no generation, unsharded. */
    public static LocationConfig of(LocationConfigMode mode, TenantConfig tenantConf) {
        return new LocationConfig(mode, Optional.empty(), Optional.empty(), 0, 0, 0, Objects.requireNonNull(tenantConf, "tenantConf"));
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
        Objects.requireNonNull(generation, "generation");
        return new LocationConfig(mode, Optional.of(generation), Optional.empty(), 0, 0, 0, TenantConfig.empty());
    }

    /** A secondary location, downloading layers when {@code warm}. */
    public static LocationConfig secondary(boolean warm) {
        return new LocationConfig(LocationConfigMode.SECONDARY, Optional.empty(), Optional.of(new SecondaryConf(warm)),
                0, 0, 0, TenantConfig.empty());
    }

    /** Drop the shard from the pageserver (local state only; remote storage is untouched). */
    public static LocationConfig detached() {
        return new LocationConfig(LocationConfigMode.DETACHED, Optional.empty(), Optional.empty(), 0, 0, 0, TenantConfig.empty());
    }

    /** This config with an attach generation (honoured the first time an attached mode is set). */
    public LocationConfig withGeneration(Generation generation) {
        return new LocationConfig(mode, Optional.of(Objects.requireNonNull(generation, "generation")), secondaryConf,
                shardNumber, shardCount, shardStripeSize, tenantConf);
    }

    /** This config with {@code secondary_conf: {"warm": warm}}. */
    public LocationConfig withSecondaryConf(boolean warm) {
        return new LocationConfig(mode, generation, Optional.of(new SecondaryConf(warm)), shardNumber, shardCount,
                shardStripeSize, tenantConf);
    }

    /**
     * This config describing shard {@code shard} of a tenant striped by {@code stripeSize}; an unsharded id keeps the
     * shard fields at 0.
     */
    public LocationConfig forShard(TenantShardId shard, StripeSize stripeSize) {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(stripeSize, "stripeSize");
        if (shard.shardCount() == 0) {
            return new LocationConfig(mode, generation, secondaryConf, 0, 0, 0, tenantConf);
        }
        return new LocationConfig(mode, generation, secondaryConf, shard.shardNumber(), shard.shardCount(),
                stripeSize.pages(), tenantConf);
    }

    /** This config carrying {@code tenantConf} (which replaces the location's tenant config when sent). */
    public LocationConfig withTenantConf(TenantConfig tenantConf) {
        return new LocationConfig(mode, generation, secondaryConf, shardNumber, shardCount, shardStripeSize,
                Objects.requireNonNull(tenantConf, "tenantConf"));
    }
}
