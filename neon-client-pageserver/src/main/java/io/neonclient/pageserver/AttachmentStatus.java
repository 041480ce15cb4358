package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an attach finished: {@code {"slug": "attached"}}, {@code "maybe"} (still attaching) or
 * {@code {"slug": "failed", "data": {"reason": …}}} (mirrors {@code TenantAttachmentStatus} in upstream
 * {@code libs/pageserver_api/src/models.rs}).
 *
 * @param slug   {@code attached}, {@code maybe}, {@code failed} or a newer value
 * @param reason the failure, for {@code failed}
 */
public record AttachmentStatus(String slug, Optional<String> reason) {
    public AttachmentStatus {
        if (slug == null || slug.isBlank()) {
            throw new IllegalArgumentException("attachment status needs a slug");
        }
        reason = reason == null ? Optional.empty() : reason;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static AttachmentStatus fromJson(Map<String, Object> json) {
        Object slug = json.get("slug");
        Object data = json.get("data");
        Optional<String> reason = data instanceof Map<?, ?> m && m.get("reason") != null
                ? Optional.of(m.get("reason").toString()) : Optional.empty();
        return new AttachmentStatus(slug == null ? "" : slug.toString(), reason);
    }

    /** True once the attach completed. */
    public boolean isAttached() {
        return slug.equals("attached");
    }
}
