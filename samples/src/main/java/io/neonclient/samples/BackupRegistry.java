package io.neonclient.samples;

import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.Placements;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.compute.TerminateMode;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.NeonException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The computes a restore in place must handle, found in the compute hook's registry ({@code --registry}): each one's
 * compute_ctl is asked its state first ({@code GET /status}), and one that does not answer makes the restore refuse,
 * since it may still be running. Then they are stopped ({@code POST /terminate?mode=fast}) or re-pointed at another
 * timeline ({@code POST /configure} with the spec the registry holds, its timeline and shard placement replaced, as the
 * compute hook re-configures computes), and the registry records the new spec.
 */
final class BackupRegistry {
    private final ComputeStore store;
    private final ClientConfig config;
    private final List<ComputeRecord> computes;

    private BackupRegistry(ComputeStore store, ClientConfig config, List<ComputeRecord> computes) {
        this.store = store;
        this.config = config;
        this.computes = computes;
    }

    /**
     * The registry's computes of {@code tenant} (on {@code timeline} only, when given), each checked to answer.
     *
     * @throws IllegalStateException naming the first compute whose compute_ctl does not answer
     */
    static BackupRegistry of(ComputeStore store, NeonOps ops, TenantId tenant, Optional<TimelineId> timeline) {
        // One attempt each: an unreachable compute is reported at once, not after a retry budget.
        ClientConfig config = ClientConfig.defaults().withTokens(ops.tokens()).withRetryPolicy(RetryPolicy.none())
                .withConnectTimeout(Duration.ofSeconds(5));
        List<ComputeRecord> chosen = store.list().stream().filter(r -> r.tenantId().equals(tenant))
                .filter(r -> timeline.isEmpty() || r.timelineId().equals(timeline.get())).toList();
        BackupRegistry registry = new BackupRegistry(store, config, chosen);
        for (ComputeRecord r : chosen) {
            try (ComputeClient c = registry.client(r)) {
                c.status();
            } catch (NeonException e) {
                throw new IllegalStateException("compute " + r.computeId() + " at " + r.computeCtlUrl() + " does not answer (" + e.getMessage()
                        + "): it may still be running, so nothing was changed; bring its compute_ctl back, or once it is stopped for good"
                        + " forget it (neon-ops compute forget) and run the restore again", e);
            }
        }
        return registry;
    }

    List<ComputeRecord> computes() {
        return computes;
    }

    /** A client for {@code r}'s compute_ctl; the caller closes it. */
    private ComputeClient client(ComputeRecord r) {
        return ComputeClient.builder().baseUri(r.computeCtlUrl()).config(config).build();
    }

    /** Stops each compute ({@code POST /terminate?mode=fast}) unless compute_ctl already says terminated. */
    List<String> stopAll() {
        List<String> stopped = new ArrayList<>();
        for (ComputeRecord r : computes) {
            try (ComputeClient c = client(r)) {
                if (c.status().status() != ComputeStatus.TERMINATED) {
                    c.terminate(TerminateMode.FAST);
                }
            }
            stopped.add(r.computeId());
        }
        return stopped;
    }

    /**
     * Re-points each compute at {@code timeline}: its registered spec with the timeline and the controller's current
     * placement replaced ({@code GET /control/v1/tenant/{tenant_id}}, {@code GET /control/v1/node}), sent with
     * {@code POST /configure}, then recorded in the registry. Safe to repeat.
     */
    List<String> repointAll(StorageControllerClient storcon, TenantId tenant, TimelineId timeline) {
        List<String> moved = new ArrayList<>();
        for (ComputeRecord r : computes) {
            ComputeSpec s = r.spec();
            ComputeSpec onBranch = new ComputeSpec(s.formatVersion(), s.cluster(), s.suspendTimeoutSeconds(), Optional.of(tenant),
                    Optional.of(timeline), s.pageserverConnectionInfo(), s.pageserverConnstring(), s.shardStripeSize(),
                    s.safekeeperConnstrings(), s.safekeepersGeneration(), s.storageAuthToken(), s.mode(), s.extra())
                    .withPlacement(Placements.of(storcon, tenant));
            try (ComputeClient c = client(r)) {
                c.configure(onBranch, ComputeCtlConfig.empty());
            }
            store.put(new ComputeRecord(r.computeId(), tenant, timeline, r.computeCtlUrl(), onBranch, Optional.empty()));
            moved.add(r.computeId());
        }
        return moved;
    }
}
