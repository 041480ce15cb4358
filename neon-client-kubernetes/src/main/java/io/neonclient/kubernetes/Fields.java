package io.neonclient.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads fields of a custom resource decoded as nested maps (fabric8's {@code GenericKubernetesResource}), for the
 * typed views. A missing field is empty; a field of the wrong JSON type is an {@link IllegalStateException} naming the
 * object and the path, since the object then does not follow its CRD.
 */
final class Fields {
    private final String object;
    private final Map<String, Object> root;

    Fields(String object, Map<String, Object> root) {
        this.object = object;
        this.root = root;
    }

    Optional<Object> at(String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    Optional<String> text(String... path) {
        return at(path).map(v -> {
            if (v instanceof String s) {
                return s;
            }
            throw wrongType(path, "a string", v);
        }).filter(s -> !s.isEmpty());
    }

    Optional<Long> integer(String... path) {
        return at(path).map(v -> {
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.longValue();
            }
            throw wrongType(path, "an integer", v);
        });
    }

    /** A field that is a number or a string, as Kubernetes quantities are. */
    Optional<String> quantity(String... path) {
        return at(path).map(v -> {
            if (v instanceof Number || v instanceof String) {
                return v.toString();
            }
            throw wrongType(path, "a quantity", v);
        });
    }

    Map<String, Object> map(String... path) {
        Optional<Object> v = at(path);
        if (v.isEmpty()) {
            return Map.of();
        }
        if (v.get() instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked") // JSON objects decode to string-keyed maps
            Map<String, Object> typed = (Map<String, Object>) map;
            return typed;
        }
        throw wrongType(path, "an object", v.get());
    }

    List<?> list(String... path) {
        Optional<Object> v = at(path);
        if (v.isEmpty()) {
            return List.of();
        }
        if (v.get() instanceof List<?> list) {
            return list;
        }
        throw wrongType(path, "a list", v.get());
    }

    <T> T required(Optional<T> value, String... path) {
        return value.orElseThrow(() -> new IllegalStateException(object + " has no " + String.join(".", path)));
    }

    IllegalStateException wrongType(String[] path, String expected, Object got) {
        return new IllegalStateException(object + " field " + String.join(".", path) + " should be " + expected + ", got "
                + got.getClass().getSimpleName() + " '" + got + "'");
    }
}
