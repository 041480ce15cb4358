package io.neonclient.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.Checks;

/**
 * An attachment generation: an unsigned 32-bit number that increases every time a shard is attached
 * somewhere (mirrors {@code Generation} in upstream {@code libs/utils/src/generation.rs}; JSON number).
 *
 * @param value 0 to 2^32-1
 */
public record Generation(@JsonValue long value) implements Comparable<Generation> {

    public Generation {
        Checks.unsigned32("Generation", value);
    }

    @JsonCreator
    public static Generation of(long value) {
        return new Generation(value);
    }

    /** The generation after this one. */
    public Generation next() {
        return new Generation(value + 1);
    }

    @Override
    public int compareTo(Generation other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
