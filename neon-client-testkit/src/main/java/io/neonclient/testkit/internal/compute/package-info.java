/**
 * Simulated compute_ctl instances (compute_tools/src/http): status, configure, terminate and the operator routes,
 * and the compute spec a control plane would send. A {@code ComputeNode}'s state is guarded by its own monitor.
 */
package io.neonclient.testkit.internal.compute;
