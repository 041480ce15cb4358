package io.neonclient.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Golden JSON copied from the shared contract fixtures (names kept), and JSON helpers for comparing what we write. */
final class Fixtures {
    private Fixtures() {}

    /** The text of {@code src/test/resources/fixtures/<name>}. */
    static String load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture parsed into a tree. */
    static JsonNode tree(String name) {
        return parse(load(name));
    }

    /** JSON text parsed into a tree (key order does not matter when trees are compared). */
    static JsonNode parse(String json) {
        return Json.tree(json.getBytes(StandardCharsets.UTF_8));
    }

    /** What the SDK's codec writes for {@code value}, as a tree. */
    static JsonNode encoded(Object value) {
        return Json.tree(Json.encode(value));
    }
}
