package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * The safekeepers the controller placed a timeline on (mirrors {@code TimelineLocateResponse} in upstream
 * {@code libs/safekeeper_api/src/models.rs}), from {@code GET /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate}.
 * Only for timelines the controller manages on safekeepers ({@code --timelines-onto-safekeepers}).
 *
 * @param generation the safekeeper membership generation, which computes get as {@code safekeepers_generation}
 * @param skSet      the safekeepers of the current membership configuration
 * @param newSkSet   while a safekeeper migration runs, the set it moves to
 */
public record TimelineSafekeepers(long generation, List<NodeId> skSet, Optional<List<NodeId>> newSkSet) {
    public TimelineSafekeepers {
        if (generation < 0 || generation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("TimelineSafekeepers generation must be an unsigned 32-bit number, got " + generation);
        }
        skSet = skSet == null ? List.of() : List.copyOf(skSet);
        newSkSet = newSkSet == null ? Optional.empty() : newSkSet.map(List::copyOf);
    }

    /** True while a safekeeper migration is under way (a new set is named). */
    public boolean isMigrating() {
        return newSkSet.isPresent();
    }
}
