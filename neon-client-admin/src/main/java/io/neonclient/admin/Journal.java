package io.neonclient.admin;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a recipe run records what it has done, so that a run that stopped (a crash, an interrupt, a failed step)
 * resumes where it stopped: the recipe and its inputs, each finished step's value, and notes steps record while
 * they work. Values are JSON text, written and read by the {@link Plan} (typed through {@link Step.Key}s), so a
 * store only keeps strings: {@link #file} keeps them in a JSON file, and another store (a database table) can
 * implement this interface. A journal belongs to one run; {@link #begin} refuses another. {@code toString()} names
 * where the journal is kept, for messages.
 */
public interface Journal {

    /**
     * Binds this journal to a run, or checks that it is bound to the same one.
     *
     * @param recipe the recipe's name
     * @param inputs the recipe's input record as JSON; compared as JSON (member order does not matter)
     * @throws IllegalStateException if it records another recipe or other inputs, naming both
     */
    void begin(String recipe, String inputs);

    /** The JSON value recorded for a finished step, or empty if it has not finished. */
    Optional<String> finished(String step);

    /** Records that a step finished with this JSON value; durable when this returns. */
    void recordFinished(String step, String value);

    /** A note (JSON) recorded by {@link #recordNote}. */
    Optional<String> note(String name);

    /** Records a note (JSON), replacing one of the same name; durable when this returns. */
    void recordNote(String name, String value);

    /** A journal in memory: resumes within one JVM (e.g. after an interrupted thread). */
    static Journal inMemory() {
        return new FileJournal(null);
    }

    /**
     * A journal in a JSON file, rewritten atomically after every change, so a run killed at any point resumes when
     * started again with the same file. The file is created on first write; an existing file is read now.
     *
     * @throws IllegalStateException if the file is not a journal this version can resume (an older text-format
     *                               journal, a newer format, or a damaged file), naming the file and what to do
     */
    static Journal file(Path path) {
        return new FileJournal(Objects.requireNonNull(path, "path"));
    }
}
