package io.neonclient.admin;

import java.util.Optional;

/**
 * What the file and Postgres journals share: the run's {@link JournalDocument} in memory, read by the getters and
 * written through by every record, so that a record is durable when it returns ({@link #save()} is the store's own).
 */
abstract class DocumentJournal implements Journal {
    /** The run's document once {@link #begin} has bound it; guarded by this journal's monitor. */
    JournalDocument doc;

    /** Writes {@link #doc} to the store; durable when it returns. */
    abstract void save();

    @Override
    public synchronized Optional<String> finished(String step) {
        return doc.finished(step);
    }

    @Override
    public synchronized void recordFinished(String step, String value) {
        doc.recordFinished(step, value);
        save();
    }

    @Override
    public synchronized Optional<String> note(String name) {
        return doc.note(name);
    }

    @Override
    public synchronized void recordNote(String name, String value) {
        doc.recordNote(name, value);
        save();
    }

    @Override
    public synchronized void recordCompleted() {
        doc.recordCompleted();
        save();
    }
}
