package io.neonclient.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Step values to and from the JSON a {@link Journal} keeps, through core's one mapper. */
final class StepValues {
    private StepValues() {}

    static String encode(Step.Key<?> key, Object value) {
        try {
            return Json.MAPPER.writeValueAsString(key.cast(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the value of '" + key.name() + "' cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value {@code json} holds, or an {@link IllegalArgumentException} saying why it does not read as the key's type. */
    static <T> T decode(Step.Key<T> key, String json) {
        JavaType type = key.element() == null ? Json.MAPPER.constructType(key.type())
                : Json.MAPPER.getTypeFactory().constructCollectionType(List.class, key.element());
        Object value;
        try {
            value = Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + key.name() + "' does not read as " + key.typeName() + ": " + Json.describe(e), e);
        }
        if (value == null) {
            throw new IllegalArgumentException("'" + key.name() + "' is null, expected " + key.typeName());
        }
        return key.cast(value instanceof List<?> list ? List.copyOf(list) : value);
    }

    /** Java's record notation, {@code Name[field=…}: not what an operator reads. */
    private static final Pattern RECORD_TEXT = Pattern.compile("\\b[A-Z]\\w*\\[\\w+=");
    private static final Pattern SECRET = Pattern.compile("(?i).*(token|password|secret).*");

    /**
     * A step value on one short line, for printing events in Neon's words: a value whose {@code toString()} is its own
     * (ids, LSNs, nodes) prints that; a record or a list of them prints as the wire JSON (snake_case names, wire
     * spellings) instead of Java's {@code Name[field=…]}, with any field named like a token, password or secret left out.
     */
    static String brief(Object value) {
        String text = String.valueOf(value);
        if (value != null && RECORD_TEXT.matcher(text).find()) {
            try {
                JsonNode tree = Json.MAPPER.valueToTree(value);
                withoutSecrets(tree);
                text = Json.MAPPER.writeValueAsString(tree);
            } catch (IllegalArgumentException | JsonProcessingException notJson) {
                // keep toString(): better than nothing, and it never holds a token (ComputeSpec redacts its own)
            }
        }
        text = text.replace('\n', ' ');
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }

    /**
     * One recipe event as a JSON object on one line, for machines: {@code event} (step_started, still_waiting,
     * step_finished, step_skipped, step_failed), {@code step}, and the event's own fields in snake_case; a step value is
     * its wire JSON without fields named like a token, password or secret.
     */
    static String eventLine(String event, Step<?> step, java.util.function.Consumer<ObjectNode> fields) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("event", event);
        n.put("step", step.name());
        fields.accept(n);
        try {
            return Json.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event did not encode: " + e.getOriginalMessage(), e);
        }
    }

    /** A step value as JSON for {@link #eventLine}: its wire tree (secrets left out), or its text when it has no tree. */
    static JsonNode valueTree(Object value) {
        if (value == null) {
            return Json.MAPPER.nullNode();
        }
        try {
            JsonNode tree = Json.MAPPER.valueToTree(value);
            withoutSecrets(tree);
            return tree;
        } catch (IllegalArgumentException notJson) {
            return Json.MAPPER.getNodeFactory().textNode(String.valueOf(value));
        }
    }

    private static void withoutSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> secret = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (SECRET.matcher(name).matches()) {
                    secret.add(name);
                }
            });
            object.remove(secret);
        }
        node.forEach(StepValues::withoutSecrets);
    }
}
