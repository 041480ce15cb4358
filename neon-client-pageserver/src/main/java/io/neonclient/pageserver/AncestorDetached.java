package io.neonclient.pageserver;

import io.neonclient.core.TimelineId;
import java.util.List;

/**
 * The answer of {@code PUT …/timeline/{timeline_id}/detach_ancestor} (mirrors {@code AncestorDetached} in upstream
 * {@code libs/pageserver_api/src/models/detach_ancestor.rs}).
 *
 * @param reparentedTimelines sibling timelines that now hang below the detached one
 */
public record AncestorDetached(List<TimelineId> reparentedTimelines) {
    public AncestorDetached {
        reparentedTimelines = reparentedTimelines == null ? List.of() : List.copyOf(reparentedTimelines);
    }
}
