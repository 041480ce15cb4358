package io.neonclient.pageserver;

import io.neonclient.core.Lsn;
import io.neonclient.model.CreateTimelineRequest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/import_basebackup?base_lsn=…&end_lsn=…&pg_version=…}
 * needs ({@code put_tenant_timeline_import_basebackup} in upstream {@code pageserver/src/http/routes.rs}): a tar file
 * produced by {@code pg_basebackup -Ft}, streamed as the body.
 *
 * @param tarFile   the {@code base.tar} file (must exist and be readable)
 * @param baseLsn   the backup's start LSN
 * @param endLsn    the backup's end LSN (not before {@code baseLsn})
 * @param pgVersion the Postgres major version of the backup, one of {@link CreateTimelineRequest#PG_VERSIONS}
 */
public record ImportBasebackupRequest(Path tarFile, Lsn baseLsn, Lsn endLsn, int pgVersion) {
    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public ImportBasebackupRequest {
        if (tarFile == null || !Files.isRegularFile(tarFile) || !Files.isReadable(tarFile)) {
            throw new IllegalArgumentException("tarFile must be a readable file, got " + tarFile);
        }
        if (baseLsn == null || endLsn == null) {
            throw new NullPointerException("baseLsn and endLsn must not be null");
        }
        if (endLsn.isBefore(baseLsn)) {
            throw new IllegalArgumentException("endLsn " + endLsn + " must not be before baseLsn " + baseLsn);
        }
        if (!CreateTimelineRequest.PG_VERSIONS.contains(pgVersion)) {
            // the query parameter parses as PgMajorVersion (libs/postgres_versioninfo/src/lib.rs), as timeline create does
            throw new IllegalArgumentException("pg_version must be a Postgres major version upstream accepts "
                    + CreateTimelineRequest.PG_VERSIONS + ", got " + pgVersion);
        }
    }
}
