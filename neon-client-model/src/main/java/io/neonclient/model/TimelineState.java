package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A timeline's in-memory state on a pageserver, the {@code state} of {@link Timeline} (mirrors the externally tagged
 * {@code TimelineState} enum in upstream {@code libs/pageserver_api/src/models.rs}). On the wire a unit variant is a
 * bare string ({@code "Active"}) and {@code Broken} an object ({@code {"Broken": {"reason": …, "backtrace": …}}}).
 * {@code toString()} is Neon's spelling of the variant ({@code Active}, {@code Broken}); a state added upstream later
 * reads as {@link Unknown}, keeps what was received and encodes back to it.
 */
public sealed interface TimelineState
        permits TimelineState.Loading, TimelineState.Active, TimelineState.Stopping, TimelineState.Broken, TimelineState.Unknown {

    /** {@code Loading}: known to the pageserver, not yet operational; becomes {@link Active} or {@link Broken}. */
    record Loading() implements TimelineState {
        @Override
        public String toString() {
            return "Loading";
        }
    }

    /** {@code Active}: fully operational; serves reads and receives WAL. */
    record Active() implements TimelineState {
        @Override
        public String toString() {
            return "Active";
        }
    }

    /** {@code Stopping}: shutting down (detach, delete or pageserver shutdown); never comes back. */
    record Stopping() implements TimelineState {
        @Override
        public String toString() {
            return "Stopping";
        }
    }

    /**
     * {@code Broken}: not operational after a failure, until the pageserver is fixed.
     *
     * @param reason    the error that broke it
     * @param backtrace the server-side backtrace, often empty
     */
    record Broken(String reason, String backtrace) implements TimelineState {
        /** A component the wire left out (null) takes its empty or default value. */
        public Broken {
            reason = reason == null ? "" : reason;
            backtrace = backtrace == null ? "" : backtrace;
        }

        @Override
        public String toString() {
            return "Broken";
        }
    }

    /**
     * A state added upstream after this SDK was built, kept as received.
     *
     * @param name the variant name as the server sent it
     * @param data the variant's payload, for an object form ({@code {"name": data}}), as plain JSON values
     */
    record Unknown(String name, Optional<Object> data) implements TimelineState {
        /** Keeps the state as received; a blank name is refused, and absent data is empty. */
        public Unknown {
            WireEnums.requireWire("TimelineState", name);
            data = data == null ? Optional.empty() : data;
        }

        /** A unit state {@code name} (a bare string on the wire). */
        public Unknown(String name) {
            this(name, Optional.empty());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** True only for {@link Active}. */
    default boolean isActive() {
        return this instanceof Active;
    }

    /** True only for {@link Broken}. */
    default boolean isBroken() {
        return this instanceof Broken;
    }

    /**
     * Reads the externally tagged form: a variant name, or a one-key object {@code {"Broken": {"reason", "backtrace"}}};
     * a name this SDK does not know gives an {@link Unknown} holding it and its payload.
     *
     * @throws IllegalArgumentException for a value that is neither a string nor a one-key object
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TimelineState fromJson(Object json) {
        if (json instanceof String name) {
            return switch (name) {
                case "Loading" -> new Loading();
                case "Active" -> new Active();
                case "Stopping" -> new Stopping();
                default -> new Unknown(name);
            };
        }
        if (json instanceof Map<?, ?> map && map.size() == 1 && map.keySet().iterator().next() instanceof String name) {
            Object body = map.get(name);
            if (name.equals("Broken") && body instanceof Map<?, ?> broken) {
                return new Broken(text(broken.get("reason")), text(broken.get("backtrace")));
            }
            return new Unknown(name, Optional.ofNullable(body));
        }
        throw new IllegalArgumentException("TimelineState must be a variant name or a one-key object such as "
                + "{\"Broken\": {...}}, got " + json);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Writes the externally tagged form, as upstream serializes it. */
    @JsonValue
    default Object toJson() {
        return switch (this) {
            case Broken b -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("reason", b.reason());
                body.put("backtrace", b.backtrace());
                yield Map.of("Broken", body);
            }
            case Unknown u when u.data().isPresent() -> Map.of(u.name(), u.data().get());
            default -> Objects.toString(this);
        };
    }

    /** Neon's spelling of the variant: {@code Loading}, {@code Active}, {@code Stopping}, {@code Broken} or as received. */
    @Override
    String toString();
}
