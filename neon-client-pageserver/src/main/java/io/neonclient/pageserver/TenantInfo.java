package io.neonclient.pageserver;

import io.neonclient.core.Generation;
import io.neonclient.core.TenantShardId;
import java.util.Optional;

/**
 * A tenant shard in {@code GET /v1/tenant} (mirrors {@code TenantInfo} in upstream
 * {@code libs/pageserver_api/src/models.rs}).
 *
 * @param id                  the shard
 * @param state               its state
 * @param currentPhysicalSize bytes of layer files (only in the detail call)
 * @param attachmentStatus    whether attaching finished
 * @param generation          the attachment generation
 * @param gcBlocking          why GC is blocked, if it is (only in the detail call)
 */
public record TenantInfo(TenantShardId id, TenantState state, Optional<Long> currentPhysicalSize,
                         AttachmentStatus attachmentStatus, Generation generation, Optional<String> gcBlocking) {}
