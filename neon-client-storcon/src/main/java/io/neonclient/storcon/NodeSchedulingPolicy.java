package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether the controller may place shards on a pageserver, and which background operation runs on it:
 * mirrors {@code NodeSchedulingPolicy} in upstream {@code controller_api.rs}. A drain ends in {@link #PAUSE_FOR_RESTART}.
 * {@link #UNKNOWN} stands for a value added upstream after this SDK was built; it is never sent.
 */
public enum NodeSchedulingPolicy {
    @JsonProperty("Active")
    ACTIVE,
    @JsonProperty("Filling")
    FILLING,
    @JsonProperty("Pause")
    PAUSE,
    @JsonProperty("PauseForRestart")
    PAUSE_FOR_RESTART,
    @JsonProperty("Draining")
    DRAINING,
    @JsonProperty("Deleting")
    DELETING,
    /** A value this SDK does not know yet. */
    @JsonEnumDefaultValue
    UNKNOWN
}
