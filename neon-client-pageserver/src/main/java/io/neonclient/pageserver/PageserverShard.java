package io.neonclient.pageserver;

import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.LocationConfig;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.model.ShardLocations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One tenant shard's location on a pageserver: {@code GET /v1/location_config/{tenant_shard_id}} and
 * {@code PUT /v1/tenant/{tenant_shard_id}/location_config}. Obtain with {@link PageserverClient#shard}.
 */
public final class PageserverShard {
    private static final Json.Reader<LocationConfig> CONFIG = Json.reader(LocationConfig.class);
    private static final Json.Reader<ShardLocations> LOCATIONS = Json.reader(ShardLocations.class);

    private final PageserverClient client;
    private final TenantShardId shard;

    PageserverShard(PageserverClient client, TenantShardId shard) {
        this.client = client;
        this.shard = shard;
    }

    /** The shard this handle addresses. */
    public TenantShardId id() {
        return shard;
    }

    /**
     * {@code GET /v1/location_config/{tenant_shard_id}}: how this pageserver holds the shard; empty when it does not
     * hold it (404) or the slot is in transition ({@code null}).
     */
    public Optional<LocationConfig> locationConfig() {
        try {
            return Optional.ofNullable(client.transport.call(
                    Request.get("/v1/location_config/{tenant_shard_id}", shard).scope(PageserverClient.SCOPE).build(), CONFIG));
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    /**
     * {@code PUT /v1/tenant/{tenant_shard_id}/location_config}: attach, demote to secondary, or detach this shard here.
     * {@link LocationConfigMode#DETACHED} drops local state and is idempotent. The sent {@code tenant_conf} replaces the
     * location's tenant config. Returns where the shard is attached afterwards (this pageserver or nothing).
     */
    public ShardLocations locationConfig(LocationConfig config) {
        return locationConfig(config, LocationConfigUpdate.now());
    }

    /**
     * {@code PUT /v1/tenant/{tenant_shard_id}/location_config?flush_ms=…&lazy=…}: as {@link #locationConfig(LocationConfig)},
     * with a flush budget (an attached location flushes and uploads a heatmap before it changes) or lazy activation.
     */
    public ShardLocations locationConfig(LocationConfig config, LocationConfigUpdate update) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(update, "update");
        if (config.mode().isAttached() && config.generation().isEmpty()) {
            throw new IllegalArgumentException(config.mode() + " needs a generation");
        }
        if (config.mode() == LocationConfigMode.SECONDARY && config.generation().isPresent()) {
            // LocationConf::try_from in upstream pageserver/src/tenant/config.rs rejects it with a 400
            throw new IllegalArgumentException("a Secondary location must not carry a generation, got " + config.generation().get());
        }
        Request.Builder r = Request.put("/v1/tenant/{tenant_shard_id}/location_config", shard)
                .scope(PageserverClient.SCOPE).idempotent(true).json(config);
        update.flush().map(Duration::toMillis).ifPresent(ms -> r.query("flush_ms", ms));
        if (update.lazy()) {
            r.query("lazy", true);
        }
        ShardLocations result = client.transport.call(r.build(), LOCATIONS);
        return result == null ? new ShardLocations(java.util.List.of(), Optional.empty()) : result;
    }

    @Override
    public String toString() {
        return "PageserverShard[" + shard + "]";
    }
}
