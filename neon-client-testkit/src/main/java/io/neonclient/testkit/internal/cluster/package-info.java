/**
 * The shared model of one simulated cluster: {@link io.neonclient.testkit.internal.cluster.Cluster}, which wires the
 * servers together, simulated time ({@code Timing}), remote storage and its timelines ({@code RemoteStorage},
 * {@code TimelineData}), the fault table and failpoints, and the testkit-only control routes.
 */
package io.neonclient.testkit.internal.cluster;
