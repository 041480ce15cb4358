package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * A timeline's state on its pageserver: {@code TimelineState} in upstream {@code libs/pageserver_api/src/models.rs}. On
 * the wire the string {@code "Loading"}, {@code "Active"}, {@code "Stopping"} or {@code {"Broken": {"reason", "backtrace"}}};
 * anything newer reads as {@link Unknown}.
 */
public sealed interface TimelineState {

    /** Known to the pageserver, not yet operational. */
    record Loading() implements TimelineState {}

    /** Operational. */
    record Active() implements TimelineState {}

    /** Shutting down. */
    record Stopping() implements TimelineState {}

    /** Not operational until the pageserver is fixed: {@code reason} says why. */
    record Broken(String reason, String backtrace) implements TimelineState {}

    /** A state added upstream after this SDK; {@code raw} is its JSON value. */
    record Unknown(String raw) implements TimelineState {}

    /** Reads the wire form: a state name, or {@code {"Broken": {"reason", "backtrace"}}}; anything else is {@link Unknown}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TimelineState fromJson(Object json) {
        if (json instanceof String s) {
            return switch (s) {
                case "Loading" -> new Loading();
                case "Active" -> new Active();
                case "Stopping" -> new Stopping();
                default -> new Unknown(s);
            };
        }
        if (json instanceof Map<?, ?> map && map.get("Broken") instanceof Map<?, ?> broken) {
            return new Broken(String.valueOf(broken.get("reason")), String.valueOf(broken.get("backtrace")));
        }
        return new Unknown(String.valueOf(json));
    }
}
