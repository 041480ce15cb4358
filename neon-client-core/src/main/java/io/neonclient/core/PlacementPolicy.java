package io.neonclient.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * Where the storage controller keeps a tenant's shards (mirrors the externally tagged
 * {@code PlacementPolicy} enum in upstream {@code libs/pageserver_api/src/controller_api.rs}). On the wire:
 * {@code {"Attached":1}}, {@code "Secondary"} or {@code "Detached"}; a bare {@code "Attached"} is invalid.
 */
public sealed interface PlacementPolicy {

    /** Attached to one pageserver with {@code secondaries} warm secondary locations elsewhere. */
    static Attached attached(int secondaries) {
        return new Attached(secondaries);
    }

    static Secondary secondary() {
        return Secondary.INSTANCE;
    }

    static Detached detached() {
        return Detached.INSTANCE;
    }

    /** The JSON value: a string, or a one-entry object for {@code Attached}. */
    @JsonValue
    Object toJson();

    /**
     * Reads the wire form: {@code "Secondary"}, {@code "Detached"} or {@code {"Attached": n}}.
     *
     * @throws IllegalArgumentException for anything else, quoting it
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static PlacementPolicy fromJson(Object json) {
        if ("Secondary".equals(json)) {
            return secondary();
        }
        if ("Detached".equals(json)) {
            return detached();
        }
        if (json instanceof Map<?, ?> map && map.size() == 1 && map.get("Attached") instanceof Number n) {
            return attached(n.intValue());
        }
        throw new IllegalArgumentException(
                "PlacementPolicy must be \"Secondary\", \"Detached\" or {\"Attached\": n}, got " + json);
    }

    /** Parses the printed forms {@code Attached(1)}, {@code Secondary}, {@code Detached} (as the CLI takes them). */
    static PlacementPolicy parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("Secondary")) {
            return secondary();
        }
        if (t.equals("Detached")) {
            return detached();
        }
        if (t.startsWith("Attached(") && t.endsWith(")")) {
            String n = t.substring(9, t.length() - 1);
            if (!n.isEmpty() && n.length() <= 3 && n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return attached(Integer.parseInt(n));
            }
        }
        throw new IllegalArgumentException("PlacementPolicy must be Attached(n), Secondary or Detached, got '" + text + "'");
    }

    /**
     * Attached on one pageserver with {@code secondaries} warm secondaries on others.
     *
     * @param secondaries how many secondary locations, 0..255
     */
    record Attached(int secondaries) implements PlacementPolicy {
        public Attached {
            if (secondaries < 0 || secondaries > 255) {
                throw new IllegalArgumentException("PlacementPolicy.Attached secondaries must be 0..255, got " + secondaries);
            }
        }

        @Override
        public Object toJson() {
            return Map.of("Attached", secondaries);
        }

        @Override
        public String toString() {
            return "Attached(" + secondaries + ")";
        }
    }

    /** Only secondary locations: warm, not serving. */
    record Secondary() implements PlacementPolicy {
        static final Secondary INSTANCE = new Secondary();

        @Override
        public Object toJson() {
            return "Secondary";
        }

        @Override
        public String toString() {
            return "Secondary";
        }
    }

    /** No locations at all; the controller forgets the tenant once the detach is done. */
    record Detached() implements PlacementPolicy {
        static final Detached INSTANCE = new Detached();

        @Override
        public Object toJson() {
            return "Detached";
        }

        @Override
        public String toString() {
            return "Detached";
        }
    }
}
