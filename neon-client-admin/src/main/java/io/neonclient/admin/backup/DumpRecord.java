package io.neonclient.admin.backup;

import java.time.Instant;
import java.util.Objects;

/**
 * A logical dump ({@code pg_dump}) recorded against a snapshot: the second copy, the only one that survives a lost
 * bucket or a storage bug.
 *
 * @param file          where the dump was written (custom format, {@code pg_dump -Fc})
 * @param database      the database dumped
 * @param bytes         the size of the file when it was written
 * @param takenAt       when {@code pg_dump} finished
 * @param pgDumpVersion what {@code pg_dump --version} printed
 * @param serverVersion what the server reported ({@code SHOW server_version})
 */
public record DumpRecord(String file, String database, long bytes, Instant takenAt, String pgDumpVersion, String serverVersion) {

    public DumpRecord {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(pgDumpVersion, "pgDumpVersion");
        Objects.requireNonNull(serverVersion, "serverVersion");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
    }
}
