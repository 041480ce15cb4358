package io.neonclient.pageserver;

import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code PUT /v1/tenant/{tenant_shard_id}/location_config}: where the shard is now attached
 * (mirrors {@code TenantLocationConfigResponse} in upstream {@code libs/pageserver_api/src/models.rs}; a pageserver
 * lists itself, or nothing for a secondary or detached location).
 *
 * @param shards     attached shards and their node
 * @param stripeSize set when the tenant has more than one shard
 */
public record ShardLocations(List<Location> shards, Optional<StripeSize> stripeSize) {
    public ShardLocations {
        shards = shards == null ? List.of() : List.copyOf(shards);
        stripeSize = stripeSize == null ? Optional.empty() : stripeSize;
    }

    /**
     * One attached shard.
     *
     * @param shardId the shard
     * @param nodeId  the pageserver holding it
     */
    public record Location(TenantShardId shardId, NodeId nodeId) {}
}
