package io.neonclient.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link Journal} kept in memory and, when given a path, mirrored to a JSON file after every change:
 * <pre>{@code
 * {"journal_format": 2, "written_by": "neon-client 0.1.0", "recipe": "TimeTravel", "inputs": {…},
 *  "steps": {"detach": {"value": "2025-01-01T12:00:03Z", "finished_at": "…"}}, "notes": {"stop-computes/computes": […]}}
 * }</pre>
 * Format 1 (no {@code journal_format}, step results as text) is refused, not reset: the run it records may have left
 * the cluster half-way, and only the version that wrote it can read what it chose.
 */
final class FileJournal implements Journal {
    static final int FORMAT = 2;
    private static final String START_AFRESH = "move it away and run the recipe again with a new journal (every step checks the"
            + " cluster before it acts)";

    private final Path path;
    private final ObjectNode root = Json.MAPPER.createObjectNode();

    FileJournal(Path path) {
        this.path = path;
        if (path != null && Files.exists(path)) {
            load();
        }
    }

    private void load() {
        JsonNode read;
        try {
            read = Json.MAPPER.readTree(Files.readAllBytes(path));
        } catch (JsonProcessingException e) {
            throw damaged("it is not valid JSON (" + Json.describe(e) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + " cannot be read: " + e.getMessage(), e);
        }
        if (read == null || !read.isObject()) {
            throw damaged(read == null || read.isMissingNode() ? "it is empty" : "it does not hold a JSON object");
        }
        JsonNode format = read.get("journal_format");
        if (format == null && read.has("fingerprint")) {
            throw new IllegalStateException("journal " + path + " was written by an older neon-client (journal format 1: step results"
                    + " as text, no journal_format) and cannot be resumed by this version, which journals typed JSON values (format "
                    + FORMAT + "). Finish that run with the neon-client version that started it, or " + START_AFRESH + ".");
        }
        if (format == null || !format.canConvertToInt()) {
            throw damaged("it has no journal_format number, so it is not a neon-client journal");
        }
        if (format.asInt() != FORMAT) {
            throw new IllegalStateException("journal " + path + " has journal_format " + format.asInt() + " (written by "
                    + read.path("written_by").asText("an unknown version") + "); this neon-client reads format " + FORMAT
                    + ": resume it with the version that wrote it, or " + START_AFRESH + ".");
        }
        if (!read.path("recipe").isTextual() || !read.path("inputs").isObject() || !read.path("steps").isObject()
                || !read.path("notes").isObject()) {
            throw damaged("it lacks one of recipe (text), inputs, steps and notes (objects)");
        }
        for (var e : read.get("steps").properties()) {
            if (!e.getValue().isObject() || !e.getValue().has("value")) {
                throw damaged("steps." + e.getKey() + " has no value");
            }
        }
        root.setAll((ObjectNode) read);
    }

    private IllegalStateException damaged(String what) {
        return new IllegalStateException("journal " + path + " cannot be resumed: " + what + ". It was damaged or edited by hand;"
                + " restore it from a copy, or " + START_AFRESH + ".");
    }

    @Override
    public synchronized void begin(String recipe, String inputs) {
        JsonNode wanted = Json.tree(inputs.getBytes(UTF_8));
        if (!root.has("recipe")) {
            root.put("journal_format", FORMAT);
            root.put("written_by", "neon-client " + Version.version());
            root.put("recipe", recipe);
            root.set("inputs", wanted);
            root.putObject("steps");
            root.putObject("notes");
            save();
        } else if (!root.get("recipe").asText().equals(recipe) || !root.get("inputs").equals(wanted)) {
            throw new IllegalStateException("journal " + where() + " records " + root.get("recipe").asText() + " " + root.get("inputs")
                    + ", not " + recipe + " " + wanted + ": use a new journal for another run");
        }
    }

    @Override
    public synchronized Optional<String> finished(String step) {
        JsonNode entry = root.path("steps").get(step);
        return entry == null ? Optional.empty() : Optional.of(entry.get("value").toString());
    }

    @Override
    public synchronized void recordFinished(String step, String value) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.set("value", Json.tree(value.getBytes(UTF_8)));
        entry.put("finished_at", Instant.now().toString());
        ((ObjectNode) root.get("steps")).set(step, entry);
        save();
    }

    @Override
    public synchronized Optional<String> note(String name) {
        JsonNode value = root.path("notes").get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    @Override
    public synchronized void recordNote(String name, String value) {
        ((ObjectNode) root.get("notes")).set(name, Json.tree(value.getBytes(UTF_8)));
        save();
    }

    private void save() {
        if (path == null) {
            return;
        }
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

    private String where() {
        return path == null ? "(in memory)" : path.toString();
    }

    @Override
    public synchronized String toString() {
        return "journal " + where() + " (" + root.path("recipe").asText("unused") + ", finished " + root.path("steps").size() + " step(s))";
    }
}
