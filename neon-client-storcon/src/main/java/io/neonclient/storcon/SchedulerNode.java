package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import java.util.Objects;

/**
 * One pageserver as the controller's scheduler sees it (mirrors {@code SchedulerNode} in upstream
 * {@code storage_controller/src/scheduler.rs}), an entry of {@code GET /debug/v1/scheduler}.
 *
 * @param node               the pageserver
 * @param shardCount         shards whose intent has a location (attached or secondary) on this node
 * @param attachedShardCount shards whose intent attaches them here
 * @param homeShardCount     shards with a location here that prefer this node's AZ
 * @param az                 the node's availability zone
 * @param maySchedule        whether new shards may be placed here ({@code may_schedule} is {@code Yes(..)}); false for
 *                           {@code No}
 */
public record SchedulerNode(NodeId node, int shardCount, int attachedShardCount, int homeShardCount, String az,
                            boolean maySchedule) {

    public SchedulerNode {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(az, "az");
    }
}
