package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which relation-size format a timeline uses (mirrors {@code RelSizeMigration} in upstream
 * {@code libs/pageserver_api/src/models.rs}, serde {@code camelCase}).
 */
public enum RelSizeMigration {
    @JsonProperty("legacy") LEGACY,
    @JsonProperty("migrating") MIGRATING,
    @JsonProperty("migrated") MIGRATED,
    /** A value added upstream after this SDK was built. */
    @JsonEnumDefaultValue UNKNOWN
}
