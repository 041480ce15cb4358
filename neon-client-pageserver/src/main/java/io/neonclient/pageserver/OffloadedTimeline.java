package io.neonclient.pageserver;

import io.neonclient.core.Lsn;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.Optional;

/**
 * An archived timeline the pageserver has offloaded (unloaded from memory and local disk, kept in remote storage):
 * {@code OffloadedTimelineInfo} in upstream {@code libs/pageserver_api/src/models.rs}. Unarchiving brings it back.
 *
 * @param tenantId           the shard holding it (upstream names the field {@code tenant_id})
 * @param timelineId         the timeline
 * @param ancestorTimelineId its parent, for a branch
 * @param ancestorRetainLsn  the branch point its parent keeps for it
 * @param archivedAt         when it was archived
 */
public record OffloadedTimeline(TenantShardId tenantId, TimelineId timelineId, Optional<TimelineId> ancestorTimelineId,
                                Optional<Lsn> ancestorRetainLsn, Instant archivedAt) {
    /** A component the wire left out (null) takes its empty or default value. */
    public OffloadedTimeline {
        ancestorTimelineId = ancestorTimelineId == null ? Optional.empty() : ancestorTimelineId;
        ancestorRetainLsn = ancestorRetainLsn == null ? Optional.empty() : ancestorRetainLsn;
    }
}
