/**
 * Simulated pageservers (pageserver/src): a node's location configs ({@link io.neonclient.testkit.internal.pageserver.PageserverNode}),
 * the operations the handlers of pageserver/src/http/routes.rs call, and the {@code *Routes} classes over them, which
 * only decode a request, call the model and encode its answer.
 * <ul>
 *   <li>{@link io.neonclient.testkit.internal.pageserver.PageserverTenants}: the tenant manager (tenant/mgr.rs
 *       {@code upsert_location}, {@code get_attached_tenant_shard}, {@code delete_tenant}, {@code reset_tenant}, the
 *       tenant config, time travel, secondary downloads of tenant/secondary.rs, the remote-storage scan, feature flags,
 *       utilization.rs, disk-usage eviction, top tenants);</li>
 *   <li>{@link io.neonclient.testkit.internal.pageserver.PageserverTimelines}: the timeline operations on attached
 *       shards (tenant.rs {@code create_timeline}, {@code apply_timeline_archival_config}, timeline/delete.rs,
 *       {@code find_lsn_for_timestamp}, {@code make_lsn_lease}, {@code immediate_gc}, detach_ancestor.rs,
 *       offload.rs, layers, the compaction queue, heatmap-layer downloads, {@code patch_index_part}, the basebackup and
 *       WAL imports, {@code wait_lsn}, tenant/size.rs);</li>
 *   <li>{@link io.neonclient.testkit.internal.pageserver.Timelines}: what a pageserver does to remote storage, shared
 *       with the controller, which calls its pageservers in-process.</li>
 * </ul>
 * Model operations answer with fresh JSON trees or immutable records; routes never see a
 * {@link io.neonclient.testkit.internal.cluster.TimelineData} or a node's {@link io.neonclient.testkit.internal.pageserver.Location}s.
 * No route reads or changes model state directly.
 *
 * <h2>Locking rule</h2>
 * <ol>
 *   <li>A {@code PageserverNode}'s location map is concurrent and its {@code Location}s are immutable: a change puts a
 *       new one. A read-modify-write of a location (the tenant config update) holds the node's monitor.</li>
 *   <li>Remote storage: the tenant's {@code RemoteStorage.TenantData} monitor guards its timelines map, manifests and
 *       object versions (its methods are synchronized), and is held across the calls of an operation over several
 *       of its timelines (create, detach_ancestor, imports, a write);
 *       {@code RemoteStorage}'s own monitor serialises time travel. Lists of timelines are copied under the tenant's
 *       monitor and used after it is released.</li>
 *   <li>A {@code TimelineData}'s own monitor guards its compound changes (see its class comment); its scalar fields
 *       are volatile and its collections read-only views, so single reads take no lock.</li>
 *   <li>{@code PageserverLayers}, {@code GcCompactionQueue} and {@code PageserverFeatureFlags} synchronise on
 *       themselves, the heatmap-layer downloads on their map; {@code PageserverLayers} reads a timeline's commits under
 *       that timeline's monitor.</li>
 *   <li>Lock order: {@code PageserverNode}, then {@code RemoteStorage}, then a {@code TenantData}, then a
 *       {@code TimelineData} (which is taken last, also after {@code PageserverLayers}). None of them is held while
 *       taking the controller's monitor (see the storcon package for the order across components). Sleeps and waits
 *       ({@code wait_lsn}, a secondary download's {@code wait_ms}, a timeline deletion's delay) hold no lock.</li>
 * </ol>
 */
package io.neonclient.testkit.internal.pageserver;
