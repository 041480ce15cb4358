package io.neonclient.model;

import io.neonclient.core.Generation;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One tenant shard as its pageserver reports it: the answer of a pageserver's {@code GET /v1/tenant/{tenant_shard_id}}
 * and of the controller's {@code GET /v1/tenant/{tenant_id}} (passed through to shard 0). Mirrors {@code TenantDetails}
 * in upstream {@code libs/pageserver_api/src/models.rs}: {@code TenantInfo} flattened, plus the WAL-redo status and the
 * timeline ids. It has no shard list and no placement policy: those are in the controller's tenant description.
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

    /** Checks the components: refuses a null component, naming it, and copies lists and maps (unmodifiable). */
    public TenantDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(attachmentStatus, "attachmentStatus");
        Objects.requireNonNull(generation, "generation");
        currentPhysicalSize = currentPhysicalSize == null ? Optional.empty() : currentPhysicalSize;
        gcBlocking = gcBlocking == null ? Optional.empty() : gcBlocking;
        walredo = walredo == null ? Optional.empty() : walredo;
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
    }

    /** The tenant (without the shard suffix). */
    public TenantId tenantId() {
        return id.tenantId();
    }

    /** The summary part, as the tenant list shows it. */
    public TenantInfo info() {
        return new TenantInfo(id, state, currentPhysicalSize, attachmentStatus, generation, gcBlocking);
    }

    /**
     * The WAL-redo manager's status (mirrors {@code WalRedoManagerStatus}).
     *
     * @param lastRedoAt when it last applied WAL records
     * @param process    the running WAL-redo process, if any
     */
    public record WalRedo(Optional<Instant> lastRedoAt, Optional<Process> process) {
        /** A component the wire left out (null) takes its empty or default value. */
        public WalRedo {
            lastRedoAt = lastRedoAt == null ? Optional.empty() : lastRedoAt;
            process = process == null ? Optional.empty() : process;
        }
    }

    /**
     * A WAL-redo process (mirrors {@code WalRedoManagerProcessStatus}).
     *
     * @param pid its process id
     */
    public record Process(long pid) {}
}
