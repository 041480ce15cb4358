package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.HumanDuration;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A pageserver's view of a tenant's configuration: the overrides a location carries ({@code TenantConfig} in
 * libs/pageserver_api/src/models.rs, durations kept as humantime strings and printed the way
 * {@code humantime_serde} prints them) and the effective configuration, the overrides merged over the defaults of
 * {@code TenantConfigToml} (libs/pageserver_api/src/config.rs, {@code tenant_conf_defaults}).
 */
final class PageserverTenantConfig {
    private PageserverTenantConfig() {}

    private static final Set<String> DURATIONS = Set.of("checkpoint_timeout", "compaction_period", "gc_period",
            "image_layer_force_creation_period", "pitr_interval", "walreceiver_connect_timeout", "lagging_wal_timeout",
            "evictions_low_residence_duration_metric_threshold", "heatmap_period", "lsn_lease_length", "lsn_lease_length_for_ts");
    private static final Set<String> BOOLEANS = Set.of("compaction_shard_ancestor", "compaction_l0_first",
            "compaction_l0_semaphore", "lazy_slru_download", "timeline_offloading", "rel_size_v2_enabled",
            "gc_compaction_enabled", "gc_compaction_verification", "basebackup_cache_enabled");
    private static final Set<String> OBJECTS = Set.of("compaction_algorithm", "eviction_policy", "timeline_get_throttle",
            "sampling_ratio");

    /** TenantConfigToml::default(), in declaration order, as serde prints it. */
    static ObjectNode defaults() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("checkpoint_distance", 256L * 1024 * 1024);
        n.put("checkpoint_timeout", "10m");
        n.put("compaction_target_size", 128L * 1024 * 1024);
        n.put("compaction_period", "20s");
        n.put("compaction_threshold", 10);
        n.put("compaction_upper_limit", 10);
        n.putObject("compaction_algorithm").put("kind", "legacy");
        n.put("compaction_shard_ancestor", true);
        n.put("compaction_l0_first", true);
        n.put("compaction_l0_semaphore", true);
        n.putNull("l0_flush_delay_threshold");
        n.putNull("l0_flush_stall_threshold");
        n.put("gc_horizon", 64L * 1024 * 1024);
        n.put("gc_period", "1h");
        n.put("image_creation_threshold", 3);
        n.putNull("image_layer_force_creation_period");
        n.put("pitr_interval", "7days");
        n.put("walreceiver_connect_timeout", "10s");
        n.put("lagging_wal_timeout", "10s");
        n.put("max_lsn_wal_lag", 1024L * 1024 * 1024);
        n.putObject("eviction_policy").put("kind", "NoEviction");
        n.putNull("min_resident_size_override");
        n.put("evictions_low_residence_duration_metric_threshold", "1day");
        n.put("heatmap_period", "0s");
        n.put("lazy_slru_download", false);
        ObjectNode throttle = n.putObject("timeline_get_throttle");
        throttle.putArray("task_kinds");
        throttle.put("initial", 0).put("refill_interval", "1ms").put("refill_amount", 1).put("max", 1);
        n.put("image_layer_creation_check_threshold", 2);
        n.put("image_creation_preempt_threshold", 3);
        n.put("lsn_lease_length", "10m");
        n.put("lsn_lease_length_for_ts", "1m");
        n.put("timeline_offloading", true);
        n.put("rel_size_v2_enabled", false);
        n.put("gc_compaction_enabled", true);
        n.put("gc_compaction_verification", true);
        n.put("gc_compaction_initial_threshold_kb", 5L * 1024 * 1024);
        n.put("gc_compaction_ratio_percent", 100);
        n.putNull("sampling_ratio");
        n.put("relsize_snapshot_cache_capacity", 1000);
        return n;
    }

    /**
     * The overrides as the pageserver prints them ({@code tenant_specific_overrides}): unset ({@code null}) fields
     * are skipped and durations are normalised ({@code "60m"} → {@code "1h"}).
     */
    static ObjectNode overrides(ObjectNode conf) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        conf.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                return;
            }
            if (DURATIONS.contains(e.getKey()) && e.getValue().isTextual()) {
                try {
                    out.put(e.getKey(), HumanDuration.format(HumanDuration.parse(e.getValue().asText())));
                    return;
                } catch (IllegalArgumentException unparsable) {
                    // kept as stored
                }
            }
            out.set(e.getKey(), e.getValue().deepCopy());
        });
        return out;
    }

    /** {@code effective_config}: the overrides merged over the defaults (TenantConfig::merge). */
    static ObjectNode effective(ObjectNode conf) {
        ObjectNode out = defaults();
        overrides(conf).properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        if (!out.path("basebackup_cache_enabled").asBoolean(false)) {
            // #[serde(skip_serializing_if = "std::ops::Not::not")]
            out.remove("basebackup_cache_enabled");
        }
        return out;
    }

    /** An effective byte or count setting of a location's config, e.g. {@code gc_horizon}. */
    static long effectiveLong(Location l, String field) {
        return effective(l.tenantConf).path(field).asLong();
    }

    /** An effective duration setting of a location's config, e.g. {@code lsn_lease_length}. */
    static Duration effectiveDuration(Location l, String field) {
        return HumanDuration.parse(effective(l.tenantConf).path(field).asText());
    }

    /**
     * Reads the config of a {@code TenantConfigRequest} (PUT: the new overrides, unset fields omitted) or of a
     * {@code TenantConfigPatchRequest} (PATCH: {@code null} removes an override, so it is kept as a JSON null), with
     * serde's answers to a wrong type; the tenant id is read by the caller.
     */
    static ObjectNode parse(ObjectNode body, boolean patch) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String f = e.getKey();
            if (f.equals("tenant_id")) {
                continue;
            }
            if (!TenantConfigFields.NAMES.contains(f)) {
                throw HttpError.badRequest("Failed to parse json request: unknown field `" + f + "`");
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                if (patch) {
                    out.set(f, NullNode.getInstance());
                }
                continue;
            }
            out.set(f, value(f, v, patch));
        }
        return out;
    }

    private static JsonNode value(String f, JsonNode v, boolean patch) {
        if (DURATIONS.contains(f)) {
            if (!v.isTextual()) {
                throw invalid(f, "invalid type: " + v + ", expected a duration");
            }
            try {
                return Json.MAPPER.getNodeFactory().textNode(HumanDuration.format(HumanDuration.parse(v.asText())));
            } catch (IllegalArgumentException e) {
                if (patch) {
                    // TenantConfigPatch keeps durations as strings; TenantConfig::apply_patch parses them (400).
                    throw HttpError.badRequest(e.getMessage());
                }
                throw invalid(f, "invalid value: string " + v + ", expected a duration");
            }
        }
        if (BOOLEANS.contains(f)) {
            if (!v.isBoolean()) {
                throw invalid(f, "invalid type: " + v + ", expected a boolean");
            }
            return v;
        }
        if (OBJECTS.contains(f)) {
            if (!v.isObject()) {
                throw invalid(f, "invalid type: " + v + ", expected struct");
            }
            return v.deepCopy();
        }
        if (!v.canConvertToExactIntegral() || !v.isIntegralNumber() || v.asLong() < 0
                || (f.equals("max_lsn_wal_lag") && v.asLong() == 0)) {
            throw invalid(f, "invalid value: " + v + ", expected " + (f.equals("max_lsn_wal_lag") ? "a nonzero u64" : "u64"));
        }
        return v;
    }

    private static HttpError invalid(String field, String what) {
        return HttpError.badRequest("Failed to parse json request: " + field + ": " + what);
    }
}
