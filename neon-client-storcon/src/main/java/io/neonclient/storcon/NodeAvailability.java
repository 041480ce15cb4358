package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether the controller can reach a pageserver: mirrors {@code NodeAvailabilityWrapper} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs} ({@code "Active"}, {@code "WarmingUp"}, {@code "Offline"}).
 * {@link #UNKNOWN} stands for a value added upstream after this SDK was built; it is never sent.
 */
public enum NodeAvailability {
    @JsonProperty("Active")
    ACTIVE,
    @JsonProperty("WarmingUp")
    WARMING_UP,
    @JsonProperty("Offline")
    OFFLINE,
    /** A value this SDK does not know yet. */
    @JsonEnumDefaultValue
    UNKNOWN
}
