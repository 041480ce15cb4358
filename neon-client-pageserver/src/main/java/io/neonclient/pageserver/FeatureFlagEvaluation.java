package io.neonclient.pageserver;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A feature flag evaluated for one tenant shard, the answer of
 * {@code GET /v1/tenant/{tenant_shard_id}/feature_flag/{flag_key}} (upstream {@code tenant_evaluate_feature_flag},
 * {@code pageserver/src/http/routes.rs}): {@code {"result": {"Ok": …} | {"Err": "…"}, "properties": {…}}}.
 *
 * @param value      when the flag matched: {@code "true"} for a boolean flag, the variant for a multivariate one
 * @param error      when it did not: upstream's {@code PostHogEvaluationError} text (no condition matched, flag not
 *                   found, PostHog not configured, ...)
 * @param properties the tenant properties the flag was evaluated with (values are strings, numbers, booleans or lists
 *                   of strings, as upstream's untagged {@code PostHogFlagFilterPropertyValue})
 */
public record FeatureFlagEvaluation(Optional<String> value, Optional<String> error, Map<String, Object> properties) {
    /** Exactly one of value and error. */
    public FeatureFlagEvaluation {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(error, "error");
        if (value.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("a feature flag evaluation has either a value or an error, got " + value + " and " + error);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Whether the flag matched (a boolean flag is on). */
    public boolean matched() {
        return value.isPresent();
    }

    /** The wire form: serde's externally tagged {@code Result<bool|String, String>}. */
    record Wire(Map<String, Object> result, Map<String, Object> properties) {
        FeatureFlagEvaluation toEvaluation() {
            if (result == null || result.size() != 1) {
                throw new IllegalArgumentException("result must be {\"Ok\": …} or {\"Err\": …}, got " + result);
            }
            Map<String, Object> props = new java.util.LinkedHashMap<>();
            if (properties != null) {
                properties.forEach((k, v) -> props.put(k, v instanceof List<?> l ? List.copyOf(l) : v));
            }
            Object ok = result.get("Ok");
            if (ok != null) {
                return new FeatureFlagEvaluation(Optional.of(ok.toString()), Optional.empty(), props);
            }
            Object err = result.get("Err");
            if (err != null) {
                return new FeatureFlagEvaluation(Optional.empty(), Optional.of(err.toString()), props);
            }
            throw new IllegalArgumentException("result must be {\"Ok\": …} or {\"Err\": …}, got " + result);
        }
    }
}
