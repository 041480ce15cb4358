package io.neonclient.storcon;

import io.neonclient.core.Generation;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantShardId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One shard of {@code GET /debug/v1/tenant}: the controller's in-memory {@code TenantShard} as upstream serialises it
 * ({@code storage_controller/src/tenant_shard.rs}), its intent next to what it observed on each pageserver.
 *
 * @param id                         the tenant shard
 * @param sequence                   the shard's reconcile sequence number
 * @param generation                 the latest generation; empty for a shard onboarded but never attached
 * @param policy                     the placement policy
 * @param intendedAttached           the node the intent attaches the shard to ({@code intent.attached})
 * @param intendedSecondaries        the nodes the intent keeps secondaries on ({@code intent.secondary})
 * @param preferredAz                the preferred availability zone ({@code intent.preferred_az_id})
 * @param observed                   every observed location ({@code observed.locations}), ordered by node
 * @param splitting                  whether a shard split is in progress ({@code splitting} is {@code Splitting})
 * @param importing                  whether a timeline import is in progress ({@code importing} is {@code Importing})
 * @param lastError                  the last reconcile error, empty when none
 * @param consecutiveReconciles      reconciles scheduled in a row ({@code consecutive_reconciles_count})
 * @param pendingComputeNotification whether a compute notification still has to be sent
 * @param preferredNode              the destination of a graceful migration in progress
 * @param schedulingPolicy           the shard's scheduling policy
 */
public record TenantShardDump(TenantShardId id, long sequence, Optional<Generation> generation, PlacementPolicy policy,
                              Optional<NodeId> intendedAttached, List<NodeId> intendedSecondaries,
                              Optional<String> preferredAz, List<ObservedLocation> observed, boolean splitting,
                              boolean importing, String lastError, int consecutiveReconciles,
                              boolean pendingComputeNotification, Optional<NodeId> preferredNode,
                              ShardSchedulingPolicy schedulingPolicy) {

    public TenantShardDump {
        Objects.requireNonNull(id, "id");
        generation = generation == null ? Optional.empty() : generation;
        Objects.requireNonNull(policy, "policy");
        intendedAttached = intendedAttached == null ? Optional.empty() : intendedAttached;
        intendedSecondaries = intendedSecondaries == null ? List.of() : List.copyOf(intendedSecondaries);
        preferredAz = preferredAz == null ? Optional.empty() : preferredAz;
        observed = observed == null ? List.of() : List.copyOf(observed);
        lastError = lastError == null ? "" : lastError;
        preferredNode = preferredNode == null ? Optional.empty() : preferredNode;
        Objects.requireNonNull(schedulingPolicy, "schedulingPolicy");
    }
}
