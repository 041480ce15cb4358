package io.neonclient.safekeeper;

/**
 * What a timeline delete found (upstream {@code TimelineDeleteResult}).
 *
 * @param dirExisted whether the timeline directory was there
 */
public record TimelineDeleteResult(boolean dirExisted) {}
