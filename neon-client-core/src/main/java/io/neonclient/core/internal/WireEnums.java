package io.neonclient.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Lookup behind every wire enum's {@code fromWire(String)} (STYLE.md idea 9). A wire enum is a sealed interface
 * permitting a Java {@code enum Known}, whose {@code toString()} is Neon's spelling, and a {@code record Unknown(String)}
 * for values added upstream after this SDK was built: those are kept and printed as received, never fatal. The
 * interface declares no default methods: one would make {@code Known}'s initialisation initialise the interface
 * first (JLS 12.4.1), and its constant aliases ({@code X ACTIVE = Known.ACTIVE}) would then read null.
 */
public final class WireEnums {
    private WireEnums() {}

    private static final ClassValue<Map<String, Object>> BY_WIRE = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> byWire = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                Object previous = byWire.put(constant.toString(), constant);
                if (previous != null) {
                    throw new IllegalStateException(type.getName() + " spells two constants '" + constant + "'");
                }
            }
            return Map.copyOf(byWire);
        }
    };

    /**
     * The constant of {@code known} whose {@code toString()} is {@code wire}, else {@code unknown.apply(wire)}.
     *
     * @param what the type's name for the message when {@code wire} is null or blank, e.g. {@code "NodeSchedulingPolicy"}
     */
    public static <T, E extends Enum<E>> T fromWire(String what, Class<E> known, String wire, Function<String, T> unknown) {
        Object constant = BY_WIRE.get(known).get(requireWire(what, wire));
        @SuppressWarnings("unchecked") // every constant of E implements T (the enum's sealed interface)
        T typed = constant == null ? unknown.apply(wire) : (T) constant;
        return typed;
    }

    /** {@code wire} itself, or an {@link IllegalArgumentException} naming {@code what} when it is null or blank. */
    public static String requireWire(String what, String wire) {
        if (wire == null || wire.isBlank()) {
            throw new IllegalArgumentException(what + " needs a value as Neon spells it, got " + (wire == null ? "null" : "'" + wire + "'"));
        }
        return wire;
    }
}
