package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.HumanDuration;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The scrubber's metadata health records (storage_controller/src/http.rs {@code handle_metadata_health_*}, service.rs
 * {@code metadata_health_update}/{@code _list_unhealthy}/{@code _list_outdated}, persistence.rs
 * {@code MetadataHealthPersistence}): one record per shard row, kept on {@link ShardState#health()}. A record is created
 * healthy with the shard ({@code insert_tenant_shards}: tenant create, location_config onboarding, import), not for a
 * split's children, and goes with its shard row (tenant delete, the parents of a split: {@code ON DELETE CASCADE}); a
 * tenant dropped from memory after a detach keeps its records. Updates skip shards not in memory; unhealthy wins for a
 * shard listed as both (the unhealthy upsert runs second). Timestamps come from the cluster's clock, truncated to
 * microseconds as Postgres stores them. None of these routes waits for start-up or is rate limited.
 */
public final class StorconMetadataHealthRoutes {
    private final StorconMetadataHealth health;

    public StorconMetadataHealthRoutes(Storcon sc) {
        this.health = new StorconMetadataHealth(sc);
    }

    public void register(Router r) {
        r.add("POST", "/control/v1/metadata_health/update", RouteAuth.storcon("scrubber"), this::update);
        r.add("GET", "/control/v1/metadata_health/unhealthy", RouteAuth.storcon("admin"), x -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode shards = out.putArray("unhealthy_tenant_shards");
            health.metadataHealthListUnhealthy().forEach(id -> shards.add(id.toString()));
            return Reply.ok(out);
        });
        r.add("POST", "/control/v1/metadata_health/outdated", RouteAuth.storcon("admin"), this::outdated);
    }

    /** MetadataHealthUpdateRequest: both sets are required; the answer is MetadataHealthUpdateResponse {@code {}}. */
    private Reply update(Exchange x) {
        ObjectNode body = x.object();
        Set<TenantShardId> healthy = shardSet(body, "healthy_tenant_shards");
        Set<TenantShardId> unhealthy = shardSet(body, "unhealthy_tenant_shards");
        health.metadataHealthUpdate(healthy, unhealthy);
        return Reply.ok(Json.MAPPER.createObjectNode());
    }

    /** MetadataHealthListOutdatedRequest {@code {"not_scrubbed_for": humantime}}; answers MetadataHealthListOutdatedResponse. */
    private Reply outdated(Exchange x) {
        ObjectNode body = x.object();
        JsonNode raw = Bodies.required(body, "not_scrubbed_for");
        if (!raw.isTextual()) {
            throw HttpError.badRequest("Failed to parse json request: not_scrubbed_for: invalid type: " + raw.getNodeType().name().toLowerCase()
                    + " `" + raw + "`, expected a duration");
        }
        Duration notScrubbedFor = humantime(raw.asText());
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode records = out.putArray("health_records");
        for (StorconMetadataHealth.Record r : health.metadataHealthListOutdated(notScrubbedFor)) {
            records.addObject()
                    .put("tenant_shard_id", r.shard().toString())
                    .put("healthy", r.healthy())
                    .put("last_scrubbed_at", Rfc3339.format(r.lastScrubbedAt()));
        }
        return Reply.ok(out);
    }

    /** A {@code HashSet<TenantShardId>} field with serde's wording for a missing field, another type or a bad id. */
    private static Set<TenantShardId> shardSet(ObjectNode body, String field) {
        JsonNode n = Bodies.required(body, field);
        if (!n.isArray()) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": invalid type: " + n.getNodeType().name().toLowerCase()
                    + ", expected a sequence");
        }
        Set<TenantShardId> out = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            try {
                if (!e.isTextual()) {
                    throw new IllegalArgumentException("invalid type: " + e.getNodeType().name().toLowerCase() + ", expected a string");
                }
                out.add(TenantShardId.parse(e.asText()));
            } catch (IllegalArgumentException bad) {
                throw HttpError.badRequest("Failed to parse json request: " + field + "[" + i + "]: " + bad.getMessage());
            }
        }
        return out;
    }

    /** humantime's parse_duration, with its error wording (humantime DurationError's Display). */
    private static Duration humantime(String text) {
        String prefix = "Failed to parse json request: not_scrubbed_for: ";
        if (text.isBlank()) {
            throw HttpError.badRequest(prefix + "value was empty");
        }
        if (!Character.isDigit(text.strip().charAt(0))) {
            throw HttpError.badRequest(prefix + "expected number at 0");
        }
        try {
            return HumanDuration.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw HttpError.badRequest(prefix + "unknown time unit in \"" + text + "\", supported units: ns, us, ms, sec, min, hours, "
                    + "days, weeks, months, years (and few variations)");
        }
    }
}
