package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * The in-memory state of a timeline on a pageserver. On the wire a unit variant is a bare string
 * ({@code "Active"}) and {@code Broken} is an object ({@code {"Broken": {"reason": …, "backtrace": …}}}),
 * mirroring the externally tagged {@code TimelineState} enum in upstream
 * {@code libs/pageserver_api/src/models.rs}. States added upstream later read as {@link Unknown}.
 */
public sealed interface TimelineState {

    /** Not yet operational; will become {@link Active} or {@link Broken}. */
    record Loading() implements TimelineState {
        @Override
        public String toString() {
            return "Loading";
        }
    }

    /** Fully operational: serves reads and receives WAL. */
    record Active() implements TimelineState {
        @Override
        public String toString() {
            return "Active";
        }
    }

    /** Shutting down (detach, delete or pageserver shutdown); never comes back. */
    record Stopping() implements TimelineState {
        @Override
        public String toString() {
            return "Stopping";
        }
    }

    /**
     * Not operational after a failure.
     *
     * @param reason    the error that broke it
     * @param backtrace the server-side backtrace, often empty
     */
    record Broken(String reason, String backtrace) implements TimelineState {
        public Broken {
            Objects.requireNonNull(reason, "reason");
            backtrace = backtrace == null ? "" : backtrace;
        }

        @Override
        public String toString() {
            return "Broken(" + reason + ")";
        }
    }

    /**
     * A state this SDK does not know yet.
     *
     * @param name the variant name as the server sent it
     */
    record Unknown(String name) implements TimelineState {
        @Override
        public String toString() {
            return name;
        }
    }

    /** True only for {@link Active}. */
    default boolean isActive() {
        return this instanceof Active;
    }

    /** Reads the externally tagged serde form. */
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
        if (json instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            if ("Broken".equals(e.getKey()) && e.getValue() instanceof Map<?, ?> body) {
                Object reason = body.get("reason");
                Object backtrace = body.get("backtrace");
                return new Broken(reason == null ? "" : reason.toString(), backtrace == null ? "" : backtrace.toString());
            }
            return new Unknown(String.valueOf(e.getKey()));
        }
        throw new IllegalArgumentException("timeline state must be a string or {\"Broken\": {...}}, got " + json);
    }

    /** Writes the externally tagged serde form. */
    @JsonValue
    default Object toJson() {
        if (this instanceof Broken b) {
            return Map.of("Broken", Map.of("reason", b.reason(), "backtrace", b.backtrace()));
        }
        return toString();
    }
}
