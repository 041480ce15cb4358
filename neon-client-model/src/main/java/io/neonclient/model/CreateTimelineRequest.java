package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /v1/tenant/{tenant_id}/timeline} on the controller and of
 * {@code POST /v1/tenant/{tenant_shard_id}/timeline} on a pageserver: {@code TimelineCreateRequest} with its flattened,
 * <em>untagged</em> {@code TimelineCreateRequestMode} in upstream {@code libs/pageserver_api/src/models.rs}. Upstream
 * ignores unknown fields and takes the first mode that matches (Branch, ImportPgdata, then the all-optional
 * Bootstrap), so a misspelt key silently turns a branch into a bootstrap; these records only ever produce upstream's
 * exact field names for each mode.
 */
public sealed interface CreateTimelineRequest
        permits CreateTimelineRequest.Bootstrap, CreateTimelineRequest.Branch, CreateTimelineRequest.ImportPgdata {

    /**
     * The Postgres major versions upstream accepts for {@code pg_version} ({@code PgMajorVersion} in upstream
     * {@code libs/postgres_versioninfo/src/lib.rs}: 14, 15, 16 and 17 at 6a35a3e9f1). Any other number fails the untagged
     * match there with a generic 400, so it is refused here before sending.
     */
    List<Integer> PG_VERSIONS = List.of(14, 15, 16, 17);

    /** The id of the timeline to create ({@code new_timeline_id}). */
    TimelineId newTimelineId();

    /**
     * True when sending the request twice has the same effect as once (upstream answers an identical repeat with
     * success); a branch without an LSN is not, as its branch point moves with the ancestor.
     */
    boolean isRepeatable();

    /** A new root timeline (runs initdb) with the server's default Postgres version (17). */
    static Bootstrap bootstrap(TimelineId newTimelineId) {
        return new Bootstrap(newTimelineId, Optional.empty(), Optional.empty());
    }

    /**
     * A new root timeline of Postgres major version {@code pgVersion}.
     *
     * @throws IllegalArgumentException when {@code pgVersion} is not one of {@link #PG_VERSIONS}
     */
    static Bootstrap bootstrap(TimelineId newTimelineId, int pgVersion) {
        return new Bootstrap(newTimelineId, Optional.of(pgVersion), Optional.empty());
    }

    /**
     * A branch of {@code ancestorTimelineId}. Without {@link Branch#at(Lsn)} the pageserver branches at the ancestor's
     * current end of WAL, and a retry can branch later; give an LSN for a point-in-time branch.
     */
    static Branch branch(TimelineId newTimelineId, TimelineId ancestorTimelineId) {
        return new Branch(newTimelineId, ancestorTimelineId, Optional.empty(), false);
    }

    /**
     * A timeline imported from a PGDATA copy in S3 ({@code import_pgdata}); the call returns when the import started and
     * completion is reported to the control plane.
     *
     * @param idempotencyKey any non-blank string; repeating the request with the same key continues the same import
     */
    static ImportPgdata importPgdata(TimelineId newTimelineId, String idempotencyKey, S3Location location) {
        return new ImportPgdata(newTimelineId, new ImportPgdata.Spec(idempotencyKey, location));
    }

    /**
     * Mode {@code Bootstrap}: {@code {"new_timeline_id", "pg_version"?, "existing_initdb_timeline_id"?}}.
     *
     * @param newTimelineId            the timeline to create
     * @param pgVersion                Postgres major version (one of {@link #PG_VERSIONS}), or empty for the server's default
     * @param existingInitdbTimelineId run no initdb but reuse the initdb archive preserved from this timeline (WAL-replay
     *                                 recovery: the new root timeline starts from the same initdb as the lost one)
     */
    record Bootstrap(TimelineId newTimelineId, Optional<Integer> pgVersion, Optional<TimelineId> existingInitdbTimelineId)
            implements CreateTimelineRequest {
        /** Checks the components: refuses a null component, naming it, and refuses a bad value with an {@link IllegalArgumentException} naming the field. */
        public Bootstrap {
            Objects.requireNonNull(newTimelineId, "newTimelineId");
            pgVersion = pgVersion == null ? Optional.empty() : pgVersion;
            existingInitdbTimelineId = existingInitdbTimelineId == null ? Optional.empty() : existingInitdbTimelineId;
            pgVersion.ifPresent(v -> {
                if (!PG_VERSIONS.contains(v)) {
                    throw new IllegalArgumentException("pg_version must be a Postgres major version upstream accepts "
                            + "(14, 15, 16 or 17), got " + v);
                }
            });
        }

        /**
         * This bootstrap reusing the initdb archive preserved from {@code timeline} ({@code existing_initdb_timeline_id});
         * preserve it first with {@code preserve_initdb_archive} on the pageserver.
         */
        public Bootstrap fromInitdbOf(TimelineId timeline) {
            return new Bootstrap(newTimelineId, pgVersion, Optional.of(Objects.requireNonNull(timeline, "timeline")));
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @JsonValue
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("new_timeline_id", newTimelineId);
            existingInitdbTimelineId.ifPresent(id -> m.put("existing_initdb_timeline_id", id));
            pgVersion.ifPresent(v -> m.put("pg_version", v));
            return m;
        }
    }

    /**
     * Mode {@code Branch}: {@code {"new_timeline_id", "ancestor_timeline_id", "ancestor_start_lsn"?, "read_only"?}}. The
     * LSN is sent as {@code ancestor_start_lsn} (never {@code ancestor_start}, which upstream ignores); {@code pg_version}
     * is not sent (upstream ignores it for branches: the child inherits the ancestor's).
     *
     * @param newTimelineId      the timeline to create
     * @param ancestorTimelineId the timeline to branch from
     * @param ancestorStartLsn   the branch point, or empty for the ancestor's current end of WAL
     * @param readOnly           create no safekeeper timeline (for read replicas and static computes; sent only when true)
     */
    record Branch(TimelineId newTimelineId, TimelineId ancestorTimelineId, Optional<Lsn> ancestorStartLsn, boolean readOnly)
            implements CreateTimelineRequest {
        /** Checks the components: refuses a null component, naming it, and refuses a bad value with an {@link IllegalArgumentException} naming the field. */
        public Branch {
            Objects.requireNonNull(newTimelineId, "newTimelineId");
            Objects.requireNonNull(ancestorTimelineId, "ancestorTimelineId");
            if (newTimelineId.equals(ancestorTimelineId)) {
                throw new IllegalArgumentException("ancestorTimelineId must differ from newTimelineId (a branch cannot be "
                        + "its own ancestor), got " + ancestorTimelineId);
            }
            ancestorStartLsn = ancestorStartLsn == null ? Optional.empty() : ancestorStartLsn;
            ancestorStartLsn.ifPresent(l -> {
                if (l.equals(Lsn.ZERO)) {
                    throw new IllegalArgumentException("ancestor_start_lsn must be a real branch point, got 0/0");
                }
            });
        }

        /** This branch taken at {@code lsn} of the ancestor ({@code ancestor_start_lsn}). */
        public Branch at(Lsn lsn) {
            return new Branch(newTimelineId, ancestorTimelineId, Optional.of(Objects.requireNonNull(lsn, "lsn")), readOnly);
        }

        /**
         * This branch pinned at the LSN {@code existing} was branched at, when {@code existing} is this branch (same
         * id and ancestor): the identical repeat of a creation whose answer was lost. Empty when it is something else.
         */
        public Optional<Branch> pinnedTo(Timeline existing) {
            Objects.requireNonNull(existing, "existing");
            boolean same = existing.timelineId().equals(newTimelineId)
                    && existing.ancestorTimelineId().equals(Optional.of(ancestorTimelineId))
                    && ancestorStartLsn.map(l -> existing.ancestorLsn().equals(Optional.of(l))).orElse(true);
            return same ? existing.ancestorLsn().map(this::at) : Optional.empty();
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
     * Mode {@code ImportPgdata}: {@code {"new_timeline_id", "import_pgdata": {"idempotency_key", "location": {"AwsS3": …}}}}.
     *
     * @param newTimelineId the timeline to create
     * @param importPgdata  what to import
     */
    record ImportPgdata(TimelineId newTimelineId, Spec importPgdata) implements CreateTimelineRequest {
        /** Checks the components: refuses a null component, naming it. */
        public ImportPgdata {
            Objects.requireNonNull(newTimelineId, "newTimelineId");
            Objects.requireNonNull(importPgdata, "importPgdata");
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @JsonValue
        Map<String, Object> toJson() {
            Map<String, Object> s3 = new LinkedHashMap<>();
            s3.put("region", importPgdata.location().region());
            s3.put("bucket", importPgdata.location().bucket());
            s3.put("key", importPgdata.location().key());
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("idempotency_key", importPgdata.idempotencyKey());
            spec.put("location", Map.of("AwsS3", s3));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("new_timeline_id", newTimelineId);
            m.put("import_pgdata", spec);
            return m;
        }

        /**
         * What to import (mirrors {@code TimelineCreateRequestModeImportPgdata}).
         *
         * @param idempotencyKey any non-blank string; a retry with the same key continues the same import
         * @param location       where the PGDATA copy is
         */
        public record Spec(String idempotencyKey, S3Location location) {
            /** Checks the components: refuses a null component, naming it, and refuses a bad value with an {@link IllegalArgumentException} naming the field. */
            public Spec {
                Objects.requireNonNull(idempotencyKey, "idempotencyKey");
                Objects.requireNonNull(location, "location");
                if (idempotencyKey.isBlank()) {
                    throw new IllegalArgumentException("idempotency_key must be a non-blank string, got '" + idempotencyKey + "'");
                }
            }
        }
    }

    /**
     * An S3 prefix holding a PGDATA copy; on the wire {@code {"AwsS3": {"region", "bucket", "key"}}} (mirrors
     * {@code ImportPgdataLocation::AwsS3}).
     *
     * @param region the bucket's AWS region
     * @param bucket the bucket
     * @param key    the key prefix of the copy (upstream calls it {@code key})
     */
    record S3Location(String region, String bucket, String key) {
        /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
        public S3Location {
            requireNonBlank("region", region);
            requireNonBlank("bucket", bucket);
            requireNonBlank("key", key);
        }

        private static void requireNonBlank(String field, String value) {
            Objects.requireNonNull(value, field);
            if (value.isBlank()) {
                throw new IllegalArgumentException("S3 location " + field + " must be a non-blank string, got '" + value + "'");
            }
        }
    }
}
