package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a pageserver holds a tenant shard (mirrors {@code LocationConfigMode} in upstream
 * {@code libs/pageserver_api/src/models.rs}).
 */
public enum LocationConfigMode {
    /** Attached, the only attached location: uploads and deletes freely. */
    @JsonProperty("AttachedSingle") ATTACHED_SINGLE,
    /** Attached while another location in a newer or older generation may also be (during a migration). */
    @JsonProperty("AttachedMulti") ATTACHED_MULTI,
    /** Attached in a generation that has been superseded: serves reads, does no deletions. */
    @JsonProperty("AttachedStale") ATTACHED_STALE,
    /** A warm standby that downloads layers from the heatmap. */
    @JsonProperty("Secondary") SECONDARY,
    /** Not held: sending it drops local state (idempotent). */
    @JsonProperty("Detached") DETACHED,
    /** A mode added upstream after this SDK was built. */
    @JsonEnumDefaultValue UNKNOWN;

    /** True for the three attached modes. */
    public boolean isAttached() {
        return this == ATTACHED_SINGLE || this == ATTACHED_MULTI || this == ATTACHED_STALE;
    }
}
