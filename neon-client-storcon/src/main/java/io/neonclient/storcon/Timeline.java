package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.util.List;
import java.util.Optional;

/**
 * A timeline as one pageserver shard reports it: {@code TimelineInfo} in upstream
 * {@code libs/pageserver_api/src/models.rs} (through the controller: shard 0's), plus {@code safekeepers} from the
 * controller's create answer ({@code TimelineCreateResponseStorcon}).
 *
 * @param tenantShardId               the shard that answered (upstream's {@code tenant_id} field holds a shard id)
 * @param timelineId                  the timeline
 * @param ancestorTimelineId          the parent, for a branch
 * @param ancestorLsn                 the branch point, for a branch
 * @param lastRecordLsn               end of the WAL ingested
 * @param prevRecordLsn               start of the last record
 * @param appliedGcCutoffLsn          how far GC has advanced
 * @param minReadableLsn              the oldest LSN one may branch or read at
 * @param diskConsistentLsn           flushed to local layers
 * @param remoteConsistentLsn         uploaded to remote storage
 * @param remoteConsistentLsnVisible  what safekeepers are told is uploaded
 * @param initdbLsn                   the root timeline's initdb LSN
 * @param currentLogicalSize          logical size in bytes
 * @param currentLogicalSizeIsAccurate whether that size is final
 * @param currentPhysicalSize         sum of layer file sizes, when loaded
 * @param pitrHistorySize             WAL bytes within the PITR interval
 * @param withinAncestorPitr          whether the branch point is within the ancestor's PITR window
 * @param walSourceConnstr            the safekeeper WAL is received from
 * @param lastReceivedMsgLsn          LSN of the last WAL message
 * @param pgVersion                   Postgres major version
 * @param state                       Loading, Active, Stopping or Broken
 * @param walreceiverStatus           the WAL receiver's status text
 * @param isArchived                  whether the timeline is archived
 * @param isInvisible                 whether it is hidden from synthetic size
 * @param relSizeMigration            {@code legacy}, {@code migrating} or {@code migrated}
 * @param imageConsistentLsn          LSN below which image layers cover every page (newer pageservers)
 * @param safekeepers                 the safekeepers chosen for a new timeline, from the controller's create answer
 */
public record Timeline(@JsonProperty("tenant_id") TenantShardId tenantShardId, TimelineId timelineId,
                       Optional<TimelineId> ancestorTimelineId, Optional<Lsn> ancestorLsn, Lsn lastRecordLsn,
                       Optional<Lsn> prevRecordLsn, Lsn appliedGcCutoffLsn, Lsn minReadableLsn, Lsn diskConsistentLsn,
                       Lsn remoteConsistentLsn, Lsn remoteConsistentLsnVisible, Lsn initdbLsn, long currentLogicalSize,
                       boolean currentLogicalSizeIsAccurate, Optional<Long> currentPhysicalSize, long pitrHistorySize,
                       boolean withinAncestorPitr, Optional<String> walSourceConnstr, Optional<Lsn> lastReceivedMsgLsn,
                       int pgVersion, TimelineState state, String walreceiverStatus,
                       @JsonProperty("is_archived") Optional<Boolean> isArchived,
                       @JsonProperty("is_invisible") Optional<Boolean> isInvisible,
                       Optional<String> relSizeMigration, Optional<Lsn> imageConsistentLsn,
                       Optional<Safekeepers> safekeepers) {

    public Timeline {
        ancestorTimelineId = orEmpty(ancestorTimelineId);
        ancestorLsn = orEmpty(ancestorLsn);
        prevRecordLsn = orEmpty(prevRecordLsn);
        appliedGcCutoffLsn = appliedGcCutoffLsn == null ? Lsn.ZERO : appliedGcCutoffLsn; // #[serde(default)] upstream
        minReadableLsn = minReadableLsn == null ? Lsn.ZERO : minReadableLsn;
        currentPhysicalSize = orEmpty(currentPhysicalSize);
        walSourceConnstr = orEmpty(walSourceConnstr);
        lastReceivedMsgLsn = orEmpty(lastReceivedMsgLsn);
        isArchived = orEmpty(isArchived);
        isInvisible = orEmpty(isInvisible);
        relSizeMigration = orEmpty(relSizeMigration);
        imageConsistentLsn = orEmpty(imageConsistentLsn);
        safekeepers = orEmpty(safekeepers);
        walreceiverStatus = walreceiverStatus == null ? "" : walreceiverStatus;
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
        return state instanceof TimelineState.Broken;
    }

    /**
     * {@code SafekeepersInfo}: the safekeepers and membership generation of a timeline created through the controller.
     *
     * @param tenantId    the tenant
     * @param timelineId  the timeline
     * @param generation  the safekeeper membership generation
     * @param safekeepers the members
     */
    public record Safekeepers(TenantId tenantId, TimelineId timelineId, long generation, List<Member> safekeepers) {
        public Safekeepers {
            safekeepers = safekeepers == null ? List.of() : List.copyOf(safekeepers);
        }

        /** {@code SafekeeperInfo}: a member's id and host name. */
        public record Member(NodeId id, String hostname) {}
    }
}
