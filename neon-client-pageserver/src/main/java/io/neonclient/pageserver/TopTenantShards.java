package io.neonclient.pageserver;

import io.neonclient.core.TenantShardId;
import java.util.List;

/**
 * The largest tenant shards on a pageserver: {@code TopTenantShardsResponse} in upstream
 * {@code libs/pageserver_api/src/models.rs}, the answer of {@code POST /v1/top_tenants}; the storage controller
 * reads it to pick shards to split.
 *
 * @param shards the shards, largest first by the requested metric
 */
public record TopTenantShards(List<Shard> shards) {
    public TopTenantShards {
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /**
     * Upstream {@code TopTenantShardItem}.
     *
     * @param id                     the shard
     * @param residentSize           bytes of its layers on local disk
     * @param physicalSize           bytes of its layers in remote storage
     * @param maxLogicalSize         the largest timeline's logical size in the tenant (tracked on shard zero only)
     * @param maxLogicalSizePerShard {@code maxLogicalSize} divided by the shard count
     */
    public record Shard(TenantShardId id, long residentSize, long physicalSize, long maxLogicalSize, long maxLogicalSizePerShard) {}
}
