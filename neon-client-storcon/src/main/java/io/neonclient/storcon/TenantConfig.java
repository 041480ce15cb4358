package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.HumanDuration;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-tenant pageserver settings: the fields of {@code TenantConfig} in upstream
 * {@code libs/pageserver_api/src/models.rs}, keyed by their snake_case names ({@code gc_period}, {@code pitr_interval},
 * {@code checkpoint_distance}, …). Durations are humantime strings on the wire ({@code "7days"}); use
 * {@link #with(String, Duration)} to write them. The controller rejects unknown keys (the structs are strict), so a
 * typo fails with 400 instead of being ignored.
 *
 * @param values the settings in insertion order; a {@code null} value read from the server counts as unset and is dropped
 */
public record TenantConfig(@JsonValue Map<String, Object> values) {

    public TenantConfig {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (v != null) {
                    copy.put(Validate.configKey(k), v);
                }
            });
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** No overrides: {@code {}}. */
    public static TenantConfig empty() {
        return new TenantConfig(Map.of());
    }

    /** From a map read from JSON or built by hand; values are strings, numbers, booleans or nested maps. */
    @JsonCreator
    public static TenantConfig of(Map<String, Object> values) {
        return new TenantConfig(values);
    }

    /** This config with {@code key} set to a JSON value (string, number, boolean or map). */
    public TenantConfig with(String key, Object value) {
        Validate.notNull("tenant config value of '" + key + "' (use patchConfig to remove a setting)", value);
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(Validate.configKey(key), value instanceof Duration d ? io.neonclient.core.HumanDuration.format(d) : value);
        return new TenantConfig(copy);
    }

    /** This config with the duration {@code key} (e.g. {@code pitr_interval}) as a humantime string. */
    public TenantConfig with(String key, Duration value) {
        return with(key, (Object) Validate.notNull(key, value));
    }

    /** The raw value of {@code key}, if set. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The duration at {@code key} parsed from its humantime form, if set. */
    public Optional<Duration> duration(String key) {
        return get(key).map(v -> HumanDuration.parse(v.toString()));
    }

    /** True when no setting is overridden ({@code {}}). */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
