/**
 * Typed client of the Neon storage controller ({@code storage_controller/src/http.rs} upstream). Start at
 * {@link io.neonclient.storcon.StorageControllerClient}; the API reads like the URL:
 *
 * <table>
 *   <caption>Routes and the calls that send them</caption>
 *   <tr><th>HTTP</th><th>Java</th></tr>
 *   <tr><td>{@code GET /control/v1/node}</td><td>{@code storcon.nodes().list()}</td></tr>
 *   <tr><td>{@code PUT /control/v1/node/{id}/drain}</td><td>{@code storcon.node(id).drain()} → {@link io.neonclient.storcon.NodeOperation}</td></tr>
 *   <tr><td>{@code POST /v1/tenant}</td><td>{@code storcon.tenants().create(req)} → {@link io.neonclient.storcon.TenantCreation}</td></tr>
 *   <tr><td>{@code GET /control/v1/tenant/{id}}</td><td>{@code storcon.tenant(id).describe()}</td></tr>
 *   <tr><td>{@code PUT /control/v1/tenant/{id}/policy}</td><td>{@code storcon.tenant(id).updatePolicy(p)} → {@link io.neonclient.storcon.PolicyChange}</td></tr>
 *   <tr><td>{@code PUT /control/v1/tenant/{shard}/migrate}</td><td>{@code storcon.shard(s).migrateTo(node)} → {@link io.neonclient.storcon.ShardMigration}</td></tr>
 *   <tr><td>{@code POST /v1/tenant/{id}/timeline}</td><td>{@code storcon.tenant(id).timelines().create(CreateTimelineRequest.branch(..).at(lsn))}</td></tr>
 *   <tr><td>{@code DELETE /v1/tenant/{id}/timeline/{tl}}</td><td>{@code storcon.tenant(id).timeline(tl).delete()} → {@link io.neonclient.core.TimelineDeletion}</td></tr>
 *   <tr><td>{@code PUT /v1/tenant/{id}/time_travel_remote_storage}</td><td>{@code storcon.tenant(id).timeTravelRemoteStorage(to, doneIfAfter, counts)}</td></tr>
 * </table>
 *
 * <p>Operations that finish after the call returns give an {@link io.neonclient.core.Awaitable} handle whose
 * {@code await} polls the state upstream's own tools wait on, fails at once on a shard's {@code last_error} or a state
 * that can no longer lead to success, and on timeout throws {@link io.neonclient.core.WaitTimeoutException} carrying the
 * last state seen. Build a client with {@code StorageControllerClient.builder().baseUri(..).config(ClientConfig)}.
 */
package io.neonclient.storcon;
