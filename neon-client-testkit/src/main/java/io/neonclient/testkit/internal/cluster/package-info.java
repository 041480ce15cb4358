/**
 * The shared model of one simulated cluster: {@link io.neonclient.testkit.internal.cluster.Cluster}, which wires the
 * servers together, simulated time ({@code Timing}), remote storage and its timelines ({@code RemoteStorage},
 * {@code TimelineData}), the fault table and failpoints, and the testkit-only control routes.
 *
 * <p>{@code TimelineData} keeps its fields private: accessors read them, methods named after what they record change
 * them ({@code markDeleting}, {@code archive}, {@code detachFrom}, {@code lease}, {@code gc}, {@code patchIndexPart},
 * {@code placeOnSafekeepers}, …), and {@code snapshot()} reads what a TimelineInfo shows in one consistent step. Its
 * locking rule is in its class comment: volatile scalars and read-only views of concurrent collections for lock-free
 * single reads, its own monitor for compound changes, taken after the tenant's {@code RemoteStorage.TenantData}
 * monitor (which guards the tenant's timelines map) and never before another lock. A tenant's
 * {@code RemoteStorage.TenantData} keeps its timelines map, shard counts, manifests and object versions private
 * behind synchronized methods that hand out copies ({@code visible()}, {@code stored()}, {@code manifests()}) or
 * record a change ({@code store}, {@code recordShardCount}, {@code recordWalCopy}).
 */
package io.neonclient.testkit.internal.cluster;
