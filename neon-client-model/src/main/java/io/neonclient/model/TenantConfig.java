package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.HumanDuration;
import io.neonclient.core.internal.Checks;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's configuration overrides (mirrors {@code TenantConfig} in upstream {@code libs/pageserver_api/src/models.rs}:
 * about fifty optional settings such as {@code gc_period}, {@code pitr_interval}, {@code checkpoint_distance}). Kept as
 * the server's snake_case keys and JSON values, so a configuration read from one place can be written to another
 * unchanged: the servers reject unknown keys (the request structs are strict), and a typed subset here would silently
 * drop settings on the way through. Durations are humantime strings on the wire ({@code "7days"}); write them with
 * {@link #with(String, Duration)}. {@code {}} means "all defaults".
 *
 * @param settings the overrides in insertion order; a {@code null} read from the server means unset and is dropped
 */
public record TenantConfig(@JsonValue Map<String, Object> settings) {
    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public TenantConfig {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (settings != null) {
            settings.forEach((k, v) -> {
                if (v != null) {
                    copy.put(requireKey(k), v);
                }
            });
        }
        settings = Collections.unmodifiableMap(copy);
    }

    /** No overrides: {@code {}}. */
    public static TenantConfig empty() {
        return new TenantConfig(Map.of());
    }

    /** From a map read from JSON or built by hand; values are strings, numbers, booleans or nested maps. */
    @JsonCreator
    public static TenantConfig of(Map<String, Object> settings) {
        return new TenantConfig(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * This config with {@code key} set to a JSON value (string, number, boolean or map); a {@link Duration} is written
     * in humantime form. To remove an override, use the clients' {@code patchConfig(set, remove)}.
     */
    public TenantConfig with(String key, Object value) {
        Objects.requireNonNull(value, "value");
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.put(requireKey(key), value instanceof Duration d ? HumanDuration.format(d) : value);
        return new TenantConfig(copy);
    }

    /** This config with the duration {@code key} (e.g. {@code pitr_interval}) as a humantime string. */
    public TenantConfig with(String key, Duration value) {
        return with(key, (Object) Objects.requireNonNull(value, "value"));
    }

    /** The raw value of {@code key}, if set. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(settings.get(Objects.requireNonNull(key, "key")));
    }

    /** The duration at {@code key} parsed from its humantime form, if set. */
    public Optional<Duration> duration(String key) {
        return get(key).map(v -> HumanDuration.parse(v.toString()));
    }

    /** True when no setting is overridden ({@code {}}). */
    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /**
     * {@code key} itself when it is a snake_case field name of upstream's {@code TenantConfig}, else an
     * {@link IllegalArgumentException} saying what was expected.
     */
    public static String requireKey(String key) {
        if (!isSnakeCase(key)) {
            throw new IllegalArgumentException("tenant config key must be a snake_case field name like 'gc_period', got "
                    + (key == null ? "null" : "'" + key + "'"));
        }
        return key;
    }

    /** {@code [a-z][a-z0-9_]*}, checked without a regex: every key of every config read from a server passes here. */
    private static boolean isSnakeCase(String key) {
        if (key == null || key.isEmpty() || key.charAt(0) < 'a' || key.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || Checks.isAsciiDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
