package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The pageserver routes operators reach for when a shard misbehaves or a disk fills (pageserver/src/http/routes.rs):
 * {@code tenant_reset_handler}, {@code get_utilization}, {@code layer_map_info_handler},
 * {@code layer_download_handler}, {@code evict_timeline_layer_handler}, {@code disk_usage_eviction_run},
 * {@code timeline_and_offloaded_list_handler} and the testing {@code timeline_offload_handler}. They decode, call
 * {@link PageserverTenants} or {@link PageserverTimelines}, and encode.
 */
public final class PageserverOperatorRoutes {
    /** LayerName::from_str (pageserver/src/tenant/storage_layer/layer_name.rs). */
    private static final Pattern LAYER_NAME = Pattern.compile(
            "[0-9A-Fa-f]{36}-[0-9A-Fa-f]{36}__[0-9A-Fa-f]{16}(-[0-9A-Fa-f]{16})?(-(v[0-9]+-)?[0-9A-Fa-f]{8})?");

    private final PageserverTenants tenants;
    private final PageserverTimelines timelines;

    public PageserverOperatorRoutes(PageserverTenants tenants, PageserverTimelines timelines) {
        this.tenants = tenants;
        this.timelines = timelines;
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component("pageserverapi");
        String ts = "/v1/tenant/{tenant_shard_id}";
        String tl = ts + "/timeline/{timeline_id}";
        r.add("POST", ts + "/reset", ps, x -> {
            tenants.resetTenant(x.tenantShardId(), x.queryFlag("drop_cache", false));
            return Reply.nullBody();
        });
        r.add("GET", "/v1/utilization", ps, x -> Reply.ok(tenants.utilization()));
        r.add("GET", tl + "/layer", ps, x -> Reply.ok(timelines.layerMapInfo(x.tenantShardId(), x.timelineId())));
        r.add("GET", tl + "/layer/{layer_file_name}", ps, x -> residency(x, true));
        r.add("DELETE", tl + "/layer/{layer_file_name}", ps, x -> residency(x, false));
        r.add("PUT", "/v1/disk_usage_eviction/run", ps, x -> {
            JsonNode bytes = x.object().get("evict_bytes");
            if (bytes == null || !bytes.canConvertToLong() || bytes.asLong() < 0) {
                throw HttpError.badRequest("Failed to parse json request: missing or invalid field `evict_bytes`");
            }
            return Reply.ok(tenants.diskUsageEvictionRun(bytes.asLong()));
        });
        r.add("PUT", "/v1/deletion_queue/flush", RouteAuth.ANY, x -> {
            // deletion_queue_flush: no scope check; the simulation deletes at once, so the queue is always empty
            x.queryFlag("execute", false);
            return Reply.nullBody();
        });
        r.add("POST", "/v1/top_tenants", ps, this::topTenants);
        r.add("POST", tl + "/download_remote_layers", ps, x -> {
            JsonNode n = x.object().get("max_concurrent_downloads");
            if (n == null || !n.canConvertToLong() || n.asLong() < 1) {
                throw HttpError.badRequest("Failed to parse json request: max_concurrent_downloads: expected a nonzero usize");
            }
            return Reply.json(202, timelines.downloadAllRemoteLayers(x.tenantShardId(), x.timelineId()));
        });
        r.add("GET", tl + "/download_remote_layers", ps,
                x -> Reply.ok(timelines.downloadRemoteLayersTask(x.tenantShardId(), x.timelineId())));
        r.add("PUT", "/v1/io_engine", ps, x -> ioSetting(x, List.of("std-fs", "tokio-epoll-uring"), "IoEngineKind"));
        r.add("PUT", "/v1/io_mode", ps, x -> ioSetting(x, List.of("buffered", "direct", "direct-rw"), "IoMode"));
        r.add("GET", "/v1/list_tenant_visible_size", ps, x -> Reply.ok(tenants.listTenantVisibleSize()));
        r.add("GET", ts + "/timeline_and_offloaded", ps, x -> Reply.ok(timelines.listTimelinesAndOffloaded(x.tenantShardId())));
        r.add("PUT", tl + "/offload", ps, x -> {
            timelines.offloadTimeline(x.tenantShardId(), x.timelineId());
            return Reply.nullBody();
        });
        return r;
    }

    /** 200 when the layer changed residency, 304 when it already was as asked, 400 for a bad or unknown name. */
    private Reply residency(Exchange x, boolean resident) {
        String name = x.param("layer_file_name");
        if (!LAYER_NAME.matcher(name).matches()) {
            throw HttpError.badRequest(name);
        }
        return timelines.setLayerResident(x.tenantShardId(), x.timelineId(), name, resident) ? Reply.nullBody() : Reply.empty(304);
    }

    /** {@code post_top_tenants}: the request decoded, {@link PageserverTenants#topTenants} encoded. */
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
        JsonNode lt = req.get("where_shards_lt");
        JsonNode gt = req.get("where_gt");
        return Reply.ok(tenants.topTenants(order, req.path("limit").asLong(), lt == null || lt.isNull() ? null : lt.asLong(),
                gt == null || gt.isNull() ? null : gt.asLong()));
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
}
