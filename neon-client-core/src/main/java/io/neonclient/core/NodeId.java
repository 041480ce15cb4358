package io.neonclient.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.Checks;

/**
 * The id of a pageserver or safekeeper node, chosen by the operator; a JSON number on the wire
 * (mirrors {@code NodeId(u64)} in upstream {@code libs/utils/src/id.rs}).
 *
 * @param value the non-negative id
 */
public record NodeId(@JsonValue long value) implements Comparable<NodeId> {

    public NodeId {
        Checks.nonNegative("NodeId", value);
    }

    @JsonCreator
    public static NodeId of(long value) {
        return new NodeId(value);
    }

    /** Parses a decimal id such as {@code "2"}. */
    public static NodeId parse(String text) {
        Checks.notNull("NodeId", text);
        return new NodeId(Checks.asciiDecimal("NodeId", text.trim()));
    }

    @Override
    public int compareTo(NodeId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
