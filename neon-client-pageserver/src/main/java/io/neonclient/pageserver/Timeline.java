package io.neonclient.pageserver;

import io.neonclient.core.Lsn;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * One timeline as one pageserver shard sees it: the answer of {@code GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}}
 * and of timeline create (mirrors {@code TimelineInfo} in upstream {@code libs/pageserver_api/src/models.rs}).
 *
 * @param tenantId                          the shard the numbers belong to (sizes are per shard)
 * @param timelineId                        the timeline
 * @param ancestorTimelineId                the parent branch, absent for a root timeline
 * @param ancestorLsn                       the branch point on the parent
 * @param lastRecordLsn                     the newest WAL record ingested
 * @param prevRecordLsn                     the record before it
 * @param appliedGcCutoffLsn                how far GC has advanced; not a safe branch point (use {@code minReadableLsn})
 * @param minReadableLsn                    the oldest LSN still readable: the lowest safe branch point
 * @param diskConsistentLsn                 flushed to local layer files
 * @param remoteConsistentLsn               uploaded to remote storage
 * @param remoteConsistentLsnVisible        uploaded and visible to safekeepers (they may trim WAL below it)
 * @param initdbLsn                         where initdb ended
 * @param currentLogicalSize                logical size in bytes (maybe approximate)
 * @param currentLogicalSizeIsAccurate      whether that size is exact
 * @param directoryEntriesCounts            per-directory entry counts, as upstream reports them
 * @param currentPhysicalSize               bytes of layer files, absent when unloaded
 * @param currentLogicalSizeNonIncremental  only with {@code include-non-incremental-logical-size}
 * @param pitrHistorySize                   bytes kept for point-in-time recovery
 * @param withinAncestorPitr                whether the branch point is inside the parent's PITR window
 * @param timelineDirLayerFileSizeSum       only with the non-incremental size flags
 * @param walSourceConnstr                  the safekeeper the WAL receiver reads from
 * @param lastReceivedMsgLsn                LSN of the last WAL receiver message
 * @param lastReceivedMsgTs                 its time, microseconds since the Unix epoch (u128 upstream)
 * @param pgVersion                         Postgres major version
 * @param state                             in-memory state, including {@link TimelineState.Broken}
 * @param walreceiverStatus                 free text such as {@code "Not active"}
 * @param isArchived                        archival state (older pageservers omit it)
 * @param relSizeMigration                  relation-size format
 * @param relSizeMigratedAt                 where the migration happened
 * @param isInvisible                       hidden from listings
 * @param imageConsistentLsn                everything below is in image layers (only on request, newer servers)
 */
public record Timeline(TenantShardId tenantId, TimelineId timelineId, Optional<TimelineId> ancestorTimelineId,
                       Optional<Lsn> ancestorLsn, Lsn lastRecordLsn, Optional<Lsn> prevRecordLsn, Lsn appliedGcCutoffLsn,
                       Lsn minReadableLsn, Lsn diskConsistentLsn, Lsn remoteConsistentLsn, Lsn remoteConsistentLsnVisible,
                       Lsn initdbLsn, long currentLogicalSize, boolean currentLogicalSizeIsAccurate,
                       List<Long> directoryEntriesCounts, Optional<Long> currentPhysicalSize,
                       Optional<Long> currentLogicalSizeNonIncremental, long pitrHistorySize, boolean withinAncestorPitr,
                       Optional<Long> timelineDirLayerFileSizeSum, Optional<String> walSourceConnstr,
                       Optional<Lsn> lastReceivedMsgLsn, Optional<BigInteger> lastReceivedMsgTs, int pgVersion,
                       TimelineState state, String walreceiverStatus, Optional<Boolean> isArchived,
                       Optional<RelSizeMigration> relSizeMigration, Optional<Lsn> relSizeMigratedAt,
                       Optional<Boolean> isInvisible, Optional<Lsn> imageConsistentLsn) {

    public Timeline {
        // serde(default) upstream: older pageservers omit these two.
        appliedGcCutoffLsn = appliedGcCutoffLsn == null ? Lsn.ZERO : appliedGcCutoffLsn;
        minReadableLsn = minReadableLsn == null ? Lsn.ZERO : minReadableLsn;
        directoryEntriesCounts = directoryEntriesCounts == null ? List.of() : List.copyOf(directoryEntriesCounts);
        walreceiverStatus = walreceiverStatus == null ? "" : walreceiverStatus;
    }
}
