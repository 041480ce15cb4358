/**
 * Simulated safekeepers (safekeeper/src): a node's timelines ({@code GlobalTimelines} of timelines_global_map.rs,
 * kept by {@link io.neonclient.testkit.internal.safekeeper.SafekeeperNode}) and the {@code *Routes} of
 * safekeeper/src/http/routes.rs. A {@code SafekeeperNode}'s state is guarded by its own monitor.
 */
package io.neonclient.testkit.internal.safekeeper;
