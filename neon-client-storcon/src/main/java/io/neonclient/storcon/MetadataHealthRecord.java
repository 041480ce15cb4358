package io.neonclient.storcon;

import io.neonclient.core.TenantShardId;
import java.time.Instant;

/**
 * What the last scrub found for one shard: {@code MetadataHealthRecord} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs}.
 *
 * @param tenantShardId  the shard
 * @param healthy        whether its remote metadata was consistent
 * @param lastScrubbedAt when the scrubber last reported it
 */
public record MetadataHealthRecord(TenantShardId tenantShardId, boolean healthy, Instant lastScrubbedAt) {}
