package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.neonclient.core.NodeId;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.StripeSize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a compute finds each shard's pageserver, {@code pageserver_connection_info} in the spec (mirrors
 * {@code PageserverConnectionInfo} in upstream {@code libs/compute_api/src/spec.rs}).
 *
 * @param shardCount     0 for an unsharded tenant (one key {@code "0000"}), else the shard count
 * @param stripeSize     stripe size in pages; null when unsharded
 * @param shards         per {@link ShardIndex} string ({@code "0102"}), the pageservers serving it
 * @param preferProtocol which URL to use
 */
public record PageserverConnectionInfo(int shardCount, @JsonInclude(JsonInclude.Include.ALWAYS) Optional<StripeSize> stripeSize,
                                       Map<String, Shard> shards, PageserverProtocol preferProtocol) {
    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public PageserverConnectionInfo {
        if (shardCount < 0 || shardCount > 255) {
            throw new IllegalArgumentException("shardCount must be 0..255, got " + shardCount);
        }
        stripeSize = stripeSize == null ? Optional.empty() : stripeSize;
        if (shardCount > 1 && stripeSize.isEmpty()) {
            throw new IllegalArgumentException("a sharded tenant (" + shardCount + " shards) needs a stripe size");
        }
        TreeMap<String, Shard> sorted = new TreeMap<>();
        for (var e : (shards == null ? Map.<String, Shard>of() : shards).entrySet()) {
            ShardIndex.parse(e.getKey()); // validates the key
            sorted.put(e.getKey(), e.getValue());
        }
        shards = java.util.Collections.unmodifiableMap(sorted);
        preferProtocol = preferProtocol == null ? PageserverProtocol.LIBPQ : preferProtocol;
    }

    /** The pageservers of one shard. */
    public Optional<Shard> shard(ShardIndex index) {
        return Optional.ofNullable(shards.get(index.toString()));
    }

    /**
     * Upstream {@code PageserverShardInfo}.
     *
     * @param pageservers where the shard can be read (the attached location first)
     */
    public record Shard(List<Endpoint> pageservers) {
        /** Checks the components: copies lists and maps (unmodifiable). */
        public Shard {
            pageservers = pageservers == null ? List.of() : List.copyOf(pageservers);
        }
    }

    /**
     * Upstream {@code PageserverShardConnectionInfo}; absent values are sent as {@code null}, as upstream writes them.
     *
     * @param id       the pageserver
     * @param libpqUrl e.g. {@code postgresql://no_user@ps-1:6400}
     * @param grpcUrl  e.g. {@code grpc://ps-1:51051}
     */
    public record Endpoint(@JsonInclude(JsonInclude.Include.ALWAYS) Optional<NodeId> id,
                           @JsonInclude(JsonInclude.Include.ALWAYS) Optional<String> libpqUrl,
                           @JsonInclude(JsonInclude.Include.ALWAYS) Optional<String> grpcUrl) {
        /** A component the wire left out (null) takes its empty or default value. */
        public Endpoint {
            id = id == null ? Optional.empty() : id;
            libpqUrl = libpqUrl == null ? Optional.empty() : libpqUrl;
            grpcUrl = grpcUrl == null ? Optional.empty() : grpcUrl;
        }
    }
}
