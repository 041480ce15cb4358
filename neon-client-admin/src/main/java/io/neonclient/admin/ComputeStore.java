package io.neonclient.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the {@link ComputeHook} keeps its registry of computes ({@link ComputeRecord}) and the controller's
 * {@code import_complete} notifications ({@link ImportOutcome}), so that both survive a restart of the hook: a JSON
 * file by default, or a PostgreSQL database a team shares (the one recipe journals use, {@link Journal#postgres}).
 * Every change is durable when the call returns; another process (the {@code neon-ops compute} commands) may change
 * the same store while a hook runs, and the hook sees it on its next read.
 */
public sealed interface ComputeStore extends ImportOutcomes, AutoCloseable permits FileComputeStore, PostgresComputeStore {

    /**
     * A store in a JSON file, rewritten atomically on every change under an OS lock on {@code <file>.lock} held only
     * for the change, so several processes can share the file. A missing file is an empty registry.
     */
    static ComputeStore file(Path path) {
        return new FileComputeStore(Objects.requireNonNull(path, "path"));
    }

    /** A store that lives in this process only (tests, benchmarks, an embedded hook that needs no restart). */
    static ComputeStore inMemory() {
        return new FileComputeStore(null);
    }

    /**
     * A store in PostgreSQL, tables {@code neon_client_computes} and {@code neon_client_import_outcomes} (created if
     * absent). Nothing is sent until the first call.
     *
     * @param url      {@code postgresql://user@host:5432/db} or {@code jdbc:postgresql://…}, without a password
     * @param password the password, or null for none (e.g. from {@code PGPASSWORD})
     * @throws IllegalArgumentException when the URL is not one of those forms or holds a password
     */
    static ComputeStore postgres(String url, String password) {
        return PostgresComputeStore.connectTo(Objects.requireNonNull(url, "url"), password);
    }

    /**
     * What {@code neon-ops} takes for {@code --registry}: a {@code postgresql://}, {@code postgres://} or
     * {@code jdbc:postgresql:} URL is {@link #postgres}, anything else a {@link #file}.
     */
    static ComputeStore open(String fileOrUrl, String password) {
        Objects.requireNonNull(fileOrUrl, "fileOrUrl");
        if (fileOrUrl.isBlank()) {
            throw new IllegalArgumentException("registry must be a file path or a postgresql:// URL, got an empty string");
        }
        boolean pg = fileOrUrl.startsWith("postgresql:") || fileOrUrl.startsWith("postgres:") || fileOrUrl.startsWith("jdbc:postgresql:");
        return pg ? postgres(fileOrUrl, password) : file(Path.of(fileOrUrl));
    }

    /** Every registered compute, in the order they were first registered. */
    List<ComputeRecord> list();

    /** The compute registered as {@code computeId}, if any. */
    Optional<ComputeRecord> find(String computeId);

    /** Registers a compute or replaces the record of the same {@code computeId}. */
    void put(ComputeRecord record);

    /** {@link #put} for each record, as one change (one file rewrite, one database round trip). */
    void putAll(List<ComputeRecord> records);

    /** Forgets a compute; returns whether it was registered. */
    boolean remove(String computeId);

    /** Records an {@code import_complete} notification; the first one per tenant and timeline is kept. */
    void recordImport(ImportOutcome outcome);

    /** Releases the store (a database connection); the data stays. */
    @Override
    void close();
}
