package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pageserver's feature flags, as pageserver/src/feature_resolver.rs resolves them without a PostHog
 * configuration (the simulation has no PostHog project): only the test overrides set through
 * {@code PUT /v1/feature_flag/{flag_key}?value=…} evaluate; everything else is {@code NotAvailable}, and the flag's
 * kind cannot be inferred. Each attached shard caches its properties ({@code TenantFeatureResolver}), refreshed by
 * {@code force_refresh_feature_flag} (upstream also refreshes them in tenant housekeeping, which the simulation does not
 * run). Error texts are {@code PostHogEvaluationError}'s (libs/posthog_client_lite/src/lib.rs).
 *
 * <p>Locking: every method is synchronized on this object.
 */
final class PageserverFeatureFlags {
    static final String NOT_ENABLED = "Feature flag not available: PostHog integration is not enabled";
    static final String NO_MATCH = "No condition group is matched";

    private final Map<String, String> overrides = new HashMap<>();
    private final Map<TenantShardId, Map<String, Object>> cached = new HashMap<>();

    /** {@code force_override_for_testing}: a value, or null to remove the override. */
    synchronized void override(String flag, String value) {
        if (value == null) {
            overrides.remove(flag);
        } else {
            overrides.put(flag, value);
        }
    }

    /**
     * {@code tenant_evaluate_feature_flag}: {@code as} is {@code boolean}, {@code multivariate} or null (infer, which
     * needs PostHog: 500).
     */
    synchronized ObjectNode evaluate(TenantShardId shard, String flag, String as) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode result = out.putObject("result");
        String value = overrides.get(flag);
        if (as == null || !(as.equals("boolean") || as.equals("multivariate"))) {
            // is_feature_flag_boolean: without PostHog there is no flag store to ask
            throw HttpError.internal("Feature flag not available: PostHog integration is not enabled, cannot auto-determine the flag type");
        }
        if (value == null) {
            result.put("Err", NOT_ENABLED);
        } else if (as.equals("multivariate")) {
            result.put("Ok", value);
        } else if (value.equals("true")) {
            result.put("Ok", true);
        } else {
            result.put("Err", NO_MATCH);
        }
        ObjectNode props = out.putObject("properties");
        props.put("tenant_id", shard.tenantId().toString());
        cached.getOrDefault(shard, Map.of()).forEach((k, v) -> props.set(k, Json.MAPPER.valueToTree(v)));
        return out;
    }

    /**
     * {@code refresh_properties_and_flags}: {@code tenant_remote_size_mb} is the timelines' layer bytes in MiB, left
     * out when a timeline has none; the database and relation counts are left out (the simulation keeps no catalog).
     */
    synchronized void refresh(TenantShardId shard, List<TimelineData> timelines) {
        Map<String, Object> props = new HashMap<>();
        double mb = 0;
        boolean known = true;
        for (TimelineData t : timelines) {
            long bytes = PageserverLayers.layersOf(t).stream().mapToLong(PageserverLayers.Layer::size).sum();
            if (bytes == 0) {
                known = false;
                break;
            }
            mb += bytes / 1024.0 / 1024.0;
        }
        if (known) {
            props.put("tenant_remote_size_mb", mb);
        }
        cached.put(shard, props);
    }
}
