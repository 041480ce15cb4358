package io.neonclient.safekeeper;

/**
 * The answer of {@code GET /v1/utilization} (upstream {@code SafekeeperUtilization}).
 *
 * @param timelineCount timelines held by this safekeeper
 */
public record Utilization(long timelineCount) {}
