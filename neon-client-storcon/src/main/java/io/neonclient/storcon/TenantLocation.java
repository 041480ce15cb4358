package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import java.util.List;
import java.util.Optional;

/**
 * Where each shard of a tenant is attached, with the pageservers' addresses: {@code TenantLocateResponse} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs}, from {@code GET /debug/v1/tenant/{id}/locate}.
 *
 * @param shards      one entry per shard
 * @param shardParams the tenant's shard count and stripe size
 */
public record TenantLocation(List<Shard> shards, ShardParams shardParams) {

    public TenantLocation {
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /** {@code ShardParameters}: count (0 = unsharded) and stripe size in pages. */
    public record ShardParams(int count, StripeSize stripeSize) {}

    /** {@code TenantLocateResponseShard}: a shard and the addresses of the pageserver it is attached to. */
    public record Shard(TenantShardId shardId, NodeId nodeId, String listenPgAddr, int listenPgPort,
                        Optional<String> listenGrpcAddr, Optional<Integer> listenGrpcPort, String listenHttpAddr,
                        int listenHttpPort, Optional<Integer> listenHttpsPort) {
        public Shard {
            listenGrpcAddr = listenGrpcAddr == null ? Optional.empty() : listenGrpcAddr;
            listenGrpcPort = listenGrpcPort == null ? Optional.empty() : listenGrpcPort;
            listenHttpsPort = listenHttpsPort == null ? Optional.empty() : listenHttpsPort;
        }
    }
}
