package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import java.util.List;
import java.util.Optional;

/**
 * The shards the controller places on one node: {@code NodeShardResponse} in upstream {@code controller_api.rs}, from
 * {@code GET /control/v1/node/{id}/shards}.
 *
 * @param nodeId the node
 * @param shards its shards
 */
public record NodeShards(NodeId nodeId, List<Shard> shards) {

    /** Checks the components: copies lists and maps (unmodifiable). */
    public NodeShards {
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /**
     * One shard on the node ({@code NodeShard}). Each flag is empty when the shard is not on this node in that view.
     *
     * @param tenantShardId        the shard
     * @param isObservedSecondary  whether the pageserver reports it holds a secondary location
     * @param isIntendedSecondary  whether the controller intends a secondary location here (false: attached)
     */
    public record Shard(TenantShardId tenantShardId,
                        @com.fasterxml.jackson.annotation.JsonProperty("is_observed_secondary") Optional<Boolean> isObservedSecondary,
                        @com.fasterxml.jackson.annotation.JsonProperty("is_intended_secondary") Optional<Boolean> isIntendedSecondary) {
        /** A component the wire left out (null) takes its empty or default value. */
        public Shard {
            isObservedSecondary = isObservedSecondary == null ? Optional.empty() : isObservedSecondary;
            isIntendedSecondary = isIntendedSecondary == null ? Optional.empty() : isIntendedSecondary;
        }
    }
}
