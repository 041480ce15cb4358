package io.neonclient.pageserver;

import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.SecondaryProgress;
import io.neonclient.model.SyntheticSize;
import io.neonclient.model.TenantConfig;
import io.neonclient.model.TenantConfigView;
import io.neonclient.model.TenantDetails;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The URLs below {@code /v1/tenant/{tenant_shard_id}} on one pageserver. Obtain with {@link PageserverClient#tenant}.
 */
public final class PageserverTenant {
    private static final Json.Reader<TenantDetails> DETAILS = Json.reader(TenantDetails.class);
    private static final Json.Reader<TenantConfigView> CONFIG = Json.reader(TenantConfigView.class);
    private static final Json.Reader<SecondaryProgress> PROGRESS = Json.reader(SecondaryProgress.class);
    private static final Json.Reader<SyntheticSize> SIZE = Json.reader(SyntheticSize.class);
    private static final Json.Reader<FeatureFlagEvaluation.Wire> FLAG = Json.reader(FeatureFlagEvaluation.Wire.class);
    private static final java.util.regex.Pattern FLAG_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]+");

    private final PageserverClient client;
    private final TenantShardId shard;

    PageserverTenant(PageserverClient client, TenantShardId shard) {
        this.client = client;
        this.shard = shard;
    }

    /** The shard this handle addresses. */
    public TenantShardId id() {
        return shard;
    }

    /**
     * {@code GET /v1/tenant/{tenant_shard_id}}: state, generation, sizes and timeline ids.
     *
     * @throws io.neonclient.core.NotFoundException when the shard is not attached here
     */
    public TenantDetails describe() {
        return client.transport.call(Request.get("/v1/tenant/{tenant_shard_id}", shard).scope(PageserverClient.SCOPE).build(), DETAILS);
    }

    /**
     * {@code DELETE /v1/tenant/{tenant_shard_id}}: deletes the shard here and its data in remote storage (200, also when
     * it was already gone). Retried on 503 (e.g. the tenant is being modified concurrently). With a storage controller,
     * delete through it instead, so it does not re-create the shard.
     */
    public void delete() {
        client.transport.send(Request.delete("/v1/tenant/{tenant_shard_id}", shard).scope(PageserverClient.SCOPE).idempotent(true).build());
    }

    /**
     * {@code GET /v1/tenant/{tenant_shard_id}/synthetic_size}: the tenant's synthetic size, computed by the shard-zero
     * pageserver over every timeline ({@code tenant_size_handler} in upstream {@code pageserver/src/http/routes.rs}).
     *
     * @throws IllegalArgumentException           when this handle is not shard zero (other shards answer 400)
     * @throws io.neonclient.core.NotFoundException when the shard is not attached here
     */
    public SyntheticSize syntheticSize() {
        return syntheticSize(false);
    }

    /**
     * {@code GET /v1/tenant/{tenant_shard_id}/synthetic_size?inputs_only=true}: only what the size calculation would
     * read (each timeline's branch point, last record, GC and PITR cutoffs, leases); {@link SyntheticSize#size()} is
     * empty.
     *
     * @throws IllegalArgumentException when this handle is not shard zero
     */
    public SyntheticSize syntheticSizeInputs() {
        return syntheticSize(true);
    }

    private SyntheticSize syntheticSize(boolean inputsOnly) {
        if (!shard.isShardZero()) {
            throw new IllegalArgumentException("syntheticSize needs shard zero (size calculations run there only), got " + shard);
        }
        Request.Builder r = Request.get("/v1/tenant/{tenant_shard_id}/synthetic_size", shard).scope(PageserverClient.SCOPE)
                .idempotent(true);
        if (inputsOnly) {
            r.query("inputs_only", true);
        }
        return client.transport.call(r.build(), SIZE);
    }

    /**
     * {@code GET /v1/tenant/{tenant_shard_id}/feature_flag/{flag_key}}: evaluates a feature flag for this tenant with
     * the tenant's properties (upstream {@code tenant_evaluate_feature_flag}); the pageserver infers whether the flag is
     * boolean or multivariate from its flag store.
     *
     * @throws IllegalArgumentException                 when {@code flagKey} is not a flag key
     * @throws io.neonclient.core.ServerErrorException  500 when the flag's kind cannot be inferred (no PostHog
     *                                                  configured, unknown flag): ask with a {@link FeatureFlagType}
     * @throws io.neonclient.core.NotFoundException      when the shard is not attached here
     */
    public FeatureFlagEvaluation featureFlag(String flagKey) {
        return evaluate(flagKey, null);
    }

    /** {@code GET /v1/tenant/{tenant_shard_id}/feature_flag/{flag_key}?as=…}: as {@link #featureFlag(String)}, of the given kind. */
    public FeatureFlagEvaluation featureFlag(String flagKey, FeatureFlagType as) {
        return evaluate(flagKey, Objects.requireNonNull(as, "as"));
    }

    private FeatureFlagEvaluation evaluate(String flagKey, FeatureFlagType as) {
        Objects.requireNonNull(flagKey, "flagKey");
        if (!FLAG_KEY.matcher(flagKey).matches()) {
            throw new IllegalArgumentException("flagKey must be letters, digits, '_', '-' or '.', got '" + flagKey + "'");
        }
        Request.Builder r = Request.get("/v1/tenant/{tenant_shard_id}/feature_flag/{flag_key}", shard, flagKey)
                .scope(PageserverClient.SCOPE).idempotent(true);
        if (as != null) {
            r.query("as", as);
        }
        return client.transport.call(r.build(), FLAG).toEvaluation();
    }

    /**
     * {@code POST /v1/tenant/{tenant_shard_id}/force_refresh_feature_flag}: recomputes the tenant's properties (remote
     * size, database and relation counts) and the flags read on the critical path now, instead of at the next
     * housekeeping round (upstream {@code force_refresh_feature_flag}).
     */
    public void forceRefreshFeatureFlag() {
        client.transport.send(Request.post("/v1/tenant/{tenant_shard_id}/force_refresh_feature_flag", shard)
                .scope(PageserverClient.SCOPE).idempotent(true).build());
    }

    /** The timelines of this shard: list and create. No request is sent. */
    public PageserverTimelines timelines() {
        return new PageserverTimelines(client, shard);
    }

    /** {@code GET /v1/tenant/{tenant_shard_id}/config}: the tenant's overrides and the effective configuration. */
    public TenantConfigView config() {
        return client.transport.call(Request.get("/v1/tenant/{tenant_shard_id}/config", shard).scope(PageserverClient.SCOPE).build(), CONFIG);
    }

    /**
     * {@code PUT /v1/tenant/config} with {@code {"tenant_id": …, <settings>}}: replaces the tenant's overrides on this
     * pageserver (upstream {@code update_tenant_config_handler}; a legacy route that addresses unsharded tenants only,
     * and is overwritten by the next {@code location_config}). With a storage controller, configure through it instead.
     *
     * @throws IllegalArgumentException when this handle addresses a sharded tenant
     */
    public void updateConfig(TenantConfig config) {
        client.transport.send(Request.put("/v1/tenant/config").scope(PageserverClient.SCOPE).idempotent(true)
                .json(configBody(config)).build());
    }

    /**
     * {@code PATCH /v1/tenant/config} with {@code {"tenant_id": …, <set>, <remove>: null}}: upserts the settings in
     * {@code set}, removes the overrides named in {@code remove} (sent as {@code null}), leaves the rest untouched
     * (upstream {@code patch_tenant_config_handler}, body {@code TenantConfigPatchRequest}). Unsharded tenants only,
     * as {@link #updateConfig}.
     *
     * @throws IllegalArgumentException when both are empty, a key is not a snake_case name, or a key is both set and removed
     */
    public void patchConfig(TenantConfig set, Collection<String> remove) {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(remove, "remove");
        if (set.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("patchConfig needs a setting to set or remove (both were empty)");
        }
        Map<String, Object> body = configBody(set);
        for (String key : remove) {
            TenantConfig.requireKey(key);
            if (set.settings().containsKey(key)) {
                throw new IllegalArgumentException("tenant config key '" + key + "' is both set and removed");
            }
            body.put(key, null);
        }
        client.transport.send(Request.patch("/v1/tenant/config").scope(PageserverClient.SCOPE).idempotent(true)
                .json(body).build());
    }

    /** Upstream {@code TenantConfigRequest}: the tenant id with the config flattened beside it (strict). */
    private Map<String, Object> configBody(TenantConfig config) {
        Objects.requireNonNull(config, "config");
        if (shard.shardCount() != 0) {
            throw new IllegalArgumentException("/v1/tenant/config addresses unsharded tenants only, got shard " + shard);
        }
        if (config.settings().containsKey("tenant_id")) {
            throw new IllegalArgumentException("tenant_id is not a tenant config setting");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", shard.tenantId().toString());
        body.putAll(config.settings());
        return body;
    }

    /**
     * {@code POST /v1/tenant/{tenant_shard_id}/reset}: shuts the shard down and loads it again from remote storage,
     * keeping its location and generation (upstream {@code tenant_reset_handler} → {@code TenantManager::reset_tenant}).
     * The usual first fix for a shard stuck {@code Broken}.
     *
     * @throws io.neonclient.core.ServerErrorException 500 when the shard is not attached here (upstream maps every
     *                                                  reset failure, "not found" included, to 500)
     */
    public void reset() {
        client.transport.send(Request.post("/v1/tenant/{tenant_shard_id}/reset", shard).scope(PageserverClient.SCOPE).build());
    }

    /**
     * {@code POST /v1/tenant/{tenant_shard_id}/reset?drop_cache=true} when {@code dropCache}: as {@link #reset()},
     * and first deletes the shard's local layer files, so every layer is downloaded again on access.
     */
    public void reset(boolean dropCache) {
        Request.Builder r = Request.post("/v1/tenant/{tenant_shard_id}/reset", shard).scope(PageserverClient.SCOPE);
        if (dropCache) {
            r.query("drop_cache", true);
        }
        client.transport.send(r.build());
    }

    /**
     * {@code PUT /v1/tenant/{tenant_shard_id}/time_travel_remote_storage?travel_to=…&done_if_after=…}: rewinds this
     * shard's objects in remote storage to {@code travelTo} (upstream {@code tenant_time_travel_remote_storage_handler});
     * objects changed after {@code doneIfAfter} mark the rewind as already done. The shard must not be attached or
     * secondary on this pageserver (400 otherwise). With a storage controller, travel through it instead: it rewinds
     * every shard count the tenant had.
     *
     * @throws IllegalArgumentException when a time lacks a UTC second precision or {@code travelTo} is after
     *                                  {@code doneIfAfter}
     */
    public void timeTravelRemoteStorage(java.time.Instant travelTo, java.time.Instant doneIfAfter) {
        io.neonclient.core.Rfc3339.check("travelTo", travelTo);
        io.neonclient.core.Rfc3339.check("doneIfAfter", doneIfAfter);
        if (travelTo.isAfter(doneIfAfter)) {
            throw new IllegalArgumentException("travelTo (" + travelTo + ") must not be after doneIfAfter (" + doneIfAfter + ")");
        }
        client.transport.send(Request.put("/v1/tenant/{tenant_shard_id}/time_travel_remote_storage", shard)
                .query("travel_to", io.neonclient.core.Rfc3339.format(travelTo))
                .query("done_if_after", io.neonclient.core.Rfc3339.format(doneIfAfter))
                .scope(PageserverClient.SCOPE).idempotent(true).build());
    }

    /** {@code POST /v1/tenant/{tenant_shard_id}/heatmap_upload}: upload this attached shard's heatmap now (for secondaries to follow). */
    public void heatmapUpload() {
        client.transport.send(Request.post("/v1/tenant/{tenant_shard_id}/heatmap_upload", shard)
                .scope(PageserverClient.SCOPE).idempotent(true).build());
    }

    /**
     * {@code POST /v1/tenant/{tenant_shard_id}/secondary/download?wait_ms=…}: start (or join) a download of this
     * secondary location's layers and wait up to {@code wait} server-side. The answer says whether it finished (200)
     * or is still running (202); the handle's {@code await} keeps waiting.
     *
     * @throws io.neonclient.core.NotFoundException when this pageserver has no secondary location for the shard
     */
    public SecondaryDownload secondaryDownload(Duration wait) {
        if (wait == null || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("wait must be positive, got " + wait);
        }
        return SecondaryDownload.start(this, wait);
    }

    /** {@code GET /v1/tenant/{tenant_shard_id}/secondary/status}: this secondary location's download progress. */
    public SecondaryProgress secondaryStatus() {
        return client.transport.call(Request.get("/v1/tenant/{tenant_shard_id}/secondary/status", shard)
                .scope(PageserverClient.SCOPE).build(), PROGRESS);
    }

    /** One long-poll of the download; answers the status and the progress. */
    SecondaryDownload.Poll downloadOnce(Duration wait) {
        Request request = Request.post("/v1/tenant/{tenant_shard_id}/secondary/download", shard)
                .query("wait_ms", wait.toMillis())
                .scope(PageserverClient.SCOPE).idempotent(true)
                // the server holds the request for wait_ms; leave room for the answer
                .timeout(wait.plus(client.settings().requestTimeout()))
                .build();
        var response = client.transport.send(request);
        SecondaryProgress progress = io.neonclient.core.internal.HttpTransport.decode(request.operation(), response, PROGRESS);
        return new SecondaryDownload.Poll(response.status() == 200, progress);
    }

    PageserverClient client() {
        return client;
    }

    @Override
    public String toString() {
        return "PageserverTenant[" + shard + "]";
    }
}
