package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a tenant shard's attach finished, the {@code attachment_status} of {@link TenantInfo} and
 * {@link TenantDetails} (mirrors {@code TenantAttachmentStatus} in upstream {@code libs/pageserver_api/src/models.rs},
 * adjacently tagged with snake_case slugs): {@code {"slug": "maybe"}}, {@code {"slug": "attached"}} or
 * {@code {"slug": "failed", "data": {"reason": …}}}. {@code toString()} is the slug; a status added upstream later reads
 * as {@link Unknown}, keeps what was received and encodes back to it.
 */
public sealed interface TenantAttachmentStatus permits TenantAttachmentStatus.Maybe, TenantAttachmentStatus.Attached,
        TenantAttachmentStatus.Failed, TenantAttachmentStatus.Unknown {

    /** {@code maybe}: still attaching (or stopping); wait and ask again. */
    record Maybe() implements TenantAttachmentStatus {
        @Override
        public String toString() {
            return "maybe";
        }
    }

    /** {@code attached}: the attach completed. */
    record Attached() implements TenantAttachmentStatus {
        @Override
        public String toString() {
            return "attached";
        }
    }

    /**
     * {@code failed}: the attach failed and the tenant shard is Broken.
     *
     * @param reason why
     */
    record Failed(String reason) implements TenantAttachmentStatus {
        /** A component the wire left out (null) takes its empty or default value. */
        public Failed {
            reason = reason == null ? "" : reason;
        }

        @Override
        public String toString() {
            return "failed";
        }
    }

    /**
     * A status added upstream after this SDK was built, kept as received.
     *
     * @param slug the slug as the server sent it
     * @param data its {@code data}, as plain JSON values, when there was one
     */
    record Unknown(String slug, Optional<Object> data) implements TenantAttachmentStatus {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("TenantAttachmentStatus", slug);
            data = data == null ? Optional.empty() : data;
        }

        /** A status without data. */
        public Unknown(String slug) {
            this(slug, Optional.empty());
        }

        @Override
        public String toString() {
            return slug;
        }
    }

    /** True once the attach completed. */
    default boolean isAttached() {
        return this instanceof Attached;
    }

    /**
     * Reads {@code {"slug": …, "data": …}}; a slug this SDK does not know (or a known slug with a payload it cannot
     * read) gives an {@link Unknown} holding both.
     *
     * @throws IllegalArgumentException for a value without a string {@code slug}
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TenantAttachmentStatus fromJson(Object json) {
        if (!(json instanceof Map<?, ?> map && map.get("slug") instanceof String slug)) {
            throw new IllegalArgumentException("TenantAttachmentStatus must be {\"slug\": …}, got " + json);
        }
        Object data = map.get("data");
        if (slug.equals("maybe")) {
            return new Maybe();
        }
        if (slug.equals("attached")) {
            return new Attached();
        }
        if (slug.equals("failed") && data instanceof Map<?, ?> d && d.get("reason") != null) {
            return new Failed(d.get("reason").toString());
        }
        return new Unknown(slug, Optional.ofNullable(data));
    }

    /** Writes the adjacently tagged form, as upstream serializes it. */
    @JsonValue
    default Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", toString());
        switch (this) {
            case Failed f -> m.put("data", Map.of("reason", f.reason()));
            case Unknown u -> u.data().ifPresent(d -> m.put("data", d));
            default -> { }
        }
        return m;
    }

    /** Neon's slug: {@code maybe}, {@code attached}, {@code failed} or as received. */
    @Override
    String toString();
}
