package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A timeline as one pageserver shard reports it: the answer of {@code GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}}
 * and of timeline create on a pageserver, and of the same calls on the controller (shard 0's answer). It has all 31
 * fields of {@code TimelineInfo} in upstream {@code libs/pageserver_api/src/models.rs} at 6a35a3e9f1, in upstream's
 * order, plus {@code safekeepers} from the controller's create answer ({@code TimelineCreateResponseStorcon}, which
 * flattens a {@code TimelineInfo} beside it). Sizes and LSNs are per shard.
 *
 * @param tenantShardId                    the shard that answered (upstream's {@code tenant_id} field holds a shard id)
 * @param timelineId                       the timeline
 * @param ancestorTimelineId               the parent branch, absent for a root timeline
 * @param ancestorLsn                      the branch point on the parent
 * @param lastRecordLsn                    the end of the WAL ingested
 * @param prevRecordLsn                    the start of the last record
 * @param appliedGcCutoffLsn               how far GC has advanced; not a safe branch point (use {@code minReadableLsn})
 * @param minReadableLsn                   the oldest LSN still readable: the lowest safe branch point
 * @param diskConsistentLsn                flushed to local layer files
 * @param remoteConsistentLsn              uploaded to remote storage
 * @param remoteConsistentLsnVisible       uploaded and advertised to safekeepers (they may trim WAL below it)
 * @param initdbLsn                        where initdb ended on the root timeline
 * @param currentLogicalSize               logical size in bytes (maybe approximate)
 * @param currentLogicalSizeIsAccurate     whether that size is exact
 * @param directoryEntriesCounts           per-directory entry counts, as upstream reports them
 * @param currentPhysicalSize              bytes of layer files, absent when the timeline is unloaded
 * @param currentLogicalSizeNonIncremental only with {@code include-non-incremental-logical-size}
 * @param pitrHistorySize                  WAL bytes within the PITR interval
 * @param withinAncestorPitr               whether the branch point is within the ancestor's PITR window
 * @param timelineDirLayerFileSizeSum      only with the non-incremental size flags
 * @param walSourceConnstr                 the safekeeper the WAL receiver reads from
 * @param lastReceivedMsgLsn               LSN of the last WAL receiver message
 * @param lastReceivedMsgTs                its time in microseconds since the Unix epoch ({@code u128} upstream)
 * @param pgVersion                        Postgres major version
 * @param state                            in-memory state, including {@link TimelineState.Broken}
 * @param walreceiverStatus                free text such as {@code "Not active"}
 * @param isArchived                       whether the timeline is archived (older pageservers omit it)
 * @param relSizeMigration                 the relation-size format
 * @param relSizeMigratedAt                where the migration happened
 * @param isInvisible                      whether it is hidden from synthetic size
 * @param imageConsistentLsn               below it every page is in image layers (newer pageservers, on request)
 * @param safekeepers                      the safekeepers chosen for a new timeline, only in the controller's create answer
 */
public record Timeline(@JsonProperty("tenant_id") TenantShardId tenantShardId, TimelineId timelineId,
                       Optional<TimelineId> ancestorTimelineId, Optional<Lsn> ancestorLsn, Lsn lastRecordLsn,
                       Optional<Lsn> prevRecordLsn, Lsn appliedGcCutoffLsn, Lsn minReadableLsn, Lsn diskConsistentLsn,
                       Lsn remoteConsistentLsn, Lsn remoteConsistentLsnVisible, Lsn initdbLsn, long currentLogicalSize,
                       boolean currentLogicalSizeIsAccurate, List<Long> directoryEntriesCounts,
                       Optional<Long> currentPhysicalSize, Optional<Long> currentLogicalSizeNonIncremental,
                       long pitrHistorySize, boolean withinAncestorPitr, Optional<Long> timelineDirLayerFileSizeSum,
                       Optional<String> walSourceConnstr, Optional<Lsn> lastReceivedMsgLsn,
                       Optional<BigInteger> lastReceivedMsgTs, int pgVersion, TimelineState state,
                       String walreceiverStatus, Optional<Boolean> isArchived, Optional<RelSizeMigration> relSizeMigration,
                       Optional<Lsn> relSizeMigratedAt, Optional<Boolean> isInvisible, Optional<Lsn> imageConsistentLsn,
                       Optional<Safekeepers> safekeepers) {

    /** Checks the components: refuses a null component, naming it, and copies lists and maps (unmodifiable). */
    public Timeline {
        Objects.requireNonNull(tenantShardId, "tenantShardId");
        Objects.requireNonNull(timelineId, "timelineId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastRecordLsn, "lastRecordLsn");
        Objects.requireNonNull(diskConsistentLsn, "diskConsistentLsn");
        Objects.requireNonNull(remoteConsistentLsn, "remoteConsistentLsn");
        Objects.requireNonNull(remoteConsistentLsnVisible, "remoteConsistentLsnVisible");
        Objects.requireNonNull(initdbLsn, "initdbLsn");
        ancestorTimelineId = orEmpty(ancestorTimelineId);
        ancestorLsn = orEmpty(ancestorLsn);
        prevRecordLsn = orEmpty(prevRecordLsn);
        // #[serde(default)] upstream: older pageservers omit these two
        appliedGcCutoffLsn = appliedGcCutoffLsn == null ? Lsn.ZERO : appliedGcCutoffLsn;
        minReadableLsn = minReadableLsn == null ? Lsn.ZERO : minReadableLsn;
        directoryEntriesCounts = directoryEntriesCounts == null ? List.of() : List.copyOf(directoryEntriesCounts);
        currentPhysicalSize = orEmpty(currentPhysicalSize);
        currentLogicalSizeNonIncremental = orEmpty(currentLogicalSizeNonIncremental);
        timelineDirLayerFileSizeSum = orEmpty(timelineDirLayerFileSizeSum);
        walSourceConnstr = orEmpty(walSourceConnstr);
        lastReceivedMsgLsn = orEmpty(lastReceivedMsgLsn);
        lastReceivedMsgTs = orEmpty(lastReceivedMsgTs);
        walreceiverStatus = walreceiverStatus == null ? "" : walreceiverStatus;
        isArchived = orEmpty(isArchived);
        relSizeMigration = orEmpty(relSizeMigration);
        relSizeMigratedAt = orEmpty(relSizeMigratedAt);
        isInvisible = orEmpty(isInvisible);
        imageConsistentLsn = orEmpty(imageConsistentLsn);
        safekeepers = orEmpty(safekeepers);
    }

    private static <T> Optional<T> orEmpty(Optional<T> o) {
        return o == null ? Optional.empty() : o;
    }

    /** The tenant (without the shard suffix). */
    public TenantId tenantId() {
        return tenantShardId.tenantId();
    }

    /** True for {@link TimelineState.Broken}. */
    public boolean isBroken() {
        return state.isBroken();
    }

    /**
     * The safekeepers and membership generation of a timeline created through the controller (mirrors
     * {@code SafekeepersInfo} in upstream {@code libs/pageserver_api/src/models.rs}).
     *
     * @param tenantId    the tenant
     * @param timelineId  the timeline
     * @param generation  the safekeeper membership generation
     * @param safekeepers the members
     */
    public record Safekeepers(TenantId tenantId, TimelineId timelineId, long generation, List<Member> safekeepers) {
        /** Checks the components: refuses a null component, naming it, and copies lists and maps (unmodifiable). */
        public Safekeepers {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(timelineId, "timelineId");
            safekeepers = safekeepers == null ? List.of() : List.copyOf(safekeepers);
        }

        /**
         * A member's id and host name (mirrors {@code SafekeeperInfo}).
         *
         * @param id       the safekeeper's node id
         * @param hostname its host name
         */
        public record Member(NodeId id, String hostname) {
            /** Checks the components: refuses a null component, naming it. */
            public Member {
                Objects.requireNonNull(id, "id");
                hostname = hostname == null ? "" : hostname;
            }
        }
    }
}
