package io.neonclient.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.neonclient.core.internal.Json;
import java.util.List;

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

    /** {@code value.toString()} cut to one short line, for printing events. */
    static String brief(Object value) {
        String text = String.valueOf(value).replace('\n', ' ');
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
