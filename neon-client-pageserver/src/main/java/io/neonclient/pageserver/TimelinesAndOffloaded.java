package io.neonclient.pageserver;

import io.neonclient.model.Timeline;
import java.util.List;

/**
 * A shard's loaded and offloaded timelines: {@code TimelinesInfoAndOffloaded} in upstream
 * {@code libs/pageserver_api/src/models.rs}, the answer of {@code GET /v1/tenant/{tenant_shard_id}/timeline_and_offloaded}.
 *
 * @param timelines the loaded timelines (what {@code GET …/timeline} lists)
 * @param offloaded the archived timelines offloaded from this pageserver
 */
public record TimelinesAndOffloaded(List<Timeline> timelines, List<OffloadedTimeline> offloaded) {
    public TimelinesAndOffloaded {
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
        offloaded = offloaded == null ? List.of() : List.copyOf(offloaded);
    }
}
