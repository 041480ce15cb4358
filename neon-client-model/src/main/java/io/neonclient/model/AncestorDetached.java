package io.neonclient.model;

import io.neonclient.core.TimelineId;
import java.util.List;

/**
 * The answer of {@code PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/detach_ancestor} on a pageserver and on the
 * controller (mirrors {@code AncestorDetached} in upstream {@code libs/pageserver_api/src/models/detach_ancestor.rs}).
 *
 * @param reparentedTimelines sibling timelines that now hang below the detached one (none with
 *                            {@code multi_level_and_no_reparent})
 */
public record AncestorDetached(List<TimelineId> reparentedTimelines) {
    /** Checks the components: copies lists and maps (unmodifiable). */
    public AncestorDetached {
        reparentedTimelines = reparentedTimelines == null ? List.of() : List.copyOf(reparentedTimelines);
    }
}
