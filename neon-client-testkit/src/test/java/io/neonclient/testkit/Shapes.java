package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that a response has the same shape as a shared fixture (contracts/fixtures): the same object keys,
 * recursively; arrays compare their first elements, tuples (elements of different JSON types) every position. A fixture {@code null} matches anything (nullable field).
 */
final class Shapes {
    /** Free-form maps (TenantConfig, ComputeSpec shards): only their being objects is compared. */
    private static final Set<String> MAPS = Set.of("config", "tenant_conf", "tenant_specific_overrides",
            "effective_config");

    private Shapes() {}

    static JsonNode fixture(String name) {
        try (InputStream in = Shapes.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new AssertionError("no fixture " + name);
            }
            return RawHttp.JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertShape(String fixtureName, JsonNode actual) {
        compare(fixture(fixtureName), actual, "$", fixtureName);
    }

    /** As {@link #assertShape(String, JsonNode)} against the part of the fixture at a JSON pointer. */
    static void assertShape(String fixtureName, String pointer, JsonNode actual) {
        JsonNode part = fixture(fixtureName).at(pointer);
        if (part.isMissingNode()) {
            throw new AssertionError("fixture " + fixtureName + " has nothing at " + pointer);
        }
        compare(part, actual, "$", fixtureName + pointer);
    }

    private static void compare(JsonNode expected, JsonNode actual, String path, String name) {
        if (expected.isNull() || (actual != null && actual.isNull())) {
            return;
        }
        if (actual == null) {
            fail(name + ": missing " + path);
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                fail(name + ": " + path + " should be an object, got " + actual);
            }
            TreeSet<String> ek = keys(expected);
            TreeSet<String> ak = keys(actual);
            if (!ek.equals(ak)) {
                fail(name + ": keys at " + path + " differ: fixture " + ek + ", response " + ak);
            }
            for (String k : ek) {
                if (MAPS.contains(k)) {
                    if (!actual.get(k).isObject()) {
                        fail(name + ": " + path + "." + k + " should be an object, got " + actual.get(k));
                    }
                    continue;
                }
                compare(expected.get(k), actual.get(k), path + "." + k, name);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                fail(name + ": " + path + " should be an array, got " + actual);
            }
            if (isTuple(expected)) {
                // a serde tuple such as LocationConfigListResponse's (TenantShardId, Option<LocationConfig>): by position
                if (actual.size() != expected.size()) {
                    fail(name + ": " + path + " should be a " + expected.size() + "-tuple, got " + actual);
                }
                for (int i = 0; i < expected.size(); i++) {
                    compare(expected.get(i), actual.get(i), path + "[" + i + "]", name);
                }
            } else if (!expected.isEmpty() && !actual.isEmpty()) {
                compare(expected.get(0), actual.get(0), path + "[0]", name);
            }
        } else if (expected.getNodeType() != actual.getNodeType()
                && !(expected.isNumber() && actual.isNumber())) {
            fail(name + ": " + path + " should be " + expected.getNodeType() + ", got " + actual);
        }
    }

    /** An array whose elements have different JSON types (nulls aside) is a tuple, not a list. */
    private static boolean isTuple(JsonNode array) {
        Set<JsonNodeType> types = new HashSet<>();
        array.forEach(e -> {
            if (!e.isNull()) {
                types.add(e.isNumber() ? JsonNodeType.NUMBER : e.getNodeType());
            }
        });
        return types.size() > 1;
    }

    private static TreeSet<String> keys(JsonNode n) {
        TreeSet<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
