package io.neonclient.safekeeper;

import java.util.Optional;

/**
 * The answer of {@code POST /v1/pull_timeline} (upstream {@code PullTimelineResponse}).
 *
 * @param safekeeperHost the peer the timeline was copied from; empty when it already existed here
 */
public record PulledTimeline(Optional<String> safekeeperHost) {}
