/**
 * The simulated storage controller (storage_controller/src): its state ({@link io.neonclient.testkit.internal.storcon.Storcon},
 * {@link io.neonclient.testkit.internal.storcon.TenantState}, {@link io.neonclient.testkit.internal.storcon.ShardState},
 * {@link io.neonclient.testkit.internal.storcon.StorconNode}), the operations on it, named after the functions of
 * service.rs, reconciler.rs, scheduler.rs and heartbeater.rs that they mirror
 * ({@link io.neonclient.testkit.internal.storcon.StorconTenants}, {@link io.neonclient.testkit.internal.storcon.StorconNodes},
 * {@link io.neonclient.testkit.internal.storcon.Reconciler}, {@link io.neonclient.testkit.internal.storcon.Scheduler},
 * {@link io.neonclient.testkit.internal.storcon.Heartbeats}, {@link io.neonclient.testkit.internal.storcon.NodeOperations}),
 * {@link io.neonclient.testkit.internal.storcon.StorconTenantOps} (tenant config, {@code location_config}, secondary
 * download, locate, time travel), {@link io.neonclient.testkit.internal.storcon.StorconTimelines} (timeline create, delete, fan-out,
 * describe, passthrough, heatmap layers), {@link io.neonclient.testkit.internal.storcon.StorconTenantImport}), and the
 * {@code *Routes} classes that decode a request, call the model and encode its answer.
 *
 * <p>{@code Storcon} keeps its fields private: its nodes, tenants, safekeepers and tombstones are read through
 * read-only views and lookups ({@code nodeList()}, {@code nodeOrNull}, {@code tenantsView()}, {@code tenantsAfter},
 * {@code safekeeperList()}, {@code tombstoned}) with the monitor held, and changed only through its methods
 * ({@code addNode}, {@code tombstone}, {@code putTenant}, {@code removeTenant}, {@code takeDropped},
 * {@code putSafekeeper}); its status and settings (the step-down, the running node operation, failpoints, the
 * safekeeper placement switches) through accessors and setters named for what they do ({@code markSteppedDown},
 * {@code resumeLeadership}, {@code startOperation}, {@code endOperation}, …). Its pageserver and safekeeper process
 * maps are concurrent and read without the monitor ({@code pageserver(id)}, {@code safekeeperServer(id)}).
 *
 * <p>{@code TenantState} and {@code ShardState} keep their fields private: code reads and changes them through their
 * methods, and the collections they hand out ({@code shards()}, {@code secondaries()}, {@code observed()}) are read-only
 * views, changed only through methods such as {@code addShard}, {@code addSecondary} and {@code observe}; a tenant's
 * config is copied in and out. Model operations hand routes immutable records ({@code StorconTimelines.Target},
 * {@code StorconTenantOps.LocationConfigResult}, {@code StorconTenantImport.ImportedShard}) rather than model objects.
 * Time travel ({@code StorconTenantOps.tenantTimeTravelRemoteStorage}) and the tombstone debug routes
 * ({@code Storcon.tombstoneList}, {@code tombstoneDelete}) go through the model too.
 *
 * <h2>Locking rule</h2>
 * <ol>
 *   <li>All controller state is guarded by the monitor of the one {@code Storcon} instance. It is read and changed only
 *       with that monitor held, in one {@code synchronized (sc)} block per consistent step.</li>
 *   <li>Nothing blocks while holding it: calls to pageservers, the compute hook and the control plane, sleeps and waits
 *       for other threads happen outside. A reconciler takes the monitor to read a snapshot of what to do, releases it
 *       for the calls, and takes it again to commit what it saw. The only wait under the monitor is
 *       {@code sc.wait(..)} itself, which releases it; whoever changes state a waiter may be waiting for (a reconcile
 *       ends, a node goes away, an operation is cancelled) calls {@code sc.notifyAll()}.</li>
 *   <li>{@code StorconNode} keeps immutable values (its registration record, availability and scheduling enums) in
 *       volatile fields: its readers need no lock, its writers are model methods holding the monitor.</li>
 *   <li>Tenant reads ({@code tenant_describe}, {@code tenant_list}) build their answer with the monitor held and
 *       encode it without; a list holds it for a chunk of tenants at a time, so a long list does not stall writers.</li>
 *   <li>{@code TenantState} and {@code ShardState} methods do not lock: their callers hold the monitor. A view they hand
 *       out is live, so it is read with the monitor held too, or copied first.</li>
 *   <li>Lock order: the {@code Cluster} monitor, then the {@code Storcon} monitor, then the locks of the other
 *       components (a {@code PageserverNode}'s or a {@code SafekeeperNode}'s, then {@code RemoteStorage}, then a
 *       tenant's {@code RemoteStorage.TenantData}, then a {@code TimelineData}; see their packages). Code holding one
 *       of those never takes the {@code Storcon} monitor.</li>
 * </ol>
 */
package io.neonclient.testkit.internal.storcon;
