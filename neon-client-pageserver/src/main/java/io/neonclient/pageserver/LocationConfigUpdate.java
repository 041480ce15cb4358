package io.neonclient.pageserver;

import java.time.Duration;
import java.util.Optional;

/**
 * Query options of {@code PUT /v1/tenant/{tenant_shard_id}/location_config} (parsed in
 * {@code put_tenant_location_config_handler}, upstream {@code pageserver/src/http/routes.rs}).
 *
 * @param flush how long an attached location may spend flushing (and uploading a heatmap) first ({@code flush_ms})
 * @param lazy  activate the tenant lazily, as at start-up ({@code lazy=true})
 */
public record LocationConfigUpdate(Optional<Duration> flush, boolean lazy) {
    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public LocationConfigUpdate {
        flush = flush == null ? Optional.empty() : flush;
        flush.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("flush must not be negative, got " + d);
            }
        });
    }

    /** No flush, eager activation: the server's defaults. */
    public static LocationConfigUpdate now() {
        return new LocationConfigUpdate(Optional.empty(), false);
    }

    /** A copy that lets the location flush for up to {@code flush}. */
    public LocationConfigUpdate withFlush(Duration flush) {
        if (flush == null) {
            throw new NullPointerException("flush must not be null");
        }
        return new LocationConfigUpdate(Optional.of(flush), lazy);
    }

    /** A copy that activates lazily. */
    public LocationConfigUpdate withLazy(boolean lazy) {
        return new LocationConfigUpdate(flush, lazy);
    }
}
