/**
 * Simulated compute_ctl instances (compute_tools/src): a compute's state and lifecycle
 * ({@link io.neonclient.testkit.internal.compute.ComputeNode}, compute.rs: configure with its basebackup, terminate,
 * metrics, {@code check_writability} of checker.rs, insights, {@code pg_isready}), its Local File Cache and promotion
 * ({@link io.neonclient.testkit.internal.compute.ComputePrewarm}, compute_prewarm.rs and compute_promote.rs), its catalog
 * ({@link io.neonclient.testkit.internal.compute.ComputeCatalog}, catalog.rs, {@code install_extension},
 * {@code set_role_grants}), the compute spec a control plane would send ({@code ComputeSpecs}), and the routes of
 * compute_tools/src/http/routes ({@code ComputeRoutes}, {@code ComputeOperatorRoutes}, {@code ComputeInternalRoutes}),
 * which only decode a request, call the model and encode its answer. Model operations answer with fresh JSON trees,
 * copies or records ({@code ComputeNode.Terminated}); no route reads or changes model state directly.
 *
 * <h2>Locking rule</h2>
 * <ol>
 *   <li>A {@code ComputeNode}'s state (status, tenant and timeline, error, spec, pageservers reached, metrics,
 *       terminate LSN) is guarded by its own monitor. Configure takes it to move to {@code configuration}, releases it
 *       for the basebackup (which reads the pageservers' locations and remote storage), and takes it again to record
 *       the outcome. Its spec and metrics are handed out as copies.</li>
 *   <li>A {@code ComputePrewarm}'s prewarm, offload and promotion states are guarded by its own monitor; the background
 *       prewarm and offload, the timeline reads and the promotion's reconfiguration run without it, and it is never
 *       held while taking the {@code ComputeNode}'s. A cancelled prewarm is told apart by a generation counter.</li>
 *   <li>A {@code ComputeCatalog}'s installed extensions and grants are guarded by its own monitor, taken after the
 *       running check (which takes the {@code ComputeNode}'s and releases it) and holding nothing else.</li>
 *   <li>Writing WAL goes through {@code Timelines.write} (the tenant's {@code RemoteStorage.TenantData} monitor, then
 *       the {@code TimelineData}'s) with no compute monitor held. The endpoint storage shared by a cluster's computes is
 *       a concurrent map. A compute never takes the controller's monitor.</li>
 * </ol>
 */
package io.neonclient.testkit.internal.compute;
