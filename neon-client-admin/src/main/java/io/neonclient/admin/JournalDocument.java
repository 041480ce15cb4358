package io.neonclient.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * The content of a journal, whatever keeps it (a file, a table row, memory):
 * <pre>{@code
 * {"journal_format": 2, "written_by": "neon-client 0.1.0", "recipe": "TimeTravel", "subject": "tenant 9933…", "inputs": {…},
 *  "steps": {"detach": {"value": "2025-01-01T12:00:03Z", "finished_at": "…"}}, "notes": {"stop-computes/computes": […]},
 *  "completed_at": "…"}
 * }</pre>
 * Anything else ({@code null}, an array, no header, a truncated text, format 1 or a newer format) is refused, naming
 * where it is kept and what to do: a run it records may have left the cluster half-way, so it is never reset.
 */
final class JournalDocument {
    static final int FORMAT = 2;
    static final String START_AFRESH = "move it away and run the recipe again with a new journal (every step checks the"
            + " cluster before it acts)";

    private final String where;
    private final ObjectNode root;

    private JournalDocument(String where, ObjectNode root) {
        this.where = where;
        this.root = root;
    }

    /** A document with no run yet. */
    static JournalDocument empty(String where) {
        return new JournalDocument(where, Json.MAPPER.createObjectNode());
    }

    /**
     * Reads a stored document; {@code afresh} says how to start over (differs between a file and a table row).
     *
     * @throws IllegalStateException naming {@code where}, if it is not a journal this version can resume
     */
    static JournalDocument parse(String where, byte[] text, String afresh) {
        JsonNode read;
        try {
            read = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw damaged(where, "it is not valid JSON, perhaps cut short (" + Json.describe(e) + ")", afresh);
        } catch (java.io.IOException e) {
            throw damaged(where, "it cannot be read (" + e.getMessage() + ")", afresh);
        }
        if (read == null || read.isMissingNode()) {
            throw damaged(where, "it is empty", afresh);
        }
        if (!read.isObject()) {
            throw damaged(where, "it holds " + (read.isNull() ? "null" : read.isArray() ? "a JSON array" : "a JSON " + read.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT)) + ", not a journal object", afresh);
        }
        JsonNode format = read.get("journal_format");
        if (format == null && read.has("fingerprint")) {
            throw new IllegalStateException("journal " + where + " was written by an older neon-client (journal format 1: step results"
                    + " as text, no journal_format) and cannot be resumed by this version, which journals typed JSON values (format "
                    + FORMAT + "). Finish that run with the neon-client version that started it, or " + afresh + ".");
        }
        if (format == null || !format.canConvertToInt()) {
            throw damaged(where, "it has no journal_format number (no header), so it is not a neon-client journal", afresh);
        }
        if (format.asInt() != FORMAT) {
            throw new IllegalStateException("journal " + where + " has journal_format " + format.asInt() + " (written by "
                    + read.path("written_by").asText("an unknown version") + "); this neon-client reads format " + FORMAT
                    + ": resume it with the version that wrote it, or " + afresh + ".");
        }
        if (!read.path("recipe").isTextual() || !read.path("inputs").isObject() || !read.path("steps").isObject()
                || !read.path("notes").isObject()) {
            throw damaged(where, "it lacks one of recipe (text), inputs, steps and notes (objects)", afresh);
        }
        if (read.has("subject") && !read.get("subject").isTextual()) {
            throw damaged(where, "its subject is not text", afresh);
        }
        for (var e : read.get("steps").properties()) {
            if (!e.getValue().isObject() || !e.getValue().has("value")) {
                throw damaged(where, "steps." + e.getKey() + " has no value", afresh);
            }
        }
        return new JournalDocument(where, (ObjectNode) read);
    }

    static IllegalStateException damaged(String where, String what, String afresh) {
        return new IllegalStateException("journal " + where + " cannot be resumed: " + what + ". It was damaged or edited by hand;"
                + " restore it from a copy, or " + afresh + ".");
    }

    boolean isNew() {
        return !root.has("recipe");
    }

    boolean isCompleted() {
        return root.has("completed_at");
    }

    String recipe() {
        return root.path("recipe").asText();
    }

    JsonNode inputs() {
        return root.path("inputs");
    }

    /**
     * Binds a new document to a run, or checks that it records the same one.
     *
     * @return whether the document changed (it was new)
     * @throws IllegalStateException if it records another recipe or other inputs, naming both and {@code otherwise}
     */
    boolean begin(String recipe, String subject, String inputs, String otherwise) {
        JsonNode wanted = Json.tree(inputs.getBytes(UTF_8));
        if (isNew()) {
            root.removeAll();
            root.put("journal_format", FORMAT);
            root.put("written_by", "neon-client " + Version.version());
            root.put("recipe", recipe);
            root.put("subject", subject);
            root.set("inputs", wanted);
            root.putObject("steps");
            root.putObject("notes");
            return true;
        }
        if (!recipe().equals(recipe) || !inputs().equals(wanted)) {
            throw new IllegalStateException("journal " + where + " records " + recipe() + " " + inputs() + ", not " + recipe + " " + wanted
                    + ": " + otherwise);
        }
        return false;
    }

    Optional<String> finished(String step) {
        JsonNode entry = root.path("steps").get(step);
        return entry == null ? Optional.empty() : Optional.of(entry.get("value").toString());
    }

    void recordFinished(String step, String value) {
        requireBegun();
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.set("value", Json.tree(value.getBytes(UTF_8)));
        entry.put("finished_at", Instant.now().toString());
        ((ObjectNode) root.get("steps")).set(step, entry);
    }

    Optional<String> note(String name) {
        JsonNode value = root.path("notes").get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    void recordNote(String name, String value) {
        requireBegun();
        ((ObjectNode) root.get("notes")).set(name, Json.tree(value.getBytes(UTF_8)));
    }

    void recordCompleted() {
        requireBegun();
        root.put("completed_at", Instant.now().toString());
    }

    private void requireBegun() {
        if (isNew()) {
            throw new IllegalStateException("journal " + where + " is not bound to a run: call begin(recipe, subject, inputs) first");
        }
    }

    byte[] toJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal " + where + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    String summary() {
        return root.path("recipe").asText("unused") + ", finished " + root.path("steps").size() + " step(s)";
    }
}
