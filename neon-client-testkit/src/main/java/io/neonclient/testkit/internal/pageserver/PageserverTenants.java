package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Router;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pageserver's tenant manager (pageserver/src/tenant/mgr.rs {@code TenantManager}) and the tenant-wide operations
 * the handlers of pageserver/src/http/routes.rs call on it: location configs ({@code upsert_location},
 * {@code get_attached_tenant_shard}), tenant list and status, {@code delete_tenant}, {@code reset_tenant}, the tenant
 * config, time travel of remote storage, secondary downloads (tenant/secondary.rs), the remote-storage scan, feature
 * flags, and the disk-wide views over its layers (utilization.rs, disk_usage_eviction_task.rs, {@code post_top_tenants}).
 * Answers are fresh JSON trees or immutable records; the node's locations and the layers stay here.
 */
public final class PageserverTenants {
    /** A secondary location's download progress: whether it is warm, and {@code SecondaryProgress} as JSON. */
    public record SecondaryStatus(boolean warm, ObjectNode progress) { }

    private final PageserverNode node;
    private final Timelines timelines;
    private final Timing timing;
    private final PageserverLayers layers;
    private final PageserverFeatureFlags flags = new PageserverFeatureFlags();

    public PageserverTenants(PageserverNode node, Timelines timelines, Timing timing) {
        this.node = node;
        this.timelines = timelines;
        this.timing = timing;
        this.layers = new PageserverLayers(timing);
    }

    /** The layer files of this pageserver's shards (shared with its {@link PageserverTimelines}). */
    PageserverLayers layers() {
        return layers;
    }

    Timelines timelines() {
        return timelines;
    }

    Timing timing() {
        return timing;
    }

    /** The pageserver's node id ({@code GET /v1/status}). */
    public long nodeId() {
        return node.id();
    }

    /** mgr.rs {@code get_attached_tenant_shard}: the pageserver's 404 unless {@code shard} is attached here. */
    public void getAttachedTenantShard(TenantShardId shard) {
        node.attached(shard);
    }

    /** routes.rs {@code get_location_config_handler}: the shard's LocationConfig, or 404 when it is not here. */
    public ObjectNode getLocationConfig(TenantShardId shard) {
        Location l = node.location(shard);
        if (l == null) {
            throw HttpError.notFound("Tenant shard not found");
        }
        return l.toJson();
    }

