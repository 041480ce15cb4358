package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * Which safekeepers the controller has placed a timeline on: {@code TimelineLocateResponse} in upstream
 * {@code libs/safekeeper_api/src/models.rs}, the answer of {@code GET /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate}.
 * After a finished safekeeper migration {@code skSet} is the new set and {@code newSkSet} is empty; while one is
 * in its joint phase {@code newSkSet} holds the set being moved to.
 *
 * @param generation the membership generation (1 at creation, + 2 per finished migration)
 * @param skSet      the current members
 * @param newSkSet   the members being switched to, during a migration
 */
public record TimelineSafekeepers(long generation, List<NodeId> skSet, Optional<List<NodeId>> newSkSet) {
    public TimelineSafekeepers {
        if (generation < 0 || generation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("generation must be an unsigned 32-bit number, got " + generation);
        }
        skSet = skSet == null ? List.of() : List.copyOf(skSet);
        newSkSet = newSkSet == null ? Optional.empty() : newSkSet.map(List::copyOf);
    }
}
