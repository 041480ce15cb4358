package io.neonclient.model;

import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code PUT …/location_config} on a pageserver and on the controller: where the tenant's shards are
 * attached afterwards (mirrors {@code TenantLocationConfigResponse} in upstream {@code libs/pageserver_api/src/models.rs};
 * a pageserver lists itself, or nothing for a secondary or detached location).
 *
 * @param shards     the attached shards and their pageservers
 * @param stripeSize set when the tenant has more than one shard
 */
public record ShardLocations(List<Location> shards, Optional<StripeSize> stripeSize) {
    /** Checks the components: copies lists and maps (unmodifiable). */
    public ShardLocations {
        shards = shards == null ? List.of() : List.copyOf(shards);
        stripeSize = stripeSize == null ? Optional.empty() : stripeSize;
    }

    /**
     * One attached shard (mirrors {@code TenantShardLocation}).
     *
     * @param shardId the shard
     * @param nodeId  the pageserver holding it
     */
    public record Location(TenantShardId shardId, NodeId nodeId) {
        /** Checks the components: refuses a null component, naming it. */
        public Location {
            Objects.requireNonNull(shardId, "shardId");
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }
}
