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

    /**
     * {@code POST /v1/tenant/{tenant_shard_id}/wait_lsn} with {@code TenantWaitLsnRequest} (upstream
     * {@code libs/pageserver_api/src/models.rs}: the timeline ids beside {@code timeout}): waits on the pageserver until
     * each timeline of this attached shard has ingested WAL up to its LSN.
     *
     * @param lsns    the LSN to reach, by timeline (at least one)
     * @param timeout how long the pageserver waits (whole milliseconds or more)
     * @return true when every timeline reached its LSN (200), false when the pageserver's wait timed out first (202)
     * @throws io.neonclient.core.NotFoundException 404 when none of the timelines is on this shard
     * @throws IllegalArgumentException             when {@code lsns} is empty or {@code timeout} is not positive
     */
    public boolean waitLsn(java.util.Map<io.neonclient.core.TimelineId, io.neonclient.core.Lsn> lsns, Duration timeout) {
        Objects.requireNonNull(lsns, "lsns");
        Objects.requireNonNull(timeout, "timeout");
        if (lsns.isEmpty()) {
            throw new IllegalArgumentException("lsns must name at least one timeline and its LSN, got none");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        lsns.forEach((timeline, lsn) -> body.put(Objects.requireNonNull(timeline, "timeline").toString(),
                Objects.requireNonNull(lsn, "lsn").toString()));
        // serde's Duration: {"secs", "nanos"}
        body.put("timeout", java.util.Map.of("secs", timeout.getSeconds(), "nanos", timeout.getNano()));
        var r = client.transport.send(Request.post("/v1/tenant/{tenant_shard_id}/wait_lsn", shard).scope(PageserverClient.SCOPE)
                .idempotent(true).timeout(timeout.plusSeconds(30)).json(body).build());
        return r.status() == 200;
    }

    @Override
    public String toString() {
        return "PageserverShard[" + shard + "]";
    }
}
