package io.neonclient.pageserver;

import io.neonclient.core.Lsn;
import java.util.Objects;
import java.util.Optional;

/**
 * A scheduled gc-compaction job of a timeline, one entry of {@code GET …/timeline/{timeline_id}/compact}: upstream
 * {@code CompactInfoResponse} ({@code libs/pageserver_api/src/models.rs}), listed from the tenant's
 * {@code GcCompactionQueue} ({@code pageserver/src/tenant/timeline/compaction.rs}), the running job first.
 *
 * @param compactKeyRange the keys it compacts, when limited
 * @param compactLsnRange the LSNs it compacts, when limited
 * @param subCompaction   whether it is split into sub-compaction jobs
 * @param running         whether it runs now (otherwise it waits in the queue)
 * @param jobId           the queue's id for it
 */
public record CompactionJob(Optional<KeyRange> compactKeyRange, Optional<LsnRange> compactLsnRange, boolean subCompaction,
                            boolean running, long jobId) {
    /** Absent ranges read as empty. */
    public CompactionJob {
        compactKeyRange = compactKeyRange == null ? Optional.empty() : compactKeyRange;
        compactLsnRange = compactLsnRange == null ? Optional.empty() : compactLsnRange;
    }

    /**
     * Upstream {@code CompactLsnRange}: LSNs {@code [start, end)}; an open end is {@code FFFFFFFF/FFFFFFFF}.
     *
     * @param start the first LSN
     * @param end   the first LSN after the range
     */
    public record LsnRange(Lsn start, Lsn end) {
        /** Both ends are required. */
        public LsnRange {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }
}
