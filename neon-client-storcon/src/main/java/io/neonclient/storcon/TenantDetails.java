package io.neonclient.storcon;

import io.neonclient.core.Generation;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One tenant shard as its pageserver reports it: {@code TenantDetails} in upstream
 * {@code libs/pageserver_api/src/models.rs} ({@code TenantInfo} flattened, plus WAL-redo status and timeline ids).
 * Through the controller ({@link TenantResource#details()}) it is always shard 0's answer. It has no {@code shards}
 * and no placement policy: those are in {@link TenantDescription}.
 *
 * @param id                  the shard that answered, e.g. {@code <tenant>-0002} (the bare tenant id when unsharded)
 * @param state               its state on the pageserver
 * @param currentPhysicalSize bytes of layer files, local or remote, each counted once
 * @param attachmentStatus    whether attaching finished
 * @param generation          the attachment generation
 * @param gcBlocking          why GC is blocked, when it is (upstream omits the field otherwise)
 * @param walredo             the WAL-redo manager's status, when the shard has one
 * @param timelines           the shard's timelines
 */
public record TenantDetails(TenantShardId id, TenantState state, Optional<Long> currentPhysicalSize,
                            TenantAttachmentStatus attachmentStatus, Generation generation, Optional<String> gcBlocking,
                            Optional<WalRedo> walredo, List<TimelineId> timelines) {

    public TenantDetails {
        currentPhysicalSize = currentPhysicalSize == null ? Optional.empty() : currentPhysicalSize;
        gcBlocking = gcBlocking == null ? Optional.empty() : gcBlocking;
        walredo = walredo == null ? Optional.empty() : walredo;
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
    }

    /** The tenant (without the shard suffix). */
    public TenantId tenantId() {
        return id.tenantId();
    }

    /**
     * The WAL-redo manager's status: {@code WalRedoManagerStatus} (models.rs).
     *
     * @param lastRedoAt when it last applied WAL records
     * @param process    the running WAL-redo process, if any
     */
    public record WalRedo(Optional<Instant> lastRedoAt, Optional<Process> process) {
        public WalRedo {
            lastRedoAt = lastRedoAt == null ? Optional.empty() : lastRedoAt;
            process = process == null ? Optional.empty() : process;
        }
    }

    /**
     * A WAL-redo process: {@code WalRedoManagerProcessStatus} (models.rs).
     *
     * @param pid its process id
     */
    public record Process(long pid) {}
}
