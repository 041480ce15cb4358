package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant shard's state on a pageserver. The wire form is adjacently tagged,
 * {@code {"slug": "Active"}} or {@code {"slug": "Broken", "data": {"reason": …, "backtrace": …}}} (mirrors
 * {@code TenantState} in upstream {@code libs/pageserver_api/src/models.rs}, which upstream keeps out of its
 * OpenAPI document on purpose).
 *
 * @param slug   the variant: {@code Attaching}, {@code Activating}, {@code Active}, {@code Stopping}, {@code Broken}
 *               or a newer one
 * @param reason why it is broken, for {@code Broken}
 */
public record TenantState(String slug, Optional<String> reason) {
    public TenantState {
        if (slug == null || slug.isBlank()) {
            throw new IllegalArgumentException("tenant state needs a slug");
        }
        reason = reason == null ? Optional.empty() : reason;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TenantState fromJson(Map<String, Object> json) {
        Object slug = json.get("slug");
        Object data = json.get("data");
        Optional<String> reason = data instanceof Map<?, ?> m && m.get("reason") != null
                ? Optional.of(m.get("reason").toString()) : Optional.empty();
        return new TenantState(slug == null ? "" : slug.toString(), reason);
    }

    /** True when the tenant serves requests. */
    public boolean isActive() {
        return slug.equals("Active");
    }

    /** True when the tenant failed to load or attach. */
    public boolean isBroken() {
        return slug.equals("Broken");
    }
}
