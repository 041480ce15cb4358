package io.neonclient.compute;

import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where each shard of a tenant is attached, with the Postgres-protocol address of each pageserver: what a compute
 * hook learns from the storage controller's notify-attach ({@code shards[].node_id} plus the node's
 * {@code listen_pg_addr}/{@code listen_pg_port}). {@link ComputeSpec#withPlacement} turns it into the spec's
 * storage fields.
 *
 * @param stripeSize the tenant's stripe size; required when it has more than one shard
 * @param shards     one entry per shard
 */
public record ShardPlacement(Optional<StripeSize> stripeSize, List<Shard> shards) {
    public ShardPlacement {
        stripeSize = stripeSize == null ? Optional.empty() : stripeSize;
        if (shards == null || shards.isEmpty()) {
            throw new IllegalArgumentException("a shard placement needs at least one shard");
        }
        List<Shard> sorted = new ArrayList<>(shards);
        sorted.sort(Comparator.comparingInt(s -> s.shard().shardNumber()));
        TenantId tenant = sorted.get(0).shard().tenantId();
        int count = sorted.get(0).shard().shardCount();
        for (int i = 0; i < sorted.size(); i++) {
            TenantShardId id = sorted.get(i).shard();
            if (!id.tenantId().equals(tenant)) {
                throw new IllegalArgumentException("all shards must belong to one tenant, got " + tenant + " and " + id.tenantId());
            }
            if (id.shardCount() != count) {
                throw new IllegalArgumentException("all shards must have the same shard count, got " + count + " and " + id.shardCount());
            }
            if (id.shardNumber() != i) {
                throw new IllegalArgumentException("shards must be numbered 0.." + (sorted.size() - 1) + " exactly once, got " + id);
            }
        }
        if (Math.max(count, 1) != sorted.size()) {
            throw new IllegalArgumentException("a tenant with shard count " + count + " needs " + Math.max(count, 1)
                    + " placements, got " + sorted.size());
        }
        if (count > 1 && stripeSize.isEmpty()) {
            throw new IllegalArgumentException("a sharded tenant (" + count + " shards) needs a stripe size");
        }
        shards = List.copyOf(sorted);
    }

    /** An unsharded (or single-shard) tenant on one pageserver. */
    public static ShardPlacement unsharded(TenantShardId shard, NodeId node, String pgHost, int pgPort) {
        return new ShardPlacement(Optional.empty(), List.of(new Shard(shard, node, pgHost, pgPort)));
    }

    /** A sharded tenant striped by {@code stripeSize}. */
    public static ShardPlacement sharded(StripeSize stripeSize, List<Shard> shards) {
        if (stripeSize == null) {
            throw new NullPointerException("stripeSize must not be null");
        }
        return new ShardPlacement(Optional.of(stripeSize), shards);
    }

    /** The tenant. */
    public TenantId tenantId() {
        return shards.get(0).shard().tenantId();
    }

    /**
     * True when computes see the tenant as unsharded: count 0 or 1 ("-0001" ids), as the controller's compute hook
     * treats both (upstream {@code storage_controller/src/compute_hook.rs}).
     */
    public boolean isUnsharded() {
        return shards.size() == 1;
    }

    /**
     * One attached shard.
     *
     * @param shard  the shard
     * @param node   the pageserver it is attached to
     * @param pgHost that pageserver's {@code listen_pg_addr}
     * @param pgPort that pageserver's {@code listen_pg_port}
     */
    public record Shard(TenantShardId shard, NodeId node, String pgHost, int pgPort) {
        public Shard {
            if (shard == null || node == null) {
                throw new NullPointerException("a shard placement needs a shard id and a node id");
            }
            if (pgHost == null || pgHost.isBlank() || pgHost.contains("/") || pgHost.contains("@") || pgHost.contains(",")) {
                throw new IllegalArgumentException("pgHost must be a host name or address, got '" + pgHost + "'");
            }
            if (pgPort < 1 || pgPort > 65535) {
                throw new IllegalArgumentException("pgPort must be 1..65535, got " + pgPort);
            }
        }

        /** {@code postgresql://no_user@host:port}, the URL form upstream's compute hook builds. */
        public String libpqUrl() {
            String host = pgHost.contains(":") && !pgHost.startsWith("[") ? "[" + pgHost + "]" : pgHost;
            return "postgresql://no_user@" + host + ":" + pgPort;
        }
    }
}
