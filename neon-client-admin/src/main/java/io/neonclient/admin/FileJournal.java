package io.neonclient.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Journal} kept in memory and, when given a path, mirrored to a JSON file:
 * {@code {"recipe": …, "fingerprint": …, "steps": {id: result}, "values": {key: value}}}.
 */
final class FileJournal implements Journal {
    private final Path path;
    private String recipe;
    private String fingerprint;
    private final Map<String, String> steps = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    FileJournal(Path path) {
        this.path = path;
        if (path != null && Files.exists(path)) {
            load();
        }
    }

    private void load() {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(path));
            recipe = root.path("recipe").asText(null);
            fingerprint = root.path("fingerprint").asText(null);
            copy(root.path("steps"), steps);
            copy(root.path("values"), values);
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void copy(JsonNode node, Map<String, String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            into.put(e.getKey(), e.getValue().asText());
        }
    }

    @Override
    public synchronized void begin(String recipe, String fingerprint) {
        if (this.recipe == null) {
            this.recipe = recipe;
            this.fingerprint = fingerprint;
            save();
        } else if (!this.recipe.equals(recipe) || !this.fingerprint.equals(fingerprint)) {
            throw new IllegalStateException("journal " + (path == null ? "(in memory)" : path) + " records " + this.recipe
                    + " [" + this.fingerprint + "], not " + recipe + " [" + fingerprint + "]: use a new journal for another run");
        }
    }

    @Override
    public synchronized Optional<String> result(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    @Override
    public synchronized void finished(String stepId, String result) {
        steps.put(stepId, result == null ? "" : result);
        save();
    }

    @Override
    public synchronized Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        values.put(key, value);
        save();
    }

    private void save() {
        if (path == null) {
            return;
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("recipe", recipe);
        root.put("fingerprint", fingerprint);
        ObjectNode s = root.putObject("steps");
        steps.forEach(s::put);
        ObjectNode v = root.putObject("values");
        values.forEach(v::put);
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + " cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String toString() {
        return "Journal[" + (path == null ? "in memory" : path) + ", " + recipe + ", done=" + steps.keySet() + "]";
    }
}
