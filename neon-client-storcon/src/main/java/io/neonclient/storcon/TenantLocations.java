package io.neonclient.storcon;

import io.neonclient.core.StripeSize;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code PUT /v1/tenant/{id}/location_config}: {@code TenantLocationConfigResponse} in upstream
 * {@code libs/pageserver_api/src/models.rs}.
 *
 * @param shards     the attached location of each shard
 * @param stripeSize the stripe size when the tenant has more than one shard
 */
public record TenantLocations(List<ShardLocation> shards, Optional<StripeSize> stripeSize) {
    public TenantLocations {
        shards = shards == null ? List.of() : List.copyOf(shards);
        stripeSize = stripeSize == null ? Optional.empty() : stripeSize;
    }
}
