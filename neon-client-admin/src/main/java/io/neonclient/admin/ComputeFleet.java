package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.TenantId;
import java.util.List;

/**
 * Where a tenant's computes are and how to start one: knowledge only the control plane or the orchestrator has
 * (docker, Kubernetes, the testkit). Recipes that must stop and restart computes ({@link TimeTravel}) or start one
 * ({@link PointInTimeRecovery}) take one of these.
 */
public interface ComputeFleet {

    /** The compute_ctl clients of the computes serving {@code tenant} now (any timeline). */
    List<ComputeClient> computesOf(TenantId tenant);

    /**
     * Starts a compute with {@code spec} and returns its client once compute_ctl accepted the spec; for docker this
     * is {@code docker start} plus {@code POST /configure}.
     */
    ComputeClient start(ComputeSpec spec);

    /**
     * Stops a compute for good ({@code POST /terminate?mode=fast}, then whatever the orchestrator does to remove it) and
     * forgets it, so that nothing tries to re-point it.
     */
    void stop(ComputeClient compute);
}
