package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pageserver routes operators reach for when a shard misbehaves or a disk fills (pageserver/src/http/routes.rs):
 * {@code tenant_reset_handler}, {@code get_utilization}, {@code layer_map_info_handler},
 * {@code layer_download_handler}, {@code evict_timeline_layer_handler}, {@code disk_usage_eviction_run},
 * {@code timeline_and_offloaded_list_handler} and the testing {@code timeline_offload_handler}. They decode, call
 * {@link PageserverLayers} or the timeline record, and encode.
 */
public final class PageserverOperatorRoutes {
    /** LayerName::from_str (pageserver/src/tenant/storage_layer/layer_name.rs). */
    private static final Pattern LAYER_NAME = Pattern.compile(
            "[0-9A-Fa-f]{36}-[0-9A-Fa-f]{36}__[0-9A-Fa-f]{16}(-[0-9A-Fa-f]{16})?(-(v[0-9]+-)?[0-9A-Fa-f]{8})?");

    private final PageserverNode node;
    private final Timelines timelines;
    private final PageserverLayers layers;

    public PageserverOperatorRoutes(PageserverNode node, Timelines timelines, Timing timing) {
        this.node = node;
        this.timelines = timelines;
        this.layers = new PageserverLayers(timing);
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component("pageserverapi");
        String ts = "/v1/tenant/{tenant_shard_id}";
        String tl = ts + "/timeline/{timeline_id}";
        r.add("POST", ts + "/reset", ps, this::reset);
        r.add("GET", "/v1/utilization", ps, x -> Reply.ok(layers.utilization(node.locations().size(), shardsHere())));
        r.add("GET", tl + "/layer", ps, x -> Reply.ok(layers.layerMapInfo(x.tenantShardId(), timeline(x))));
        r.add("GET", tl + "/layer/{layer_file_name}", ps, x -> residency(x, true));
        r.add("DELETE", tl + "/layer/{layer_file_name}", ps, x -> residency(x, false));
        r.add("PUT", "/v1/disk_usage_eviction/run", ps, x -> {
            JsonNode bytes = x.object().get("evict_bytes");
            if (bytes == null || !bytes.canConvertToLong() || bytes.asLong() < 0) {
                throw HttpError.badRequest("Failed to parse json request: missing or invalid field `evict_bytes`");
            }
            return Reply.ok(layers.evictForPressure(bytes.asLong(), shardsHere()));
        });
        r.add("PUT", "/v1/deletion_queue/flush", RouteAuth.ANY, x -> {
            // deletion_queue_flush: no scope check; the simulation deletes at once, so the queue is always empty
            x.queryFlag("execute", false);
            return Reply.nullBody();
        });
        r.add("POST", "/v1/top_tenants", ps, this::topTenants);        r.add("POST", tl + "/download_remote_layers", ps, x -> {
            JsonNode n = x.object().get("max_concurrent_downloads");
            if (n == null || !n.canConvertToLong() || n.asLong() < 1) {
                throw HttpError.badRequest("Failed to parse json request: max_concurrent_downloads: expected a nonzero usize");
            }
            return Reply.json(202, layers.downloadAllRemoteLayers(x.tenantShardId(), timeline(x)));
        });
        r.add("GET", tl + "/download_remote_layers", ps, x -> Reply.ok(layers.downloadTask(x.tenantShardId(), timeline(x))));
        r.add("PUT", "/v1/io_engine", ps, x -> ioSetting(x, List.of("std-fs", "tokio-epoll-uring"), "IoEngineKind"));
        r.add("PUT", "/v1/io_mode", ps, x -> ioSetting(x, List.of("buffered", "direct", "direct-rw"), "IoMode"));
        r.add("GET", "/v1/list_tenant_visible_size", ps, x -> {
            // list_tenant_visible_size_handler: attached shards only; every simulated layer is visible
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (TenantShardId shard : node.shards()) {
                Location l = node.location(shard);
                if (l != null && l.attached()) {
                    out.put(shard.toString(), layers.sizes(shard, visibleTimelines(shard))[1]);
                }
            }
            return Reply.ok(out);
        });

        r.add("GET", ts + "/timeline_and_offloaded", ps, this::timelinesAndOffloaded);
        r.add("PUT", tl + "/offload", ps, this::offload);
        return r;
    }

    private TimelineData timeline(Exchange x) {
        node.attached(x.tenantShardId());
        return timelines.find(x.tenantShardId(), x.timelineId());
    }

    /** Every shard location here (attached or secondary) with its tenant's visible timelines. */
    private Map<TenantShardId, List<TimelineData>> shardsHere() {
        Map<TenantShardId, List<TimelineData>> out = new LinkedHashMap<>();
        for (TenantShardId shard : node.shards()) {
            out.put(shard, visibleTimelines(shard));
        }
        return out;
    }

    private List<TimelineData> visibleTimelines(TenantShardId shard) {
        RemoteStorage.TenantData t = timelines.remote().existing(shard.tenantId());
        if (t == null) {
            return List.of();
        }
        synchronized (t) {
            return List.copyOf(t.visible());
        }
    }

    /**
     * mgr.rs {@code reset_tenant}: 500 when the shard is not here or not attached; with {@code drop_cache} the local
     * layer files go first; the shard is then shut down and loaded again under the same location and generation,
     * which ends tasks bound to the old instance (a running heatmap-layer download).
     */
    private Reply reset(Exchange x) {
        TenantShardId shard = x.tenantShardId();
        Location l = node.location(shard);
        if (l == null) {
            throw HttpError.internal("Tenant not found when trying to reset");
        }
        if (!l.attached()) {
            throw HttpError.internal("Tenant is not in attached state");
        }
        if (x.queryFlag("drop_cache", false)) {
            layers.dropCache(shard, visibleTimelines(shard));
        }
        node.setLocation(shard, new Location(l.mode, l.generation, l.shardNumber, l.shardCount, l.stripeSize, l.tenantConf,
                l.warmAtNanos));
        return Reply.nullBody();
    }

