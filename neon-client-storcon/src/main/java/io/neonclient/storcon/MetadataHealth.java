package io.neonclient.storcon;

import io.neonclient.core.HumanDuration;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The controller's record of what the storage scrubber found: {@code /control/v1/metadata_health/…} (handlers
 * {@code handle_metadata_health_*} in upstream {@code storage_controller/src/http.rs}, bodies in
 * {@code libs/pageserver_api/src/controller_api.rs}). The scrubber reports with a {@code scrubber} token; reading the
 * records needs {@code admin}. Get one with {@link StorageControllerClient#metadataHealth()}.
 */
public final class MetadataHealth {
    private final StorageControllerClient client;

    MetadataHealth(StorageControllerClient client) {
        this.client = client;
    }

    /**
     * {@code POST /control/v1/metadata_health/update} (scope scrubber) with
     * {@code {"healthy_tenant_shards": […], "unhealthy_tenant_shards": […]}}: records a scrub of these shards as of now.
     * Shards the controller does not manage are silently skipped by the controller. Idempotent.
     *
     * @throws IllegalArgumentException before sending, when a collection or an entry is null or a shard is in both
     */
    public void update(Collection<TenantShardId> healthy, Collection<TenantShardId> unhealthy) {
        Set<TenantShardId> good = distinct("healthy", healthy);
        Set<TenantShardId> bad = distinct("unhealthy", unhealthy);
        for (TenantShardId shard : good) {
            if (bad.contains(shard)) {
                throw new IllegalArgumentException("shard " + shard + " is in both healthy and unhealthy");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("healthy_tenant_shards", List.copyOf(good));
        body.put("unhealthy_tenant_shards", List.copyOf(bad));
        client.send(Request.post("/control/v1/metadata_health/update").json(body).scope(Scope.SCRUBBER).idempotent(true));
    }

    private static Set<TenantShardId> distinct(String field, Collection<TenantShardId> shards) {
        Validate.notNull(field, shards);
        Set<TenantShardId> out = new LinkedHashSet<>();
        for (TenantShardId shard : shards) {
            out.add(Validate.notNull(field + " entry", shard));
        }
        return out;
    }

    /** {@code GET /control/v1/metadata_health/unhealthy} (scope admin): shards whose last scrub found a problem. */
    public List<TenantShardId> unhealthy() {
        Unhealthy r = client.call(Request.get("/control/v1/metadata_health/unhealthy").scope(Scope.ADMIN), Json.reader(Unhealthy.class));
        return r == null ? List.of() : r.unhealthyTenantShards();
    }

    /**
     * {@code POST /control/v1/metadata_health/outdated} (scope admin) with {@code {"not_scrubbed_for": "1h"}} (humantime):
     * the health records of shards not scrubbed for at least {@code notScrubbedFor}. A read, so it is retried.
     *
     * @throws IllegalArgumentException before sending, when {@code notScrubbedFor} is null or negative
     */
    public List<MetadataHealthRecord> outdated(Duration notScrubbedFor) {
        Validate.notNull("notScrubbedFor", notScrubbedFor);
        if (notScrubbedFor.isNegative()) {
            throw new IllegalArgumentException("notScrubbedFor must be zero or positive, got " + notScrubbedFor);
        }
        Outdated r = client.call(Request.post("/control/v1/metadata_health/outdated")
                .json(Map.of("not_scrubbed_for", HumanDuration.format(notScrubbedFor))).scope(Scope.ADMIN).idempotent(true),
                Json.reader(Outdated.class));
        return r == null ? List.of() : r.healthRecords();
    }

    record Unhealthy(List<TenantShardId> unhealthyTenantShards) {
        Unhealthy {
            unhealthyTenantShards = unhealthyTenantShards == null ? List.of() : List.copyOf(unhealthyTenantShards);
        }
    }

    record Outdated(List<MetadataHealthRecord> healthRecords) {
        Outdated {
            healthRecords = healthRecords == null ? List.of() : List.copyOf(healthRecords);
        }
    }

    @Override
    public String toString() {
        return "metadata health";
    }
}
