package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The mode of a location config: mirrors {@code LocationConfigMode} in upstream
 * {@code libs/pageserver_api/src/models.rs}.
 * {@link #UNKNOWN} stands for a value added upstream after this SDK was built; it is never sent.
 */
public enum LocationConfigMode {
    @JsonProperty("AttachedSingle")
    ATTACHED_SINGLE,
    @JsonProperty("AttachedMulti")
    ATTACHED_MULTI,
    @JsonProperty("AttachedStale")
    ATTACHED_STALE,
    @JsonProperty("Secondary")
    SECONDARY,
    @JsonProperty("Detached")
    DETACHED,
    /** A value this SDK does not know yet. */
    @JsonEnumDefaultValue
    UNKNOWN
}
