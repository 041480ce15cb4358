package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether timelines may be placed on a safekeeper: mirrors {@code SkSchedulingPolicy} in upstream
 * {@code controller_api.rs}, including its spelling {@code "Decomissioned"} (one s).
 * {@link #UNKNOWN} stands for a value added upstream after this SDK was built; it is never sent.
 */
public enum SkSchedulingPolicy {
    @JsonProperty("Active")
    ACTIVE,
    @JsonProperty("Activating")
    ACTIVATING,
    @JsonProperty("Pause")
    PAUSE,
    @JsonProperty("Decomissioned")
    DECOMISSIONED,
    /** A value this SDK does not know yet. */
    @JsonEnumDefaultValue
    UNKNOWN
}
