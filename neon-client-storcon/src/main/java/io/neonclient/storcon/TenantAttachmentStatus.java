package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * Whether a tenant shard's attach finished: {@code TenantAttachmentStatus} in upstream
 * {@code libs/pageserver_api/src/models.rs}. On the wire {@code {"slug": "maybe"}}, {@code {"slug": "attached"}} or
 * {@code {"slug": "failed", "data": {"reason": …}}}; anything newer reads as {@link Unknown}.
 */
public sealed interface TenantAttachmentStatus {

    /** Still attaching (or stopping): wait and ask again. */
    record Maybe() implements TenantAttachmentStatus {}

    /** The attach completed. */
    record Attached() implements TenantAttachmentStatus {}

    /**
     * The attach failed: the tenant shard is Broken.
     *
     * @param reason why
     */
    record Failed(String reason) implements TenantAttachmentStatus {}

    /**
     * A status added upstream after this SDK.
     *
     * @param raw the JSON value as text
     */
    record Unknown(String raw) implements TenantAttachmentStatus {}

    /** Reads {@code {"slug": …, "data": …}}; anything this SDK does not know is {@link Unknown}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TenantAttachmentStatus fromJson(Object json) {
        if (json instanceof Map<?, ?> map && map.get("slug") instanceof String slug) {
            switch (slug) {
                case "maybe":
                    return new Maybe();
                case "attached":
                    return new Attached();
                case "failed":
                    if (map.get("data") instanceof Map<?, ?> d && d.get("reason") != null) {
                        return new Failed(d.get("reason").toString());
                    }
                    break;
                default:
                    break;
            }
        }
        return new Unknown(String.valueOf(json));
    }
}
