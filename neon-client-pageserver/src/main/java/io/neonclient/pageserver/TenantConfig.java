package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's configuration overrides as the pageserver stores them (upstream {@code TenantConfig} in
 * {@code libs/pageserver_api/src/models.rs}: about fifty optional settings such as {@code gc_period},
 * {@code pitr_interval}, {@code checkpoint_distance}). Kept as the server's keys and JSON values so that a
 * configuration read from one location can be written back to another unchanged: the server rejects
 * unknown keys, and a typed subset here would silently drop settings on the way through. {@code {}} means
 * "all defaults".
 *
 * @param settings the overrides, keys in snake_case as on the wire
 */
public record TenantConfig(Map<String, Object> settings) {
    /** No overrides. */
    public static final TenantConfig EMPTY = new TenantConfig(Map.of());

    public TenantConfig {
        if (settings == null) {
            settings = Map.of();
        }
        for (String key : settings.keySet()) {
            if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("tenant config keys are snake_case names like gc_period, got '" + key + "'");
            }
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TenantConfig fromJson(Map<String, Object> settings) {
        return new TenantConfig(settings);
    }

    @JsonValue
    Map<String, Object> toJson() {
        return settings;
    }

    /** A copy with {@code key} set to {@code value} (a string, number, boolean or nested map as the server expects). */
    public TenantConfig with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return new TenantConfig(copy);
    }

    /** The value of one setting, if overridden. */
    public Optional<Object> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }
}
