package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.NeonException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.Optional;

/** Questions recipes ask of a {@link ComputeFleet}. */
final class Computes {
    private Computes() {}

    /** A compute of {@code tenant} on {@code timeline} that is not terminated or failed, if the fleet has one. */
    static Optional<ComputeClient> runningOn(ComputeFleet fleet, TenantId tenant, TimelineId timeline) {
        for (ComputeClient c : fleet.computesOf(tenant)) {
            try {
                var state = c.status();
                boolean alive = state.status() != ComputeStatus.TERMINATED && state.status() != ComputeStatus.FAILED;
                if (alive && state.timelineId().filter(timeline::equals).isPresent()) {
                    return Optional.of(c);
                }
            } catch (NeonException unreachable) {
                // a compute that does not answer is not running
            }
        }
        return Optional.empty();
    }
}
