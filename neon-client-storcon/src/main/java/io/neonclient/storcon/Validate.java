package io.neonclient.storcon;

import java.util.regex.Pattern;

/** Argument checks of this module; each message names the field and what was expected. */
final class Validate {
    private static final Pattern CONFIG_KEY = Pattern.compile("[a-z][a-z0-9_]*");

    private Validate() {}

    static String nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-blank string, got " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    static int port(String field, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + " must be a TCP port 1..65535, got " + port);
        }
        return port;
    }

    static Integer optionalPort(String field, Integer port) {
        return port == null ? null : port(field, port);
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /** Tenant config keys are upstream's snake_case field names of {@code TenantConfig} (models.rs). */
    static String configKey(String key) {
        if (key == null || !CONFIG_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("tenant config key must be a snake_case field name like 'gc_period', got "
                    + (key == null ? "null" : "'" + key + "'"));
        }
        return key;
    }
}
