package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /v1/tenant/{tenant_shard_id}/timeline}. Upstream's {@code TimelineCreateRequest}
 * ({@code libs/pageserver_api/src/models.rs}) flattens an <em>untagged</em> mode enum and ignores unknown fields, so a
 * misspelt key silently turns a branch into a bootstrap; these records only ever produce the three exact shapes.
 */
public sealed interface CreateTimelineRequest {

    /** The id of the timeline to create. */
    TimelineId newTimelineId();

    /** A new root timeline (runs initdb) with the pageserver's default Postgres version. */
    static Bootstrap bootstrap(TimelineId newTimelineId) {
        return new Bootstrap(newTimelineId, Optional.empty(), Optional.empty());
    }

    /** A new root timeline of Postgres major version {@code pgVersion} (14 or newer). */
    static Bootstrap bootstrap(TimelineId newTimelineId, int pgVersion) {
        return new Bootstrap(newTimelineId, Optional.of(pgVersion), Optional.empty());
    }

    /**
     * A branch of {@code ancestorTimelineId} at the ancestor's current end. Prefer {@link Branch#at(Lsn)}: a retry
     * without an LSN can conflict (409) once the ancestor has advanced.
     */
    static Branch branch(TimelineId newTimelineId, TimelineId ancestorTimelineId) {
        return new Branch(newTimelineId, ancestorTimelineId, Optional.empty(), false);
    }

    /** A timeline imported from a PGDATA copy in S3; completion is reported to the control plane, not here. */
    static ImportPgdata importPgdata(TimelineId newTimelineId, String idempotencyKey, S3Location location) {
        return new ImportPgdata(newTimelineId, new ImportPgdata.Spec(idempotencyKey, location));
    }

    /**
     * Mode {@code Bootstrap}: {@code {"new_timeline_id", "pg_version"?, "existing_initdb_timeline_id"?}}.
     *
     * @param newTimelineId             the timeline to create
     * @param pgVersion                 Postgres major version; the pageserver's default (17) when absent
     * @param existingInitdbTimelineId  reuse another timeline's preserved initdb archive (disaster recovery)
     */
    record Bootstrap(TimelineId newTimelineId, Optional<Integer> pgVersion, Optional<TimelineId> existingInitdbTimelineId)
            implements CreateTimelineRequest {
        public Bootstrap {
            requireId(newTimelineId);
            pgVersion = pgVersion == null ? Optional.empty() : pgVersion;
            existingInitdbTimelineId = existingInitdbTimelineId == null ? Optional.empty() : existingInitdbTimelineId;
            pgVersion.ifPresent(CreateTimelineRequest::checkPgVersion);
        }

        /** A copy that recreates the timeline from the initdb archive preserved from {@code timeline}. */
        public Bootstrap fromInitdbOf(TimelineId timeline) {
            if (timeline == null) {
                throw new IllegalArgumentException("existingInitdbTimelineId must not be null");
            }
            return new Bootstrap(newTimelineId, pgVersion, Optional.of(timeline));
        }
    }

    /**
     * Mode {@code Branch}: {@code {"new_timeline_id", "ancestor_timeline_id", "ancestor_start_lsn"?, "read_only"?}}.
     * {@code pg_version} is not sent: upstream ignores it for branches (the child inherits the ancestor's).
     *
     * @param newTimelineId      the timeline to create
     * @param ancestorTimelineId the parent
     * @param ancestorStartLsn   the branch point; the ancestor's {@code last_record_lsn} when absent
     * @param readOnly           create no safekeeper timeline (sent only when true)
     */
    record Branch(TimelineId newTimelineId, TimelineId ancestorTimelineId, Optional<Lsn> ancestorStartLsn,
                  @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean readOnly) implements CreateTimelineRequest {
        public Branch {
            requireId(newTimelineId);
            if (ancestorTimelineId == null) {
                throw new IllegalArgumentException("a branch needs ancestorTimelineId");
            }
            if (ancestorTimelineId.equals(newTimelineId)) {
                throw new IllegalArgumentException("a branch cannot be its own ancestor: " + newTimelineId);
            }
            ancestorStartLsn = ancestorStartLsn == null ? Optional.empty() : ancestorStartLsn;
        }

        /** The same branch taken at {@code lsn} (sent as {@code ancestor_start_lsn}). */
        public Branch at(Lsn lsn) {
            if (lsn == null) {
                throw new IllegalArgumentException("ancestorStartLsn must not be null");
            }
            return new Branch(newTimelineId, ancestorTimelineId, Optional.of(lsn), readOnly);
        }

        /** The same branch without a safekeeper timeline (for read replicas and static computes). */
        public Branch asReadOnly() {
            return new Branch(newTimelineId, ancestorTimelineId, ancestorStartLsn, true);
        }
    }

    /**
     * Mode {@code ImportPgdata}: {@code {"new_timeline_id", "import_pgdata": {"idempotency_key", "location"}}}.
     *
     * @param newTimelineId the timeline to create
     * @param importPgdata  what to import
     */
    record ImportPgdata(TimelineId newTimelineId, Spec importPgdata) implements CreateTimelineRequest {
        public ImportPgdata {
            requireId(newTimelineId);
            if (importPgdata == null) {
                throw new IllegalArgumentException("importPgdata must not be null");
            }
        }

        /**
         * Upstream {@code TimelineCreateRequestModeImportPgdata}.
         *
         * @param idempotencyKey any string; a retry with the same key continues the same import
         * @param location       where the PGDATA copy is
         */
        public record Spec(String idempotencyKey, S3Location location) {
            public Spec {
                if (idempotencyKey == null || idempotencyKey.isBlank()) {
                    throw new IllegalArgumentException("idempotencyKey must be a non-blank string");
                }
                if (location == null) {
                    throw new IllegalArgumentException("import location must not be null");
                }
            }
        }
    }

    /**
     * An S3 prefix holding a PGDATA copy; on the wire {@code {"AwsS3": {"region", "bucket", "key"}}} (upstream
     * {@code ImportPgdataLocation::AwsS3}).
     *
     * @param region AWS region
     * @param bucket bucket name
     * @param key    key prefix
     */
    record S3Location(@JsonIgnore String region, @JsonIgnore String bucket, @JsonIgnore String key) {
        public S3Location {
            for (var e : Map.of("region", String.valueOf(region), "bucket", String.valueOf(bucket), "key", String.valueOf(key)).entrySet()) {
                if (e.getValue().equals("null") || e.getValue().isBlank()) {
                    throw new IllegalArgumentException("S3 location needs a non-blank " + e.getKey());
                }
            }
        }

        @JsonProperty("AwsS3")
        Map<String, String> awsS3() {
            return Map.of("region", region, "bucket", bucket, "key", key);
        }
    }

    private static void requireId(TimelineId id) {
        if (id == null) {
            throw new IllegalArgumentException("newTimelineId must not be null");
        }
    }

    private static void checkPgVersion(int v) {
        if (v < 14 || v > 99) {
            throw new IllegalArgumentException("pgVersion must be a Postgres major version such as 16 (14 or newer), got " + v);
        }
    }
}
