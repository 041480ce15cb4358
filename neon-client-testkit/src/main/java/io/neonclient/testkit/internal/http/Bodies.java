package io.neonclient.testkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import java.util.Set;

/** Request-body helpers with serde's error wording (missing field, unknown field, invalid type). */
public final class Bodies {
    private Bodies() {}

    public static void strict(ObjectNode body, Set<String> allowed) {
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw HttpError.badRequest("Failed to parse json request: unknown field `" + f + "`");
            }
        });
    }

    public static JsonNode required(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw HttpError.badRequest("Failed to parse json request: missing field `" + field + "`");
        }
        return n;
    }

    public static long requiredLong(ObjectNode body, String field) {
        JsonNode n = required(body, field);
        if (!n.isIntegralNumber() || n.asLong() < 0) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": invalid type: " + n + ", expected u64");
        }
        return n.asLong();
    }

    public static String requiredText(ObjectNode body, String field) {
        JsonNode n = required(body, field);
        if (!n.isTextual()) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": invalid type: " + n + ", expected a string");
        }
        return n.asText();
    }

    public static String optText(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    public static Integer optInt(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber()) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": invalid type: " + n + ", expected an integer");
        }
        return n.asInt();
    }

    public static String oneOf(ObjectNode body, String field, Set<String> values) {
        String v = optText(body, field);
        if (v != null && !values.contains(v)) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": unknown variant `" + v + "`, expected one of "
                    + String.join(", ", values));
        }
        return v;
    }

    public static PlacementPolicy placement(JsonNode n, String field) {
        try {
            Object raw = Json.MAPPER.treeToValue(n, Object.class);
            return PlacementPolicy.fromJson(raw);
        } catch (Exception e) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": unknown variant or invalid shape " + n
                    + ", expected `Attached`, `Secondary` or `Detached`");
        }
    }
}
