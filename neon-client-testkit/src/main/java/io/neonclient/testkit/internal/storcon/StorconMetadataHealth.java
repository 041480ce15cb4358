package io.neonclient.testkit.internal.storcon;

import io.neonclient.core.TenantShardId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The scrubber's metadata health records (storage_controller/src/service.rs {@code metadata_health_update},
 * {@code metadata_health_list_unhealthy}, {@code metadata_health_list_outdated}; persistence.rs
 * {@code MetadataHealthPersistence}), kept on {@link ShardState#health}, read and written with the {@link Storcon}
 * monitor held.
 */
public final class StorconMetadataHealth {
    private final Storcon sc;

    public StorconMetadataHealth(Storcon sc) {
        this.sc = Objects.requireNonNull(sc, "sc");
    }

    /** One shard's record, as {@code MetadataHealthRecord} lists it. */
    public record Record(TenantShardId shard, boolean healthy, Instant lastScrubbedAt) {}

    /**
     * {@code metadata_health_update}: upserts a record, scrubbed now (to the microsecond, as Postgres keeps it), for
     * each listed shard the controller has in memory; the unhealthy upsert runs second, so it wins for a shard in both.
     */
    public void metadataHealthUpdate(Set<TenantShardId> healthy, Set<TenantShardId> unhealthy) {
        Instant now = sc.timing().now().truncatedTo(ChronoUnit.MICROS);
        synchronized (sc) {
            record(healthy, true, now);
            record(unhealthy, false, now);
        }
    }

    /** Upserts records for the shards the controller has in memory ({@code locked.tenants.contains_key}). */
    private void record(Set<TenantShardId> shards, boolean healthy, Instant now) {
        for (TenantShardId id : shards) {
            TenantState t = sc.tenantOrNull(id.tenantId());
            if (t == null) {
                continue;
            }
            for (ShardState s : t.shards()) {
                if (s.id().equals(id)) {
                    s.setHealth(new ShardState.Health(healthy, now));
                }
            }
        }
    }

    /** {@code metadata_health_list_unhealthy}: every persisted shard whose record says unhealthy. */
    public List<TenantShardId> metadataHealthListUnhealthy() {
        List<TenantShardId> out = new ArrayList<>();
        synchronized (sc) {
            for (ShardState s : sc.persistedShards()) {
                if (s.health() != null && !s.health().healthy()) {
                    out.add(s.id());
                }
            }
        }
        return out;
    }

    /** {@code metadata_health_list_outdated}: records last scrubbed strictly before now minus {@code notScrubbedFor}. */
    public List<Record> metadataHealthListOutdated(Duration notScrubbedFor) {
        Instant earlier = sc.timing().now().minus(notScrubbedFor);
        List<Record> out = new ArrayList<>();
        synchronized (sc) {
            for (ShardState s : sc.persistedShards()) {
                if (s.health() != null && s.health().lastScrubbedAt().isBefore(earlier)) {
                    out.add(new Record(s.id(), s.health().healthy(), s.health().lastScrubbedAt()));
                }
            }
        }
        return out;
    }
}
