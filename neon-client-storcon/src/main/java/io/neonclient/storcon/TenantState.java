package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * A tenant shard's state on its pageserver: {@code TenantState} in upstream {@code libs/pageserver_api/src/models.rs},
 * which upstream keeps out of its OpenAPI document on purpose. On the wire it is adjacently tagged:
 * {@code {"slug": "Active"}}, {@code {"slug": "Activating", "data": "Attaching"}},
 * {@code {"slug": "Broken", "data": {"reason", "backtrace"}}}; a slug added upstream later reads as {@link Unknown}.
 */
public sealed interface TenantState {

    /** Being attached to the pageserver. */
    record Attaching() implements TenantState {}

    /**
     * Moving to Active: its timelines are being activated.
     *
     * @param from the state it came from (upstream's {@code ActivatingFrom}; only {@code "Attaching"} today)
     */
    record Activating(String from) implements TenantState {}

    /** Open for business. */
    record Active() implements TenantState {}

    /** Being detached, or the pageserver is shutting down. */
    record Stopping() implements TenantState {}

    /**
     * Unusable until the pageserver is fixed (failed to load or attach).
     *
     * @param reason    why
     * @param backtrace where it broke
     */
    record Broken(String reason, String backtrace) implements TenantState {}

    /**
     * A state added upstream after this SDK.
     *
     * @param raw the JSON value as text
     */
    record Unknown(String raw) implements TenantState {}

    /** Reads {@code {"slug": …, "data": …}}; anything this SDK does not know is {@link Unknown}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TenantState fromJson(Object json) {
        if (json instanceof Map<?, ?> map && map.get("slug") instanceof String slug) {
            Object data = map.get("data");
            switch (slug) {
                case "Attaching":
                    return new Attaching();
                case "Activating":
                    return new Activating(data == null ? "" : data.toString());
                case "Active":
                    return new Active();
                case "Stopping":
                    return new Stopping();
                case "Broken":
                    if (data instanceof Map<?, ?> d) {
                        return new Broken(text(d.get("reason")), text(d.get("backtrace")));
                    }
                    break;
                default:
                    break;
            }
        }
        return new Unknown(String.valueOf(json));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
