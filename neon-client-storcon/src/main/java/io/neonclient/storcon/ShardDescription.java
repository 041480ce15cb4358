package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import java.util.List;
import java.util.Optional;

/**
 * The controller's view of one shard: {@code TenantDescribeResponseShard} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs}. {@code attachedNode} and {@code secondaryNodes} are the
 * <em>intended</em> placement; a change has landed once {@link #isIdle()} ({@code !is_reconciling} and no
 * {@code last_error}).
 *
 * @param id                            the shard ({@code tenant_shard_id})
 * @param attachedNode                  the intended attached pageserver ({@code node_attached}), empty when Secondary/Detached
 * @param secondaryNodes                the intended secondary pageservers ({@code node_secondary})
 * @param lastError                     the last reconcile error, {@code ""} when none
 * @param isReconciling                 a reconcile is running
 * @param isPendingComputeNotification  the last notify-attach failed and will be retried
 * @param isSplitting                   a shard split is in progress
 * @param isImporting                   a PGDATA import is in progress
 * @param schedulingPolicy              the shard's scheduling policy
 * @param preferredAz                   the preferred availability zone ({@code preferred_az_id})
 */
public record ShardDescription(
        @JsonProperty("tenant_shard_id") TenantShardId id,
        @JsonProperty("node_attached") Optional<NodeId> attachedNode,
        @JsonProperty("node_secondary") List<NodeId> secondaryNodes,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("is_reconciling") boolean isReconciling,
        @JsonProperty("is_pending_compute_notification") boolean isPendingComputeNotification,
        @JsonProperty("is_splitting") boolean isSplitting,
        @JsonProperty("is_importing") boolean isImporting,
        @JsonProperty("scheduling_policy") ShardSchedulingPolicy schedulingPolicy,
        @JsonProperty("preferred_az_id") Optional<String> preferredAz) {

    public ShardDescription {
        attachedNode = attachedNode == null ? Optional.empty() : attachedNode;
        secondaryNodes = secondaryNodes == null ? List.of() : List.copyOf(secondaryNodes);
        lastError = lastError == null ? "" : lastError;
        preferredAz = preferredAz == null ? Optional.empty() : preferredAz;
    }

    /** True when {@code last_error} is not empty. */
    public boolean hasError() {
        return !lastError.isEmpty();
    }

    /** Not reconciling and no error: the intent shown is what the pageservers have. */
    public boolean isIdle() {
        return !isReconciling && !hasError();
    }

    /** One line for logs and progress: {@code <id> attached 1, secondaries [2], reconciling}. */
    String summary() {
        StringBuilder b = new StringBuilder().append(id).append(" attached ")
                .append(attachedNode.map(NodeId::toString).orElse("nowhere")).append(", secondaries ").append(secondaryNodes);
        if (isReconciling) {
            b.append(", reconciling");
        }
        if (isSplitting) {
            b.append(", splitting");
        }
        if (hasError()) {
            b.append(", last_error: ").append(lastError);
        }
        return b.toString();
    }
}
