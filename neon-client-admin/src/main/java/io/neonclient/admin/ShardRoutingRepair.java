package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.storcon.StorageControllerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The runbook's fix for "request routed to wrong shard", without restarting anything blindly: wait until the
 * controller's placement of the tenant is settled → compare every compute's configured pageservers with it → re-point
 * only the computes that are stale ({@code POST /configure} with their previous spec and the new storage fields) →
 * check that each is running. The runbook instead restarts the compute hook and then the compute.
 *
 * <p>What it could destroy: a working compute's routing, by re-pointing it at a placement still in motion. Refuses to
 * re-point anything until the controller's placement is settled (every shard attached and idle,
 * {@code GET /control/v1/tenant/{tenant_id}}); a compute whose spec already matches is not touched; a compute that
 * refuses its new spec fails the step, naming it.
 */
public final class ShardRoutingRepair implements Recipe {
    /** Where the computes must look for each shard, once the controller's placement is settled. */
    public static final Step.Key<ShardPlacement> PLACEMENT_SETTLED = Step.key("placement-settled", ShardPlacement.class);
    /** What was re-pointed. */
    public static final Step.Key<Repointed> REPOINT_STALE = Step.key("repoint-stale", Repointed.class);

    /**
     * The computes of a tenant after a repair.
     *
     * @param tenant   the tenant
     * @param computes how many computes it has (all running)
     * @param stale    the timelines of the computes that pointed at the wrong pageservers and were re-pointed
     */
    public record Repointed(TenantId tenant, int computes, List<TimelineId> stale) {
        public Repointed {
            Objects.requireNonNull(tenant, "tenant");
            stale = List.copyOf(stale);
        }
    }

    private record Inputs(TenantId tenant) {}

    private final StorageControllerClient storcon;
    private final ComputeRegistry computes;
    private final TenantId tenant;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private ShardRoutingRepair(StorageControllerClient storcon, ComputeRegistry computes, TenantId tenant, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.computes = computes;
        this.tenant = tenant;
        this.journal = journal;
        this.wait = wait;
        this.plan = Plan.builder("ShardRoutingRepair", new Inputs(tenant)).subject("tenant " + tenant)
                .step(PLACEMENT_SETTLED, "Wait until the controller's placement of " + tenant + " is settled (GET /control/v1/tenant/{tenant_id})",
                        ctx -> {
                            Conditions.tenantSettled(storcon, tenant, wait, ctx);
                            return Placements.of(storcon, tenant);
                        }, "nothing changed; the controller is still moving shards (ClusterReport shows why)")
                .step(REPOINT_STALE, "Re-point the computes whose pageservers differ from the placement (compute_ctl POST /configure)",
                        ctx -> repointStale(storcon, computes, tenant, wait),
                        "some computes may be re-pointed; re-run to finish (re-pointing is idempotent)")
                .build();
    }

    /** Prepares the repair of {@code tenant}'s computes registered in {@code computes}; nothing is sent until {@link #run}. */
    public static ShardRoutingRepair of(StorageControllerClient storcon, ComputeRegistry computes, TenantId tenant) {
        Objects.requireNonNull(storcon, "storcon");
        return new ShardRoutingRepair(storcon, Objects.requireNonNull(computes, "computes"), Objects.requireNonNull(tenant, "tenant"),
                Journal.inMemory(), storcon.config().waitPolicy());
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public ShardRoutingRepair withJournal(Journal journal) {
        return new ShardRoutingRepair(storcon, computes, tenant, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public ShardRoutingRepair withWaitPolicy(WaitPolicy wait) {
        return new ShardRoutingRepair(storcon, computes, tenant, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    /** Re-points the stale computes of {@code tenant} and checks every compute is running. */
    static Repointed repointStale(StorageControllerClient storcon, ComputeRegistry computes, TenantId tenant, WaitPolicy wait) {
        ShardPlacement placement = Placements.of(storcon, tenant);
        List<ComputeClient> stale = new ArrayList<>();
        List<TimelineId> staleTimelines = new ArrayList<>();
        List<ComputeClient> all = computes.computesOf(tenant);
        for (ComputeClient c : all) {
            ComputeSpec spec = computes.specOf(c).orElseThrow();
            if (!spec.equals(spec.withPlacement(placement))) {
                stale.add(c);
                spec.timelineId().ifPresent(staleTimelines::add);
            }
        }
        var failures = computes.repoint(tenant, placement, stale);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " compute(s) refused the new placement: " + failures.values());
        }
        for (ComputeClient c : all) {
            c.running().await(wait, progress -> { });
        }
        return new Repointed(tenant, all.size(), staleTimelines);
    }
}