    /** routes.rs {@code list_location_config_handler}: every shard here as a {@code [id, config]} tuple. */
    public ObjectNode listLocationConfig() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (TenantShardId id : node.shards()) {
            Location l = node.location(id);
            ArrayNode pair = list.addArray();
            pair.add(id.toString());
            if (l == null) {
                pair.addNull();
            } else {
                pair.add(l.toJson());
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("tenant_shards", list);
        return out;
    }

    /**
     * mgr.rs {@code upsert_location}: the shard takes the given location (Detached removes it); an attached location
     * writes the shard's tenant manifest under its generation. A secondary starts downloading its heatmap layers and is
     * warm after the cluster's secondary warm-up time.
     */
    public void upsertLocation(TenantShardId shard, LocationConfigMode mode, Integer generation, int shardNumber, int shardCount,
            int stripeSize, ObjectNode tenantConf) {
        node.setLocation(shard, new Location(mode, generation, shardNumber, shardCount, stripeSize, tenantConf,
                System.nanoTime() + timing.secondaryWarmupMillis() * 1_000_000));
    }

    private static ObjectNode tenantInfo(TenantShardId id, Location l) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id.toString());
        n.putObject("state").put("slug", "Active");
        n.put("current_physical_size", 0);
        n.putObject("attachment_status").put("slug", "attached");
        n.put("generation", l.generation == null ? 0 : l.generation);
        return n;
    }

    /** routes.rs {@code tenant_list_handler}: the attached shards' TenantInfo (the size is only computed for the detail). */
    public ArrayNode tenantList() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (TenantShardId id : node.shards()) {
            Location l = node.location(id);
            if (l != null && l.attached()) {
                out.add(tenantInfo(id, l).putNull("current_physical_size"));
            }
        }
        return out;
    }

    /** routes.rs {@code tenant_status}: TenantDetails, the flattened TenantInfo plus walredo and the timeline ids. */
    public ObjectNode tenantStatus(TenantShardId id) {
        Location l = node.attached(id);
        ObjectNode n = tenantInfo(id, l);
        n.putNull("walredo");
        ArrayNode tls = n.putArray("timelines");
        for (TimelineData d : visibleTimelines(id)) {
            tls.add(d.id().toString());
        }
        return n;
    }

    /** mgr.rs {@code delete_tenant}: the shard's location goes away (remote storage keeps its data). */
    public void deleteTenant(TenantShardId shard) {
        node.setLocation(shard, null);
    }

    /**
     * mgr.rs {@code reset_tenant}: 500 when the shard is not here or not attached; with {@code dropCache} the local
     * layer files go first; the shard is then shut down and loaded again under the same location and generation,
     * which ends tasks bound to the old instance (a running heatmap-layer download).
     */
    public void resetTenant(TenantShardId shard, boolean dropCache) {
        Location l = node.location(shard);
        if (l == null) {
            throw HttpError.internal("Tenant not found when trying to reset");
        }
        if (!l.attached()) {
            throw HttpError.internal("Tenant is not in attached state");
        }
        if (dropCache) {
            layers.dropCache(shard, visibleTimelines(shard));
        }
        node.setLocation(shard, new Location(l.mode, l.generation, l.shardNumber, l.shardCount, l.stripeSize, l.tenantConf,
                l.warmAtNanos));
    }

    /** routes.rs {@code get_tenant_config_handler}: the attached shard's overrides and effective config. */
    public ObjectNode getTenantConfig(TenantShardId shard) {
        Location l = node.attached(shard);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("tenant_specific_overrides", PageserverTenantConfig.overrides(l.tenantConf));
        out.set("effective_config", PageserverTenantConfig.effective(l.tenantConf));
        return out;
    }

    /**
     * {@code Tenant::update_tenant_config} as routes.rs {@code update_tenant_config_handler} (replace) and
     * {@code patch_tenant_config_handler} (a null field removes the override) call it: the attached location of the
     * unsharded tenant takes the new config, as {@code location_config} shows it afterwards.
     */
    public void updateTenantConfig(TenantId tenant, ObjectNode conf, boolean patch) {
        TenantShardId shard = TenantShardId.unsharded(tenant);
        synchronized (node) {
            Location l = node.attached(shard);
            ObjectNode next = patch ? l.tenantConf.deepCopy() : conf;
            if (patch) {
                conf.properties().forEach(e -> {
                    if (e.getValue().isNull()) {
                        next.remove(e.getKey());
                    } else {
                        next.set(e.getKey(), e.getValue());
                    }
                });
            }
            node.setLocation(shard, new Location(l.mode, l.generation, l.shardNumber, l.shardCount, l.stripeSize, next, l.warmAtNanos));
        }
    }

    /** The tenant's configured {@code field} duration on its attached {@code shard} (its {@code Timeline::get_*} getters). */
    Duration effectiveDuration(TenantShardId shard, String field) {
        return PageserverTenantConfig.effectiveDuration(node.attached(shard), field);
    }

    /** The tenant's configured {@code field} number on its attached {@code shard}. */
    long effectiveLong(TenantShardId shard, String field) {
        return PageserverTenantConfig.effectiveLong(node.attached(shard), field);
    }

    /** The attached shard's location (its tenant config and generation), or the pageserver's 404. */
    Location attached(TenantShardId shard) {
        return node.attached(shard);
    }

    /**
     * routes.rs {@code tenant_time_travel_remote_storage_handler}: the shard must not be held here (400), checked
     * before the query is read.
     */
    public void checkNotManaged(TenantShardId shard) {
        if (node.location(shard) != null) {
            throw HttpError.badRequest("This shard is currently attached or has a secondary location on this pageserver");
        }
    }

    /**
     * remote_timeline_client.rs {@code time_travel_recover_tenant}: remote storage of the tenant rewound to {@code to}
     * ({@link RemoteStorage#timeTravel}).
     */
    public void timeTravelRemoteStorage(TenantShardId shard, Instant to) {
        checkNotManaged(shard);
        timelines.remote().timeTravel(shard.tenantId(), to, timelines.now());
    }

    /** routes.rs {@code secondary_upload_handler}: the attached shard uploads its heatmap (nothing to write here). */
    public void uploadTenant(TenantShardId shard) {
        node.attached(shard);
    }

    /** mgr.rs {@code get_secondary_tenant_shard}: the pageserver's 404 unless {@code shard} is a secondary here. */
    public void getSecondaryTenantShard(TenantShardId shard) {
        secondary(shard);
    }

    private Location secondary(TenantShardId shard) {
        Location l = node.location(shard);
        if (l == null || !l.secondary()) {
            throw HttpError.notFound("Tenant " + shard + " not found");
        }
        return l;
    }

    /**
     * tenant/secondary.rs {@code download_tenant} as routes.rs {@code secondary_download_handler} calls it: waits up
     * to {@code waitMillis} (null: no wait; upstream time, scaled) for the secondary to be warm.
     */
    public SecondaryStatus downloadTenant(TenantShardId shard, Long waitMillis) {
        Location l = secondary(shard);
        if (waitMillis != null) {
            long left = (l.warmAtNanos - System.nanoTime()) / 1_000_000;
            if (left > 0) {
                Router.sleep(Math.min(left + 1, timing.millis(Duration.ofMillis(waitMillis))));
            }
        }
        return new SecondaryStatus(l.warm(), secondaryProgress(l));
    }

    /** routes.rs {@code secondary_status_handler}: the secondary's progress, without waiting. */
    public SecondaryStatus secondaryStatus(TenantShardId shard) {
        Location l = secondary(shard);
        return new SecondaryStatus(l.warm(), secondaryProgress(l));
    }

    /** SecondaryProgress; bytes grow from 0 to the total while the secondary warms. */
    public static ObjectNode secondaryProgress(Location l) {
        long total = 12;
        long span = Math.max(1, l.warmAtNanos - l.createdNanos);
        long done = l.warm() ? total : Math.min(total - 1, total * (System.nanoTime() - l.createdNanos) / span);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("heatmap_mtime", Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        n.put("layers_downloaded", done);
        n.put("layers_total", total);
        n.put("bytes_downloaded", done * 109_226);
        n.put("bytes_total", total * 109_226);
        return n;
    }

    /**
     * routes.rs {@code tenant_scan_remote_handler} ({@code list_remote_tenant_shards}, {@code list_remote_timelines}):
     * every shard prefix the tenant has in remote storage with the highest index_part generation of its timelines
     * ({@code null} when it has none) and the stripe size of its tenant manifest; 404 when there is none.
     */
    public ObjectNode scanRemoteStorage(TenantId id) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        RemoteStorage.TenantData data = timelines.remote().existing(id);
        if (data != null) {
            synchronized (data) {
                // Without a timeline there is no index_part: the generation is Generation::none(), serialized null.
                boolean indexed = !data.visible().isEmpty();
                data.manifests().forEach((shard, m) -> {
                    ObjectNode s = shards.addObject();
                    s.put("tenant_shard_id", shard.toString());
                    if (indexed) {
                        s.put("generation", m.generation());
                    } else {
                        s.putNull("generation");
                    }
                    s.put("stripe_size", m.stripeSize());
                });
            }
        }
        if (shards.isEmpty()) {
            throw HttpError.notFound("No shards found for tenant ID " + id);
        }
        return out;
    }

    /** The tenant's visible timelines in remote storage (a snapshot taken under the tenant's monitor). */
    List<TimelineData> visibleTimelines(TenantShardId shard) {
        RemoteStorage.TenantData t = timelines.remote().existing(shard.tenantId());
        if (t == null) {
            return List.of();
        }
        synchronized (t) {
            return List.copyOf(t.visible());
        }
    }

    /** Every shard location here (attached or secondary) with its tenant's visible timelines. */
    private Map<TenantShardId, List<TimelineData>> shardsHere() {
        Map<TenantShardId, List<TimelineData>> out = new LinkedHashMap<>();
        for (TenantShardId shard : node.shards()) {
            out.put(shard, visibleTimelines(shard));
        }
        return out;
    }

    /** utilization.rs {@code regenerate} ({@code get_utilization}). */
    public ObjectNode utilization() {
        return layers.utilization(node.locationCount(), shardsHere());
    }

    /** disk_usage_eviction_task.rs {@code disk_usage_eviction_task_iteration_impl} with {@code evict_bytes}. */
    public Object diskUsageEvictionRun(long evictBytes) {
        return layers.evictForPressure(evictBytes, shardsHere());
    }

    /** routes.rs {@code list_tenant_visible_size_handler}: attached shards only; every simulated layer is visible. */
    public ObjectNode listTenantVisibleSize() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (TenantShardId shard : node.shards()) {
            Location l = node.location(shard);
            if (l != null && l.attached()) {
                out.put(shard.toString(), layers.sizes(shard, visibleTimelines(shard))[1]);
            }
        }
        return out;
    }

    /**
     * routes.rs {@code post_top_tenants}: attached shards here, each with its resident and remote layer bytes and (on
     * shard zero) the tenant's largest logical size; filtered by {@code whereShardsLt} and {@code whereGt} (null: no
     * filter), largest {@code orderBy} metric first, at most {@code limit}.
     */
    public ObjectNode topTenants(String orderBy, long limit, Long whereShardsLt, Long whereGt) {
        List<ObjectNode> items = new ArrayList<>();
        for (TenantShardId shard : node.shards()) {
            Location l = node.location(shard);
            if (l == null || !l.attached()) {
                continue;
            }
            if (whereShardsLt != null && shard.shardCount() >= whereShardsLt) {
                continue;
            }
            List<TimelineData> tls = visibleTimelines(shard);
            long[] sizes = layers.sizes(shard, tls);
            long maxLogical = 0;
            if (shard.isShardZero()) {
                for (TimelineData t : tls) {
                    maxLogical = Math.max(maxLogical, t.logicalSize() + t.lastRecordLsn().minus(t.initdbLsn()));
                }
            }
            ObjectNode item = Json.MAPPER.createObjectNode();
            item.put("id", shard.toString());
            item.put("resident_size", sizes[0]);
            item.put("physical_size", sizes[1]);
            item.put("max_logical_size", maxLogical);
            item.put("max_logical_size_per_shard", maxLogical / Math.max(1, shard.shardCount()));
            if (whereGt != null && item.path(orderBy).asLong() <= whereGt) {
                continue;
            }
            items.add(item);
        }
        items.sort(Comparator.comparingLong((ObjectNode i) -> i.path(orderBy).asLong()).reversed());
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        items.stream().limit(limit).forEach(shards::add);
        return out;
    }

    /** routes.rs {@code tenant_evaluate_feature_flag}: the attached shard's evaluation of {@code flag}. */
    public ObjectNode evaluateFeatureFlag(TenantShardId shard, String flag, String as) {
        node.attached(shard);
        return flags.evaluate(shard, flag, as);
    }

    /** routes.rs {@code force_refresh_feature_flag}: the attached shard re-reads its properties from its timelines. */
    public void refreshFeatureFlags(TenantShardId shard) {
        node.attached(shard);
        flags.refresh(shard, visibleTimelines(shard));
    }

    /** routes.rs {@code force_override_feature_flag_for_testing_put}/{@code _delete} (null removes the override). */
    public void overrideFeatureFlag(String flag, String value) {
        flags.override(flag, value);
    }
}
