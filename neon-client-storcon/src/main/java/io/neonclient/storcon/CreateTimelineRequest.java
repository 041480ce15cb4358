package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Body of {@code POST /v1/tenant/{tenant_id}/timeline}: {@code TimelineCreateRequest} with its flattened, untagged
 * {@code TimelineCreateRequestMode} in upstream {@code libs/pageserver_api/src/models.rs}. Upstream ignores unknown
 * fields and picks the first mode that matches, so a misspelled field silently changes the operation (NOTES.md §2.1).
 * The three modes here are typed and always produce exactly upstream's field names.
 */
public sealed interface CreateTimelineRequest {

    /** The id of the timeline to create ({@code new_timeline_id}). */
    TimelineId newTimelineId();

    /** True when sending the request twice has the same effect as once (upstream answers an identical repeat with success). */
    boolean isRepeatable();

    /** A new root timeline (runs initdb) with the pageserver's default Postgres version. */
    static Bootstrap bootstrap(TimelineId newTimelineId) {
        return new Bootstrap(newTimelineId, Optional.empty());
    }

    /** A new root timeline of Postgres major version {@code pgVersion} (14..17). */
    static Bootstrap bootstrap(TimelineId newTimelineId, int pgVersion) {
        return new Bootstrap(newTimelineId, Optional.of(pgVersion));
    }

    /**
     * A branch of {@code ancestorTimelineId}. Without {@link Branch#at(Lsn)} the pageserver branches at the ancestor's
     * current end of WAL; give an LSN for a point-in-time branch.
     */
    static Branch branch(TimelineId newTimelineId, TimelineId ancestorTimelineId) {
        return new Branch(newTimelineId, ancestorTimelineId, Optional.empty(), false);
    }

    /**
     * A timeline imported from a PGDATA copy in S3 ({@code import_pgdata}); the call returns when the import started.
     *
     * @param idempotencyKey any string; repeating the request with the same key is safe
     */
    static ImportPgdata importPgdata(TimelineId newTimelineId, String idempotencyKey, String region, String bucket, String keyPrefix) {
        return new ImportPgdata(newTimelineId, idempotencyKey, new S3Location(region, bucket, keyPrefix));
    }

    /**
     * {@code {"new_timeline_id", "pg_version"?}}: a new root timeline.
     *
     * @param newTimelineId the new timeline
     * @param pgVersion     Postgres major version 14..17, or empty for the pageserver's default (17)
     */
    record Bootstrap(TimelineId newTimelineId, Optional<Integer> pgVersion) implements CreateTimelineRequest {
        public Bootstrap {
            Validate.notNull("newTimelineId", newTimelineId);
            pgVersion = pgVersion == null ? Optional.empty() : pgVersion;
            pgVersion.ifPresent(v -> {
                if (v < 14 || v > 17) {
                    throw new IllegalArgumentException("pgVersion must be a Postgres major version 14..17, got " + v);
                }
            });
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @JsonValue
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("new_timeline_id", newTimelineId);
            pgVersion.ifPresent(v -> m.put("pg_version", v));
            return m;
        }
    }

    /**
     * {@code {"new_timeline_id", "ancestor_timeline_id", "ancestor_start_lsn"?, "read_only"?}}: a branch. The LSN is sent
     * as {@code ancestor_start_lsn} (never {@code ancestor_start}, which upstream ignores).
     *
     * @param newTimelineId      the new timeline
     * @param ancestorTimelineId the timeline to branch from
     * @param ancestorStartLsn   the branch point, or empty for the ancestor's current end of WAL
     * @param readOnly           create no safekeeper timeline (a read-only branch)
     */
    record Branch(TimelineId newTimelineId, TimelineId ancestorTimelineId, Optional<Lsn> ancestorStartLsn, boolean readOnly)
            implements CreateTimelineRequest {
        public Branch {
            Validate.notNull("newTimelineId", newTimelineId);
            Validate.notNull("ancestorTimelineId", ancestorTimelineId);
            if (newTimelineId.equals(ancestorTimelineId)) {
                throw new IllegalArgumentException("a branch needs a new timeline id different from its ancestor " + ancestorTimelineId);
            }
            ancestorStartLsn = ancestorStartLsn == null ? Optional.empty() : ancestorStartLsn;
            ancestorStartLsn.ifPresent(l -> {
                if (l.equals(Lsn.ZERO)) {
                    throw new IllegalArgumentException("ancestorStartLsn 0/0 is not a valid branch point");
                }
            });
        }

        /** This branch taken at {@code lsn} of the ancestor ({@code ancestor_start_lsn}). */
        public Branch at(Lsn lsn) {
            return new Branch(newTimelineId, ancestorTimelineId, Optional.of(Validate.notNull("lsn", lsn)), readOnly);
        }

        /** This branch as a read-only timeline ({@code "read_only": true}). */
        public Branch asReadOnly() {
            return new Branch(newTimelineId, ancestorTimelineId, ancestorStartLsn, true);
        }

        /** Only with an explicit LSN: a retry without one can branch at a later LSN and get 409. */
        @Override
        public boolean isRepeatable() {
            return ancestorStartLsn.isPresent();
        }

        @JsonValue
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("new_timeline_id", newTimelineId);
            m.put("ancestor_timeline_id", ancestorTimelineId);
            ancestorStartLsn.ifPresent(l -> m.put("ancestor_start_lsn", l));
            if (readOnly) {
                m.put("read_only", true);
            }
            return m;
        }
    }

    /**
     * {@code {"new_timeline_id", "import_pgdata": {"idempotency_key", "location": {"AwsS3": {…}}}}}.
     *
     * @param newTimelineId  the new timeline
     * @param idempotencyKey any non-blank string identifying this import
     * @param location       where the PGDATA copy is
     */
    record ImportPgdata(TimelineId newTimelineId, String idempotencyKey, S3Location location) implements CreateTimelineRequest {
        public ImportPgdata {
            Validate.notNull("newTimelineId", newTimelineId);
            Validate.nonBlank("idempotencyKey", idempotencyKey);
            Validate.notNull("location", location);
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @JsonValue
        Map<String, Object> toJson() {
            Map<String, Object> s3 = new LinkedHashMap<>();
            s3.put("region", location.region());
            s3.put("bucket", location.bucket());
            s3.put("key", location.keyPrefix());
            Map<String, Object> importPgdata = new LinkedHashMap<>();
            importPgdata.put("idempotency_key", idempotencyKey);
            importPgdata.put("location", Map.of("AwsS3", s3));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("new_timeline_id", newTimelineId);
            m.put("import_pgdata", importPgdata);
            return m;
        }
    }

    /**
     * {@code ImportPgdataLocation::AwsS3}.
     *
     * @param region    the bucket's region
     * @param bucket    the bucket
     * @param keyPrefix the key prefix of the PGDATA copy (upstream calls it {@code key})
     */
    record S3Location(String region, String bucket, String keyPrefix) {
        public S3Location {
            Validate.nonBlank("region", region);
            Validate.nonBlank("bucket", bucket);
            Validate.nonBlank("keyPrefix", keyPrefix);
        }
    }
}
