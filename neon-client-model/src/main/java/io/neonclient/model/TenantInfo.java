package io.neonclient.model;

import io.neonclient.core.Generation;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant shard as its pageserver lists it: an entry of a pageserver's {@code GET /v1/tenant} (mirrors
 * {@code TenantInfo} in upstream {@code libs/pageserver_api/src/models.rs}). {@link TenantDetails} carries the same
 * fields and more.
 *
 * @param id                  the shard (the bare tenant id when unsharded)
 * @param state               its state on the pageserver
 * @param currentPhysicalSize bytes of layer files, local or remote, each counted once (only in the detail call)
 * @param attachmentStatus    whether attaching finished
 * @param generation          the attachment generation
 * @param gcBlocking          why GC is blocked, when it is (only in the detail call; upstream omits the field otherwise)
 */
public record TenantInfo(TenantShardId id, TenantState state, Optional<Long> currentPhysicalSize,
                         TenantAttachmentStatus attachmentStatus, Generation generation, Optional<String> gcBlocking) {
    /** Checks the components: refuses a null component, naming it. */
    public TenantInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(attachmentStatus, "attachmentStatus");
        Objects.requireNonNull(generation, "generation");
        currentPhysicalSize = currentPhysicalSize == null ? Optional.empty() : currentPhysicalSize;
        gcBlocking = gcBlocking == null ? Optional.empty() : gcBlocking;
    }

    /** The tenant (without the shard suffix). */
    public TenantId tenantId() {
        return id.tenantId();
    }
}
