package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How freely the controller may move a tenant's shards: mirrors {@code ShardSchedulingPolicy} in upstream
 * {@code controller_api.rs}. {@link #ESSENTIAL} keeps only essential moves; {@link #PAUSE}/{@link #STOP} freeze them.
 * {@link #UNKNOWN} stands for a value added upstream after this SDK was built; it is never sent.
 */
public enum ShardSchedulingPolicy {
    @JsonProperty("Active")
    ACTIVE,
    @JsonProperty("Essential")
    ESSENTIAL,
    @JsonProperty("Pause")
    PAUSE,
    @JsonProperty("Stop")
    STOP,
    /** A value this SDK does not know yet. */
    @JsonEnumDefaultValue
    UNKNOWN
}
