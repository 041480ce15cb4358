package io.neonclient.admin;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a recipe run records what it has done, so that a run that stopped (a crash, an interrupt, a failed step)
 * resumes where it stopped: the recipe and its inputs (what the operator gave, never values the recipe generated),
 * each finished step's value, and notes steps record while they work (including values a step generated, so a
 * resumed run reuses them). Values are JSON text, written and read by the {@link Plan} (typed through
 * {@link Step.Key}s), so a store only keeps strings: {@link #file} keeps them in a JSON file, {@link #postgres} in a
 * table row a team shares.
 *
 * <p>One run holds a journal at a time: {@link #begin} takes the hold (refusing, with who holds it, when another run
 * does) and {@link #close} releases it; {@link Plan#run} does both. A stored journal that cannot be read as one, or
 * that records another run, is refused with where it is kept and what to do, never reset. {@code toString()} names
 * where the journal is kept, for messages; it never shows a password.
 */
public interface Journal extends AutoCloseable {

    /**
     * Takes the hold on this journal for a run and binds it to the run, or checks that it is bound to the same one.
     *
     * @param recipe  the recipe's name
     * @param subject what the recipe acts on, e.g. {@code tenant 9933…} or {@code node 3}: a shared journal allows one
     *                run of a recipe per subject at a time
     * @param inputs  the recipe's input record as JSON; compared as JSON (member order does not matter)
     * @throws IllegalStateException if another run holds it (naming {@code user@host pid N since T}), if it records another
     *                               recipe or other inputs (naming both), or if what is stored is not a journal
     */
    void begin(String recipe, String subject, String inputs);

    /** The JSON value recorded for a finished step, or empty if it has not finished. */
    Optional<String> finished(String step);

    /** Records that a step finished with this JSON value; durable when this returns. */
    void recordFinished(String step, String value);

    /** A note (JSON) recorded by {@link #recordNote}. */
    Optional<String> note(String name);

    /** Records a note (JSON), replacing one of the same name; durable when this returns. */
    void recordNote(String name, String value);

    /**
     * Records that every step finished; durable when this returns. A shared journal then lets the next run on the same
     * subject start afresh, where an unfinished one is refused.
     */
    void recordCompleted();

    /** Releases the hold {@link #begin} took (idempotent); the journal can begin again later, e.g. to resume. */
    @Override
    void close();

    /** A journal in memory: resumes within one JVM (e.g. after an interrupted thread); one run holds it at a time. */
    static Journal inMemory() {
        return new FileJournal(null);
    }

    /**
     * A journal in a JSON file, rewritten atomically after every change, so a run killed at any point resumes when
     * started again with the same file. The file is created on first write; an existing file is read now (and again
     * when a run begins). A run holds it with an OS lock on {@code <file>.lock}, released when the run ends or its
     * process dies.
     *
     * @throws IllegalStateException if the file is not a journal this version can resume (empty, {@code null}, an
     *                               array, no header, cut short, an older text-format journal or a newer format),
     *                               naming the file and what to do
     */
    static Journal file(Path path) {
        return new FileJournal(Objects.requireNonNull(path, "path"));
    }

    /**
     * A journal in the PostgreSQL database at {@code url}, without a password (trust or peer authentication). See
     * {@link #postgres(String, String)}.
     */
    static Journal postgres(String url) {
        return PostgresJournal.connectTo(Objects.requireNonNull(url, "url"), null);
    }

    /**
     * A journal in the PostgreSQL database at {@code url}: one row of table {@code neon_client_journal} (created if
     * absent) per recipe and subject, so operators on several machines share it. A run holds the row with a session
     * advisory lock on a connection of its own, released when the run ends or its process dies; a second run on the
     * same recipe and subject is refused naming the holder the row records. An unfinished run resumes when started
     * again with the same inputs (other inputs are refused); once a run has finished, the next run on that recipe and
     * subject starts afresh, even with the same inputs. Nothing is sent until {@link #begin}.
     *
     * @param url      {@code postgresql://user@host:5432/db} or {@code jdbc:postgresql://host:5432/db?user=…}; a password
     *                 in the URL is refused (it would be printed back)
     * @param password the database user's password
     * @throws IllegalArgumentException if {@code url} is not one of those forms, naming what was expected
     */
    static Journal postgres(String url, String password) {
        return PostgresJournal.connectTo(Objects.requireNonNull(url, "url"), Objects.requireNonNull(password, "password"));
    }
}
