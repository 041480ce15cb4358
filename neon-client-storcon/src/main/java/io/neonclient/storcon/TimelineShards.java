package io.neonclient.storcon;

import io.neonclient.core.Lsn;
import io.neonclient.model.Timeline;
import java.util.List;
import java.util.Optional;

/**
 * A timeline on every shard: {@code TenantTimelineDescribeResponse} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs}, from {@code GET /control/v1/tenant/{t}/timeline/{tl}}.
 *
 * @param shards             the timeline as each shard reports it
 * @param imageConsistentLsn the minimum image-consistent LSN over shards, when known
 */
public record TimelineShards(List<Timeline> shards, Optional<Lsn> imageConsistentLsn) {
    public TimelineShards {
        shards = shards == null ? List.of() : List.copyOf(shards);
        imageConsistentLsn = imageConsistentLsn == null ? Optional.empty() : imageConsistentLsn;
    }
}
