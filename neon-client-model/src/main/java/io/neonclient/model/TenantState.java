package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant shard's state on its pageserver, the {@code state} of {@link TenantInfo} and {@link TenantDetails} (mirrors
 * {@code TenantState} in upstream {@code libs/pageserver_api/src/models.rs}, which upstream keeps out of its OpenAPI
 * document on purpose). On the wire it is adjacently tagged: {@code {"slug": "Active"}},
 * {@code {"slug": "Activating", "data": "Attaching"}}, {@code {"slug": "Broken", "data": {"reason", "backtrace"}}}.
 * {@code toString()} is the slug ({@code Active}, {@code Broken}); a state added upstream later reads as
 * {@link Unknown}, keeps what was received and encodes back to it.
 */
public sealed interface TenantState permits TenantState.Attaching, TenantState.Activating, TenantState.Active,
        TenantState.Stopping, TenantState.Broken, TenantState.Unknown {

    /** {@code Attaching}: being attached to the pageserver. */
    record Attaching() implements TenantState {
        @Override
        public String toString() {
            return "Attaching";
        }
    }

    /**
     * {@code Activating}: moving to Active; its timelines are being activated.
     *
     * @param from the state it came from
     */
    record Activating(ActivatingFrom from) implements TenantState {
        /** Checks the components: refuses a null component, naming it. */
        public Activating {
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String toString() {
            return "Activating";
        }
    }

    /** {@code Active}: open for business. */
    record Active() implements TenantState {
        @Override
        public String toString() {
            return "Active";
        }
    }

    /** {@code Stopping}: being detached, or the pageserver is shutting down. */
    record Stopping() implements TenantState {
        @Override
        public String toString() {
            return "Stopping";
        }
    }

    /**
     * {@code Broken}: unusable until the pageserver is fixed (it failed to load or attach).
     *
     * @param reason    why
     * @param backtrace where it broke, often empty
     */
    record Broken(String reason, String backtrace) implements TenantState {
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
     * @param slug the slug as the server sent it
     * @param data its {@code data}, as plain JSON values, when there was one
     */
    record Unknown(String slug, Optional<Object> data) implements TenantState {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("TenantState", slug);
            data = data == null ? Optional.empty() : data;
        }

        /** A state without data. */
        public Unknown(String slug) {
            this(slug, Optional.empty());
        }

        @Override
        public String toString() {
            return slug;
        }
    }

    /**
     * The state a tenant is {@link Activating} from (mirrors {@code ActivatingFrom} in upstream
     * {@code libs/pageserver_api/src/models.rs}). Prints as Neon spells it ({@code Attaching}); a value added upstream
     * later reads as {@link Unknown} and prints as received.
     */
    sealed interface ActivatingFrom permits ActivatingFrom.Known, ActivatingFrom.Unknown {
        /** {@code Attaching}: the only origin upstream has today. */
        ActivatingFrom ATTACHING = Known.ATTACHING;

        /** The values this SDK knows, for exhaustive {@code switch}es. */
        enum Known implements ActivatingFrom {
            /** {@code Attaching} on the wire. */
            ATTACHING("Attaching");

            private final String wire;

            Known(String wire) {
                this.wire = wire;
            }

            @Override
            public String toString() {
                return wire;
            }
        }

        /** A value added upstream after this SDK was built, kept as received. */
        record Unknown(String wire) implements ActivatingFrom {
            /** Keeps the value as received; a blank one is refused. */
            public Unknown {
                WireEnums.requireWire("TenantState.ActivatingFrom", wire);
            }

            @Override
            public String toString() {
                return wire;
            }
        }

        /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
        @JsonCreator
        static ActivatingFrom fromWire(String wire) {
            return WireEnums.fromWire("TenantState.ActivatingFrom", Known.class, wire, Unknown::new);
        }

        /** Neon's spelling, as sent and received. */
        @JsonValue
        @Override
        String toString();
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
     * Reads {@code {"slug": …, "data": …}}; a slug this SDK does not know (or a known slug with a payload it cannot
     * read) gives an {@link Unknown} holding both.
     *
     * @throws IllegalArgumentException for a value without a string {@code slug}
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TenantState fromJson(Object json) {
        if (!(json instanceof Map<?, ?> map && map.get("slug") instanceof String slug)) {
            throw new IllegalArgumentException("TenantState must be {\"slug\": …}, got " + json);
        }
        Object data = map.get("data");
        switch (slug) {
            case "Attaching":
                return new Attaching();
            case "Activating":
                if (data instanceof String from && !from.isBlank()) {
                    return new Activating(ActivatingFrom.fromWire(from));
                }
                break;
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
        return new Unknown(slug, Optional.ofNullable(data));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Writes the adjacently tagged form, as upstream serializes it ({@code Stopping} carries {@code "data": {}}). */
    @JsonValue
    default Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", toString());
        switch (this) {
            case Activating a -> m.put("data", a.from().toString());
            case Stopping s -> m.put("data", Map.of());
            case Broken b -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("reason", b.reason());
                body.put("backtrace", b.backtrace());
                m.put("data", body);
            }
            case Unknown u -> u.data().ifPresent(d -> m.put("data", d));
            default -> { }
        }
        return m;
    }

    /** Neon's slug: {@code Attaching}, {@code Activating}, {@code Active}, {@code Stopping}, {@code Broken} or as received. */
    @Override
    String toString();
}
