package io.neonclient.pageserver;

import io.neonclient.core.Generation;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a pageserver found for one tenant in remote storage: the answer of
 * {@code GET /v1/tenant/{tenant_id}/scan_remote_storage} (mirrors {@code TenantScanRemoteStorageResponse} in upstream
 * {@code libs/pageserver_api/src/models.rs}). Lists every shard prefix the tenant has, including the prefixes of shard
 * counts it had before a split, since a split writes new prefixes and leaves the old ones in place.
 *
 * @param shards one entry per shard prefix
 */
public record RemoteStorageScan(List<Shard> shards) {
    public RemoteStorageScan {
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /**
     * One shard prefix (upstream {@code TenantScanRemoteStorageShard}).
     *
     * @param tenantShardId the prefix's shard id; its shard count is the count the tenant had when it was written
     * @param generation    the highest generation of the prefix's timeline indexes; empty when it has none
     * @param stripeSize    the stripe size its tenant manifest records; empty when there is no manifest or it predates
     *                      the field
     */
    public record Shard(TenantShardId tenantShardId, Optional<Generation> generation, Optional<StripeSize> stripeSize) {
        public Shard {
            Objects.requireNonNull(tenantShardId, "tenantShardId");
            generation = generation == null ? Optional.empty() : generation;
            stripeSize = stripeSize == null ? Optional.empty() : stripeSize;
        }
    }

    /** Every distinct shard count among the prefixes, ascending ({@code 0} = the tenant's unsharded prefix). */
    public List<Integer> shardCounts() {
        TreeSet<Integer> counts = new TreeSet<>();
        shards.forEach(s -> counts.add(s.tenantShardId().shardCount()));
        return List.copyOf(counts);
    }
}
