package io.neonclient.storcon;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.Scope;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.core.internal.Response;
import io.neonclient.model.LocationConfig;
import io.neonclient.model.SecondaryProgress;
import io.neonclient.model.ShardLocations;
import io.neonclient.model.SyntheticSize;
import io.neonclient.model.TenantConfig;
import io.neonclient.model.TenantConfigView;
import io.neonclient.model.TenantDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant: {@code /control/v1/tenant/{tenant_id}} and the controller's pageserver-compatible
 * {@code /v1/tenant/{tenant_id}/…} routes. Get one with {@link StorageControllerClient#tenant(TenantId)}.
 */
public final class TenantResource {
    /**
     * Calls the controller holds while it works (time travel shard after shard, synchronous split, delete with remote
     * deletion) get at least this long per attempt.
     */
    static final Duration LONG_CALL_TIMEOUT = Duration.ofMinutes(10);

    private final StorageControllerClient client;
    private final TenantId id;

    TenantResource(StorageControllerClient client, TenantId id) {
        this.client = client;
        this.id = id;
    }

    /** The tenant this handle addresses. */
    public TenantId id() {
        return id;
    }

    /**
     * {@code GET /control/v1/tenant/{tenant_id}} (scope scrubber): the controller's view of the tenant.
     *
     * @throws io.neonclient.core.NotFoundException for an unknown tenant, and for a detached tenant the controller
     *                                             dropped from memory
     */
    public TenantDescription describe() {
        return client.call(Request.get("/control/v1/tenant/{tenant_id}", id).scope(Scope.SCRUBBER), Json.reader(TenantDescription.class));
    }

    /**
     * {@code GET /v1/tenant/{tenant_id}} (scope pageserverapi): passed through to the pageserver holding shard 0, which
     * answers with its {@link TenantDetails} (state, attachment status, generation, timelines). This is <em>not</em> the
     * controller's view: it has no {@code shards} and no {@code policy}, so the seed runbook's
     * {@code jq '.shards[0].policy'} on it prints {@code null}. For placement and shards use
     * {@link #describe()}.
     *
     * @throws io.neonclient.core.NotFoundException    for a tenant the controller does not know
     * @throws io.neonclient.core.ConflictException    when shard 0 is not attached anywhere
     * @throws io.neonclient.core.UnavailableException when the pageserver cannot be reached or the shard is migrating
     *                                                 (retried first)
     */
    public TenantDetails details() {
        return client.call(Request.get("/v1/tenant/{tenant_id}", id).scope(Scope.PAGESERVER_API), Json.reader(TenantDetails.class));
    }

    /**
     * {@code GET /v1/tenant/{tenant_id}/synthetic_size} (scope pageserverapi): passed through to the pageserver
     * holding shard 0, which computes the tenant's synthetic size ({@code tenant_size_handler} in upstream
     * {@code pageserver/src/http/routes.rs}). The calculation reads every timeline and can take a while on a big
     * tenant; it runs under the controller's ten-minute long-call timeout.
     *
     * @throws io.neonclient.core.NotFoundException    for a tenant the controller does not know
     * @throws io.neonclient.core.ConflictException    when shard 0 is not attached anywhere
     * @throws io.neonclient.core.UnavailableException when the pageserver cannot be reached (retried first)
     */
    public SyntheticSize syntheticSize() {
        return client.call(Request.get("/v1/tenant/{tenant_id}/synthetic_size", id).scope(Scope.PAGESERVER_API)
                .idempotent(true).timeout(client.atLeast(LONG_CALL_TIMEOUT)), Json.reader(SyntheticSize.class));
    }

    /**
     * {@code PUT /control/v1/tenant/{tenant_id}/policy} (scope admin) with {@code {"placement": …}}. Applies to all
     * shards; {@code Detached}/{@code Secondary} also reset the shards' scheduling to Active. Reloads a dropped detached
     * tenant. Idempotent. The reconciles run in the background: {@link PolicyChange#await} waits for them.
     */
    public PolicyChange updatePolicy(PlacementPolicy placement) {
        Validate.notNull("placement", placement);
        putPolicy(Map.of("placement", placement));
        return new PolicyChange(client, id, placement);
    }

    /** {@code PUT /control/v1/tenant/{tenant_id}/policy} with both {@code placement} and {@code scheduling}. */
    public PolicyChange updatePolicy(PlacementPolicy placement, ShardSchedulingPolicy scheduling) {
        Validate.notNull("placement", placement);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("placement", placement);
        body.put("scheduling", known(scheduling));
        putPolicy(body);
        return new PolicyChange(client, id, placement);
    }

    /**
     * {@code PUT /control/v1/tenant/{tenant_id}/policy} with only {@code {"scheduling": …}}: how freely the controller
     * may move every shard (e.g. {@code ESSENTIAL} after an override-scheduler migration).
     */
    public void updateScheduling(ShardSchedulingPolicy scheduling) {
        putPolicy(Map.of("scheduling", known(scheduling)));
    }

    private static ShardSchedulingPolicy known(ShardSchedulingPolicy p) {
        Validate.notNull("scheduling", p);
        return p;
    }

    private void putPolicy(Map<String, Object> body) {
        client.send(Request.put("/control/v1/tenant/{tenant_id}/policy", id).json(body).scope(Scope.ADMIN).idempotent(true));
    }

    /**
     * {@code DELETE /v1/tenant/{tenant_id}} (scope pageserverapi): detaches every shard, deletes remote data and the
     * controller's records; returns when done (each attempt may take ten minutes). Not retried (a repeat answers 404).
     *
     * @throws io.neonclient.core.UnavailableException 408 when the detach took longer than 30 s (it continues: call again)
     */
    public void delete() {
        client.send(Request.delete("/v1/tenant/{tenant_id}", id).scope(Scope.PAGESERVER_API).timeout(client.atLeast(LONG_CALL_TIMEOUT)));
    }

    // ---- config -------------------------------------------------------------------------------------------

    /** {@code GET /v1/tenant/{tenant_id}/config} (scope pageserverapi): overrides and effective config. */
    public TenantConfigView config() {
        return client.call(Request.get("/v1/tenant/{tenant_id}/config", id).scope(Scope.PAGESERVER_API), Json.reader(TenantConfigView.class));
    }

    /**
     * {@code PUT /v1/tenant/config} (scope pageserverapi) with {@code {"tenant_id", …config}}: <em>replaces</em> the
     * whole config (settings not given return to defaults). Idempotent.
     */
    public void setConfig(TenantConfig config) {
        Validate.notNull("config", config);
        Map<String, Object> body = configBody();
        body.putAll(config.settings());
        client.send(Request.put("/v1/tenant/config").json(body).scope(Scope.PAGESERVER_API).idempotent(true));
    }

    /**
     * {@code PATCH /v1/tenant/config} (scope pageserverapi): upserts the settings in {@code set}, removes the overrides
     * named in {@code remove} (sent as {@code null}), leaves the rest untouched. Idempotent.
     */
    public void patchConfig(TenantConfig set, Collection<String> remove) {
        Validate.notNull("set", set);
        Validate.notNull("remove", remove);
        if (set.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("patchConfig needs a setting to set or remove (both were empty)");
        }
        Map<String, Object> body = configBody();
        body.putAll(set.settings());
        for (String key : remove) {
            Validate.configKey(key);
            if (set.settings().containsKey(key)) {
                throw new IllegalArgumentException("tenant config key '" + key + "' is both set and removed");
            }
            body.put(key, null);
        }
        client.send(Request.patch("/v1/tenant/config").json(body).scope(Scope.PAGESERVER_API).idempotent(true));
    }

    private Map<String, Object> configBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", id);
        return body;
    }

    /**
     * {@code PUT /v1/tenant/{tenant_id}/location_config} (scope pageserverapi), the cloud-control-plane compatible
     * route: Attached modes set placement {@code Attached(1)}, Secondary/Detached set those policies, and
     * {@code tenant_conf} replaces the stored config. Waits up to 5 s for reconciles, ignoring their failures.
     * Prefer {@link #updatePolicy} in new code.
     */
    public ShardLocations locationConfig(LocationConfig config) {
        Validate.notNull("config", config);
        return client.call(Request.put("/v1/tenant/{tenant_id}/location_config", id).json(config).scope(Scope.PAGESERVER_API).idempotent(true),
                Json.reader(ShardLocations.class));
    }

    // ---- sharding -------------------------------------------------------------------------------------------

    /**
     * {@code PUT /control/v1/tenant/{tenant_id}/shard_split} (scope admin) with {@code {"new_shard_count": n,
     * "new_stripe_size": null}}: splits every shard (synchronous; each attempt may take ten minutes). Splitting to the current count returns the existing
     * shards, so the call is retried on 503.
     *
     * @throws io.neonclient.core.ConflictException  when a split or import is already running
     * @throws io.neonclient.core.BadRequestException when a shard already has a higher count, or the tenant is not attached
     */
    public ShardSplit split(int newShardCount) {
        return split(newShardCount, null);
    }

    /**
     * {@link #split(int)} that also sets the stripe size (only allowed when splitting up from 0 or 1 shard).
     *
     * @param newStripeSize the new stripe size in 8 KiB pages, a power of two; null keeps the current one
     */
    public ShardSplit split(int newShardCount, StripeSize newStripeSize) {
        if (newShardCount < 2 || newShardCount > 255) {
            throw new IllegalArgumentException("newShardCount must be 2..255, got " + newShardCount);
        }
        if (newStripeSize != null && !newStripeSize.isPowerOfTwo()) {
            throw new IllegalArgumentException("newStripeSize must be a power of two number of 8 KiB pages, got " + newStripeSize.pages());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("new_shard_count", newShardCount);
        body.put("new_stripe_size", newStripeSize);
        ShardSplit.Split r = client.call(Request.put("/control/v1/tenant/{tenant_id}/shard_split", id).json(body)
                .scope(Scope.ADMIN).idempotent(true).timeout(client.atLeast(LONG_CALL_TIMEOUT)), Json.reader(ShardSplit.Split.class));
        return new ShardSplit(client, id, newShardCount, r == null ? List.of() : r.newShards());
    }

    /** {@code POST /v1/tenant/{tenant_id}/secondary/download} without {@code wait_ms}: the server's default wait. */
    public SecondaryDownloadStatus secondaryDownload() {
        Request.Builder r = Request.post("/v1/tenant/{tenant_id}/secondary/download", id).scope(Scope.PAGESERVER_API).idempotent(true);
        return secondaryDownload(r);
    }

    /**
     * {@code POST /v1/tenant/{tenant_id}/secondary/download?wait_ms=…}: asks every secondary location to download its
     * heatmap's layers and waits up to {@code wait} on the server. {@link SecondaryDownloadStatus#complete()} tells 200 (done)
     * from 202 (still downloading). The controller checks no scope; the {@code pageserverapi} token is sent.
     *
     * @throws io.neonclient.core.NotFoundException when the tenant has no secondary locations
     */
    public SecondaryDownloadStatus secondaryDownload(Duration wait) {
        Validate.notNull("wait", wait);
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must be zero or positive, got " + wait);
        }
        Request.Builder r = Request.post("/v1/tenant/{tenant_id}/secondary/download", id).query("wait_ms", wait.toMillis())
                .scope(Scope.PAGESERVER_API).idempotent(true).timeout(client.atLeast(wait.plusSeconds(30)));
        return secondaryDownload(r);
    }

    private SecondaryDownloadStatus secondaryDownload(Request.Builder r) {
        Response response = client.send(r);
        SecondaryProgress progress = client.decode(r, response, Json.reader(SecondaryProgress.class));
        return new SecondaryDownloadStatus(response.status() == 200, progress == null ? SecondaryProgress.none() : progress);
    }

    /**
     * {@code PUT /v1/tenant/{tenant_id}/time_travel_remote_storage?travel_to=…&done_if_after=…} (scope pageserverapi)
     * with {@code {"shard_counts": […]}}: rewinds the tenant's remote storage to {@code travelTo}. The tenant must be
     * fully detached first ({@code updatePolicy(detached()).await(..)}); otherwise the controller answers 500.
     * Timestamps go out as RFC 3339 UTC ({@code Z}, never a raw {@code +}). Each attempt may take at least ten minutes.
     *
     * @param travelTo    the point in time to restore
     * @param doneIfAfter a time after which objects count as written by the travel itself; {@code >= travelTo}, usually now
     * @param shardCounts every shard count the tenant ever had ({@code 0} = unsharded layout), e.g. {@code [0, 4]}
     * @throws IllegalArgumentException before sending, when {@code travelTo} is after {@code doneIfAfter}, the list is
     *                                  empty, or a count is outside 0..255
     */
    public void timeTravelRemoteStorage(Instant travelTo, Instant doneIfAfter, List<Integer> shardCounts) {
        Rfc3339.check("travelTo", travelTo);
        Rfc3339.check("doneIfAfter", doneIfAfter);
        if (travelTo.isAfter(doneIfAfter)) {
            throw new IllegalArgumentException("travelTo (" + travelTo + ") must not be after doneIfAfter (" + doneIfAfter + ")");
        }
        Validate.notNull("shardCounts", shardCounts);
        if (shardCounts.isEmpty()) {
            throw new IllegalArgumentException("shardCounts must list every shard count the tenant ever had (0 = unsharded), got "
                    + shardCounts);
        }
        List<Integer> counts = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Integer c : shardCounts) {
            if (c == null || c < 0 || c > 255) {
                throw new IllegalArgumentException("shardCounts entries must be 0..255, got " + c);
            }
            if (seen.add(c)) {
                counts.add(c);
            }
        }
        client.send(Request.put("/v1/tenant/{tenant_id}/time_travel_remote_storage", id)
                .query("travel_to", Rfc3339.format(travelTo))
                .query("done_if_after", Rfc3339.format(doneIfAfter))
                .json(Map.of("shard_counts", counts))
                .scope(Scope.PAGESERVER_API).idempotent(true).timeout(client.atLeast(LONG_CALL_TIMEOUT)));
    }

    /**
     * Sets the preferred availability zone of every shard: {@code GET /control/v1/tenant/{tenant_id}} for the shard ids,
     * then {@code PUT /control/v1/preferred_azs} (scope admin).
     *
     * @return the shards whose preference changed
     */
    public List<io.neonclient.core.TenantShardId> updatePreferredAz(String availabilityZone) {
        Validate.nonBlank("availabilityZone", availabilityZone);
        Map<String, String> body = new LinkedHashMap<>();
        for (ShardDescription s : describe().shards()) {
            body.put(s.id().toString(), availabilityZone);
        }
        return client.preferredAzs(body);
    }

    // ---- timelines -----------------------------------------------------------------------------------------

    /** The tenant's timelines: {@code /v1/tenant/{tenant_id}/timeline}. */
    public Timelines timelines() {
        return new Timelines(client, id);
    }

    /** One timeline: {@code /v1/tenant/{tenant_id}/timeline/{timeline_id}}. */
    public TimelineResource timeline(TimelineId timelineId) {
        return new TimelineResource(client, id, Validate.notNull("timelineId", timelineId));
    }

    // ---- debug ---------------------------------------------------------------------------------------------

    /** {@code GET /debug/v1/tenant/{tenant_id}/locate} (scope admin): each shard's attached pageserver and its addresses. */
    public TenantLocation locate() {
        return client.call(Request.get("/debug/v1/tenant/{tenant_id}/locate", id).scope(Scope.ADMIN), Json.reader(TenantLocation.class));
    }

    /**
     * {@code POST /debug/v1/tenant/{tenant_id}/import} (scope pageserverapi): imports a tenant that exists in remote
     * storage but not in the controller (emergency recovery). Returns the shards it attached.
     */
    public List<ShardLocation> importFromRemoteStorage() {
        TenantCreation.Created r = client.call(Request.post("/debug/v1/tenant/{tenant_id}/import", id).scope(Scope.PAGESERVER_API),
                Json.reader(TenantCreation.Created.class));
        return r == null ? List.of() : r.shards();
    }

    @Override
    public String toString() {
        return "tenant " + id;
    }
}
