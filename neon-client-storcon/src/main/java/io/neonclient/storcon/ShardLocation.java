package io.neonclient.storcon;

import io.neonclient.core.Generation;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import java.util.Optional;

/**
 * Where one shard is attached: {@code TenantCreateResponseShard} (with a generation) or {@code TenantShardLocation}
 * (without) in upstream {@code libs/pageserver_api}.
 *
 * @param shardId    the shard
 * @param nodeId     the pageserver it is attached to
 * @param generation its generation at scheduling time (0 for a new tenant), when the response carries one
 */
public record ShardLocation(TenantShardId shardId, NodeId nodeId, Optional<Generation> generation) {
    public ShardLocation {
        generation = generation == null ? Optional.empty() : generation;
    }
}
