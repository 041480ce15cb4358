package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.neonclient.core.Generation;
import java.util.Optional;

/**
 * A tenant location's configuration: {@code LocationConfig} in upstream {@code libs/pageserver_api/src/models.rs}.
 * Sent flattened to {@code PUT /v1/tenant/{id}/location_config}; {@code generation} and {@code secondary_conf} are
 * sent as {@code null} when unset, the shard fields only when non-zero. {@code tenant_conf} is required and
 * <em>replaces</em> the stored tenant config.
 *
 * @param mode            the location mode
 * @param generation      the attach generation, when attaching
 * @param secondaryConf   settings of a secondary location
 * @param shardNumber     the shard number (0 when unsharded)
 * @param shardCount      the shard count (0 when unsharded)
 * @param shardStripeSize the stripe size in pages (0 when unsharded)
 * @param tenantConf      the tenant config (replaces the stored one)
 */
public record LocationConfig(Mode mode,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Optional<Generation> generation,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Optional<Secondary> secondaryConf,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) int shardNumber,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) int shardCount,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) long shardStripeSize,
                             TenantConfig tenantConf) {

    public LocationConfig {
        Validate.notNull("mode", mode);
        if (mode == Mode.UNKNOWN) {
            throw new IllegalArgumentException("mode UNKNOWN is not a value the server accepts");
        }
        generation = generation == null ? Optional.empty() : generation;
        secondaryConf = secondaryConf == null ? Optional.empty() : secondaryConf;
        if (shardNumber < 0 || shardNumber > 255 || shardCount < 0 || shardCount > 255) {
            throw new IllegalArgumentException("shardNumber and shardCount must be 0..255, got " + shardNumber + " and " + shardCount);
        }
        if (shardStripeSize < 0 || shardStripeSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("shardStripeSize must be an unsigned 32-bit page count, got " + shardStripeSize);
        }
        tenantConf = tenantConf == null ? TenantConfig.empty() : tenantConf;
    }

    /** A location in {@code mode} with {@code tenantConf} (which replaces the stored config) and no generation. */
    public static LocationConfig of(Mode mode, TenantConfig tenantConf) {
        return new LocationConfig(mode, Optional.empty(), Optional.empty(), 0, 0, 0, Validate.notNull("tenantConf", tenantConf));
    }

    /** This config with an attach generation (honoured the first time an attached mode is set). */
    public LocationConfig withGeneration(Generation generation) {
        return new LocationConfig(mode, Optional.of(Validate.notNull("generation", generation)), secondaryConf, shardNumber,
                shardCount, shardStripeSize, tenantConf);
    }

    /** This config with {@code secondary_conf: {"warm": warm}}. */
    public LocationConfig withSecondaryConf(boolean warm) {
        return new LocationConfig(mode, generation, Optional.of(new Secondary(warm)), shardNumber, shardCount, shardStripeSize, tenantConf);
    }

    /** {@code LocationConfigSecondary}: whether a secondary location downloads layers ahead of time. */
    public record Secondary(boolean warm) {}

    /**
     * The mode of a location config: mirrors {@code Mode} in upstream
     * {@code libs/pageserver_api/src/models.rs}.
     * {@link #UNKNOWN} stands for a value added upstream after this SDK was built; it is never sent.
     */
    public enum Mode {
        @JsonProperty("AttachedSingle")
        ATTACHED_SINGLE,
        @JsonProperty("AttachedMulti")
        ATTACHED_MULTI,
        @JsonProperty("AttachedStale")
        ATTACHED_STALE,
        @JsonProperty("Secondary")
        SECONDARY,
        @JsonProperty("Detached")
        DETACHED,
        /** A value this SDK does not know yet. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
