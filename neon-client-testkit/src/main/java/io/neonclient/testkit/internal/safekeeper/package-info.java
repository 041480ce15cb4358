/**
 * Simulated safekeepers (safekeeper/src): a node's timelines ({@code GlobalTimelines} of timelines_global_map.rs,
 * kept by {@link io.neonclient.testkit.internal.safekeeper.SafekeeperNode}: create, delete, exclude, membership switch,
 * term bump, control-file patches, partial-backup reset), timelines taken from others
 * ({@link io.neonclient.testkit.internal.safekeeper.SafekeeperPull}: pull_timeline.rs, copy_timeline.rs,
 * {@code calculate_digest}), the control file and dumps
 * ({@link io.neonclient.testkit.internal.safekeeper.SafekeeperControlFiles}: state.rs, patch_control_file.rs,
 * {@code stream_snapshot}, debug_dump.rs), and the {@code *Routes} of safekeeper/src/http/routes.rs, which only decode a
 * request, call the model and encode its answer. Model operations answer with fresh JSON trees or records
 * ({@code SafekeeperNode.Switched}, {@code SafekeeperControlFiles.Patched}); no route reads or changes model state
 * directly.
 *
 * <h2>Locking rule</h2>
 * <ol>
 *   <li>All of a {@code SafekeeperNode}'s state (its held timelines and their control-file state, tombstones, switched
 *       memberships, bumped terms, patches, partial-backup resets) is guarded by that node's monitor: every method that
 *       reads or changes it is synchronized. A {@code Held} control file is built unshared by the model and installed
 *       with the monitor held; after that it changes only under it.</li>
 *   <li>Timelines known from remote storage are read under the tenant's {@code RemoteStorage.TenantData} monitor, taken
 *       inside the node's: lock order {@code SafekeeperNode}, then a {@code TenantData}, then a {@code TimelineData}.
 *       Safekeeper copies are recorded in the tenant's concurrent {@code walCopies} map.</li>
 *   <li>Nothing blocks while holding a node's monitor: {@code SafekeeperPull} asks its peers for their status (their
 *       own routes, in-process) with no monitor held, then installs what it chose in one synchronized step.</li>
 *   <li>A safekeeper never takes the controller's monitor; the controller records a timeline's safekeeper membership in
 *       its {@code TimelineData} (volatile, changed under that timeline's monitor).</li>
 * </ol>
 */
package io.neonclient.testkit.internal.safekeeper;
