package io.neonclient.storcon;

import io.neonclient.model.TenantConfig;

/** Argument checks of this module; each message names the field and what was expected. */
final class Validate {
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
            throw new NullPointerException(field + " must not be null");
        }
        return value;
    }

    /** Tenant config keys are upstream's snake_case field names of {@code TenantConfig} (models.rs). */
    static String configKey(String key) {
        return TenantConfig.requireKey(key);
    }
}
