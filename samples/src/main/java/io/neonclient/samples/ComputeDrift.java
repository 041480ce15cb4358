package io.neonclient.samples;

import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.Placements;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.NeonException;
import io.neonclient.core.TenantId;
import io.neonclient.storcon.StorageControllerClient;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code COMPUTES} section of {@code neon-ops report --registry}: each compute's last applied spec against the controller's placement. */
final class ComputeDrift {
    private ComputeDrift() {}

    /** Prints one line per compute; returns whether every compute's spec matches the placement and none is pending. */
    static boolean print(StorageControllerClient storcon, List<ComputeRecord> computes, PrintWriter out) {
        out.println();
        out.println("COMPUTES (" + computes.size() + " registered)");
        Map<TenantId, Object> placements = new HashMap<>();
        boolean inPlace = true;
        for (ComputeRecord r : computes) {
            Object p = placements.computeIfAbsent(r.tenantId(), t -> {
                try {
                    return Placements.of(storcon, t);
                } catch (NeonException | IllegalStateException e) {
                    return e.getMessage();
                }
            });
            String state;
            if (p instanceof ShardPlacement placement) {
                ComputeRecord wanted = r.withSpec(r.spec().withPlacement(placement));
                boolean matches = wanted.spec().equals(r.spec());
                state = matches ? "in place" : "STALE: controller has " + wanted.pageservers();
                inPlace &= matches;
            } else {
                state = "placement unknown: " + p;
                inPlace = false;
            }
            if (r.lastError().isPresent()) {
                inPlace = false;
                state += "; PENDING: " + r.lastError().get();
            }
            out.printf("%-20s %s/%s  spec %s  %s%n", r.computeId(), r.tenantId(), r.timelineId(), r.pageservers(), state);
        }
        if (computes.isEmpty()) {
            out.println("none registered");
        }
        return inPlace;
    }
}
