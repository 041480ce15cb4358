package io.neonclient.admin;

import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import java.util.Optional;

/** The bodies the storage controller sends to the control plane (private structs upstream, mirrored here). */
final class HookBodies {
    private HookBodies() {}

    /** {@code NotifyAttachRequest} in {@code storage_controller/src/compute_hook.rs}. */
    record NotifyAttach(TenantId tenantId, Optional<String> preferredAz, Optional<StripeSize> stripeSize, List<NotifyShard> shards) {
        NotifyAttach {
            if (tenantId == null) {
                throw new IllegalArgumentException("notify-attach body needs tenant_id");
            }
            if (shards == null || shards.isEmpty()) {
                throw new IllegalArgumentException("notify-attach body needs at least one entry in shards");
            }
            preferredAz = preferredAz == null ? Optional.empty() : preferredAz;
            stripeSize = stripeSize == null ? Optional.empty() : stripeSize;
            shards = List.copyOf(shards);
        }

        /** The shard count computes see: the number of shards when a stripe size is given, else unsharded (1). */
        int shardCount() {
            return stripeSize.isPresent() ? shards.size() : 1;
        }
    }

    /** {@code NotifyAttachRequestShard} in {@code storage_controller/src/compute_hook.rs}. */
    record NotifyShard(NodeId nodeId, int shardNumber) {
        NotifyShard {
            if (nodeId == null) {
                throw new IllegalArgumentException("notify-attach shards[] need node_id");
            }
            if (shardNumber < 0 || shardNumber > 255) {
                throw new IllegalArgumentException("notify-attach shard_number must be 0..255, got " + shardNumber);
            }
        }
    }

    /** {@code NotifySafekeepersRequest} in {@code storage_controller/src/compute_hook.rs}. */
    record NotifySafekeepers(TenantId tenantId, TimelineId timelineId, long generation, List<SafekeeperInfo> safekeepers) {
        NotifySafekeepers {
            if (tenantId == null || timelineId == null) {
                throw new IllegalArgumentException("notify-safekeepers body needs tenant_id and timeline_id");
            }
            if (generation < 0 || generation > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("notify-safekeepers generation must be an unsigned 32-bit number, got " + generation);
            }
            if (safekeepers == null || safekeepers.isEmpty()) {
                throw new IllegalArgumentException("notify-safekeepers body needs at least one entry in safekeepers");
            }
            safekeepers = List.copyOf(safekeepers);
        }
    }

    /** {@code SafekeeperInfo} in {@code storage_controller/src/compute_hook.rs}; the hostname is for debugging only. */
    record SafekeeperInfo(NodeId id, Optional<String> hostname) {
        SafekeeperInfo {
            if (id == null) {
                throw new IllegalArgumentException("notify-safekeepers safekeepers[] need id");
            }
            hostname = hostname == null ? Optional.empty() : hostname;
        }
    }

    /** {@code ImportCompleteRequest} in {@code storage_controller/src/timeline_import.rs}. */
    record ImportComplete(TenantId tenantId, TimelineId timelineId, Optional<String> error) {
        ImportComplete {
            if (tenantId == null || timelineId == null) {
                throw new IllegalArgumentException("import_complete body needs tenant_id and timeline_id");
            }
            error = error == null ? Optional.empty() : error;
        }
    }
}
