package io.neonclient.storcon;

import io.neonclient.core.Generation;
import io.neonclient.core.NodeId;
import java.util.Objects;

/**
 * Where the controller intends a shard to be attached and in which generation (the {@code attachment} pair of
 * {@code InspectResponse} in upstream {@code control_plane/src/storage_controller.rs}), from
 * {@code POST /debug/v1/inspect}.
 *
 * @param generation the shard's current generation
 * @param node       the pageserver its intent attaches it to
 */
public record ShardAttachment(Generation generation, NodeId node) {

    public ShardAttachment {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(node, "node");
    }
}
