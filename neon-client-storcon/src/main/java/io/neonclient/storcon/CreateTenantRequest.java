package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.model.TenantConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Body of {@code POST /v1/tenant}: {@code TenantCreateRequest} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs}, a strict struct whose {@code TenantConfig} fields sit at the
 * top level. Build with {@link #unsharded} or {@link #sharded}, then {@link #withPlacement} / {@link #withConfig}.
 *
 * @param tenantId   the new tenant's id ({@code new_tenant_id}, a bare tenant id)
 * @param shardCount 0 for the legacy unsharded layout (no {@code shard_parameters} sent, bare shard ids), else 1..255
 * @param stripeSize stripe size in 8 KiB pages, sent with a non-zero count; must be a power of two
 * @param placement  the placement policy, or empty for the controller's default {@code {"Attached":0}}
 * @param config     tenant config overrides, flattened into the body
 */
public record CreateTenantRequest(TenantId tenantId, int shardCount, StripeSize stripeSize,
                                  Optional<PlacementPolicy> placement, TenantConfig config) {
    private static final Set<String> RESERVED = Set.of("new_tenant_id", "generation", "shard_parameters", "placement_policy");

    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public CreateTenantRequest {
        Validate.notNull("tenantId", tenantId);
        if (shardCount < 0 || shardCount > 255) {
            throw new IllegalArgumentException("shardCount must be 0 (unsharded) or 1..255, got " + shardCount);
        }
        stripeSize = stripeSize == null ? StripeSize.DEFAULT : stripeSize;
        if (!stripeSize.isPowerOfTwo()) {
            // the unit is 8 KiB pages (ShardStripeSize in upstream libs/pageserver_api/src/shard.rs); 65558 is a typo for 65536 that upstream would accept silently.
            throw new IllegalArgumentException("stripeSize must be a power of two number of 8 KiB pages (default 2048 = 16 MiB), got "
                    + stripeSize.pages() + " pages (" + stripeSize.bytes() + " bytes)");
        }
        placement = placement == null ? Optional.empty() : placement;
        config = config == null ? TenantConfig.empty() : config;
        for (String key : config.settings().keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("tenant config key '" + key + "' is a field of the create request itself, not a config setting");
            }
        }
    }

    /** An unsharded tenant (count 0): shard ids are the bare tenant id. */
    public static CreateTenantRequest unsharded(TenantId tenantId) {
        return new CreateTenantRequest(tenantId, 0, StripeSize.DEFAULT, Optional.empty(), TenantConfig.empty());
    }

    /** A tenant with {@code count} shards (prefer 2+; count 1 gives {@code -0001} ids unlike the unsharded layout). */
    public static CreateTenantRequest sharded(TenantId tenantId, int count, StripeSize stripeSize) {
        if (count < 1) {
            throw new IllegalArgumentException("sharded tenants need a shard count of 1..255, got " + count + " (use unsharded(..) for 0)");
        }
        return new CreateTenantRequest(tenantId, count, Validate.notNull("stripeSize", stripeSize), Optional.empty(), TenantConfig.empty());
    }

    /** This request with a placement policy ({@code placement_policy}); without one the controller uses {@code {"Attached":0}}. */
    public CreateTenantRequest withPlacement(PlacementPolicy policy) {
        return new CreateTenantRequest(tenantId, shardCount, stripeSize, Optional.of(Validate.notNull("placement", policy)), config);
    }

    /** This request with tenant config overrides, sent flattened at the top level of the body. */
    public CreateTenantRequest withConfig(TenantConfig config) {
        return new CreateTenantRequest(tenantId, shardCount, stripeSize, placement, Validate.notNull("config", config));
    }

    /** The wire body, in upstream's field order; absent optionals are omitted as upstream's serializer does. */
    @JsonValue
    Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("new_tenant_id", tenantId);
        if (shardCount > 0) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("count", shardCount);
            params.put("stripe_size", stripeSize);
            body.put("shard_parameters", params);
        }
        placement.ifPresent(p -> body.put("placement_policy", p));
        body.putAll(config.settings());
        return body;
    }
}