    /** 200 when the layer changed residency, 304 when it already was as asked, 400 for a bad or unknown name. */
    private Reply residency(Exchange x, boolean resident) {
        String name = x.param("layer_file_name");
        if (!LAYER_NAME.matcher(name).matches()) {
            throw HttpError.badRequest(name);
        }
        TimelineData t = timeline(x);
        return layers.setResident(x.tenantShardId(), t, name, resident) ? Reply.nullBody() : Reply.empty(304);
    }

    /**
     * {@code post_top_tenants}: attached shards here, each with its resident and remote layer bytes and (on shard zero)
     * the tenant's largest logical size; filtered by {@code where_shards_lt} and {@code where_gt}, largest
     * {@code order_by} metric first, at most {@code limit}.
     */
    private Reply topTenants(Exchange x) {
        ObjectNode req = x.object();
        String order = req.path("order_by").asText("");
        if (!List.of("resident_size", "max_logical_size", "max_logical_size_per_shard").contains(order)) {
            throw HttpError.badRequest("Failed to parse json request: unknown variant `" + order
                    + "`, expected one of `resident_size`, `max_logical_size`, `max_logical_size_per_shard`");
        }
        if (!req.path("limit").canConvertToLong()) {
            throw HttpError.badRequest("Failed to parse json request: missing field `limit`");
        }
        long limit = req.path("limit").asLong();
        JsonNode lt = req.get("where_shards_lt");
        JsonNode gt = req.get("where_gt");
        java.util.List<ObjectNode> items = new java.util.ArrayList<>();
        for (TenantShardId shard : node.shards()) {
            Location l = node.location(shard);
            if (l == null || !l.attached()) {
                continue;
            }
            if (lt != null && !lt.isNull() && shard.shardCount() >= lt.asLong()) {
                continue;
            }
            List<TimelineData> tls = visibleTimelines(shard);
            long[] sizes = layers.sizes(shard, tls);
            long maxLogical = 0;
            if (shard.isShardZero()) {
                for (TimelineData t : tls) {
                    maxLogical = Math.max(maxLogical, t.logicalSize + t.lastRecordLsn.minus(t.initdbLsn));
                }
            }
            ObjectNode item = Json.MAPPER.createObjectNode();
            item.put("id", shard.toString());
            item.put("resident_size", sizes[0]);
            item.put("physical_size", sizes[1]);
            item.put("max_logical_size", maxLogical);
            item.put("max_logical_size_per_shard", maxLogical / Math.max(1, shard.shardCount()));
            if (gt != null && !gt.isNull() && item.path(order).asLong() <= gt.asLong()) {
                continue;
            }
            items.add(item);
        }
        items.sort(java.util.Comparator.comparingLong((ObjectNode i) -> i.path(order).asLong()).reversed());
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        items.stream().limit(limit).forEach(shards::add);
        return Reply.ok(out);
    }

    /**
     * {@code put_io_engine_handler} / {@code put_io_mode_handler}: the body is the kebab-case name (strum's
     * {@code EnumString}); anything else is a 400. The simulation does no file I/O, so the setting changes nothing else.
     */
    private static Reply ioSetting(Exchange x, List<String> allowed, String type) {
        JsonNode v = x.json();
        if (v == null || !v.isTextual() || !allowed.contains(v.asText())) {
            throw HttpError.badRequest("Failed to parse json request: Matching variant not found (" + type + ")");
        }
        return Reply.nullBody();
    }

    private Reply timelinesAndOffloaded(Exchange x) {
        TenantShardId shard = x.tenantShardId();
        node.attached(shard);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode loaded = out.putArray("timelines");
        ArrayNode offloaded = out.putArray("offloaded");
        for (TimelineData t : visibleTimelines(shard)) {
            Instant at = t.offloadedBy.containsKey(shard) ? t.archivedAt : null;
            if (at == null) {
                loaded.add(timelines.info(shard, t));
                continue;
            }
            // routes.rs build_timeline_offloaded_info
            ObjectNode o = offloaded.addObject();
            o.put("tenant_id", shard.toString());
            o.put("timeline_id", t.id.toString());
            o.put("ancestor_timeline_id", t.ancestor == null ? null : t.ancestor.toString());
            o.put("ancestor_retain_lsn", t.ancestorLsn == null ? null : t.ancestorLsn.toString());
            o.put("archived_at", at.toString());
        }
        return Reply.ok(out);
    }

    /**
     * {@code timeline_offload_handler} (a testing route upstream): 200 when already offloaded, 412 while a child is
     * still loaded or the timeline is not archived; then the shard's manifest lists it as offloaded.
     */
    private Reply offload(Exchange x) {
        TenantShardId shard = x.tenantShardId();
        TimelineData t = timeline(x);
        if (t.offloadedBy.containsKey(shard)) {
            return Reply.nullBody();
        }
        for (TimelineData other : visibleTimelines(shard)) {
            if (t.id.equals(other.ancestor) && !other.offloadedBy.containsKey(shard)) {
                throw HttpError.precondition("timeline has attached children");
            }
        }
        if (!t.archived || t.archivedAt == null) {
            throw HttpError.precondition("Timeline::can_offload() check failed: the timeline is not archived");
        }
        t.offloadedBy.put(shard, timelines.now());
        return Reply.nullBody();
    }
}
