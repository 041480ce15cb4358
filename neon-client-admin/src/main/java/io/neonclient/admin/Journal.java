package io.neonclient.admin;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a recipe records what it has done: the steps it finished (with their result) and the values it chose
 * (an LSN, a detach time) so that a re-run makes the same choices. A journal belongs to one recipe run, named by
 * the recipe and a fingerprint of its inputs; using it for another is refused.
 */
public interface Journal {

    /**
     * Binds this journal to a recipe run, or checks that it is already bound to the same one.
     *
     * @throws IllegalStateException if it records another recipe or other inputs
     */
    void begin(String recipe, String fingerprint);

    /** The result recorded for a finished step, or empty if it has not finished. */
    Optional<String> result(String stepId);

    /** Records that a step finished. */
    void finished(String stepId, String result);

    /** A value an earlier step chose. */
    Optional<String> value(String key);

    /** Records a value for later steps and later runs. */
    void put(String key, String value);

    /** A journal in memory: resumes within one JVM (e.g. after an interrupted thread). */
    static Journal inMemory() {
        return new FileJournal(null);
    }

    /**
     * A journal in a JSON file, rewritten atomically after every change, so a run killed at any point resumes
     * when started again with the same file. The file is created on first write.
     */
    static Journal file(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("journal path must not be null");
        }
        return new FileJournal(path);
    }
}
