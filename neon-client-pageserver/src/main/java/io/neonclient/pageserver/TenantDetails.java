package io.neonclient.pageserver;

import io.neonclient.core.Generation;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One tenant shard in detail: the answer of {@code GET /v1/tenant/{tenant_shard_id}} (mirrors {@code TenantDetails}
 * in upstream {@code libs/pageserver_api/src/models.rs}: {@code TenantInfo} flattened, plus WAL-redo status and the
 * timeline ids).
 *
 * @param id                  the shard
 * @param state               its state
 * @param currentPhysicalSize bytes of layer files
 * @param attachmentStatus    whether attaching finished
 * @param generation          the attachment generation
 * @param gcBlocking          why GC is blocked, if it is
 * @param walredo             the WAL-redo process, if one ran
 * @param timelines           the shard's timelines
 */
public record TenantDetails(TenantShardId id, TenantState state, Optional<Long> currentPhysicalSize,
                            AttachmentStatus attachmentStatus, Generation generation, Optional<String> gcBlocking,
                            Optional<WalRedo> walredo, List<TimelineId> timelines) {
    public TenantDetails {
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
    }

    /** The summary part, as the tenant list shows it. */
    public TenantInfo info() {
        return new TenantInfo(id, state, currentPhysicalSize, attachmentStatus, generation, gcBlocking);
    }

    /**
     * The WAL-redo manager's status (upstream {@code WalRedoManagerStatus}).
     *
     * @param lastRedoAt when it last applied records
     * @param process    the running process, if any
     */
    public record WalRedo(Optional<Instant> lastRedoAt, Optional<Process> process) {}

    /**
     * A WAL-redo process.
     *
     * @param pid its process id
     */
    public record Process(long pid) {}
}
