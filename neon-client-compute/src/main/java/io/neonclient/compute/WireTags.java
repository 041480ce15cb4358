package io.neonclient.compute;

import java.util.Map;

/** Reading serde's internally tagged enums ({@code #[serde(tag = "status", rename_all = "snake_case")]}). */
final class WireTags {
    private WireTags() {}

    static String status(String type, Map<String, Object> json) {
        if (json == null || !(json.get("status") instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException(type + " needs a \"status\" string, got " + json);
        }
        return s;
    }

    static long number(Map<String, Object> json, String field) {
        return json.get(field) instanceof Number n ? n.longValue() : 0;
    }

    static String text(Map<String, Object> json, String field) {
        Object v = json.get(field);
        return v == null ? "" : v.toString();
    }
}
