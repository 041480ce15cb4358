package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfig;
import java.util.Optional;

/**
 * One entry of {@code GET /v1/location_config}: on the wire a two-element array {@code ["<tenant_shard_id>", config|null]}
 * (the Rust tuple in {@code LocationConfigListResponse}, upstream {@code libs/pageserver_api/src/models.rs}).
 *
 * @param shard  the tenant shard
 * @param config its location, or empty while the slot is in transition
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"shard", "config"})
public record ShardLocationConfig(TenantShardId shard, Optional<LocationConfig> config) {
    public ShardLocationConfig {
        if (shard == null) {
            throw new NullPointerException("location config entry needs a tenant shard id");
        }
        config = config == null ? Optional.empty() : config;
    }
}
