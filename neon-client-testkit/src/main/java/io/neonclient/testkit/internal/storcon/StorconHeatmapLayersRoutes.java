package io.neonclient.testkit.internal.storcon;

import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.PageserverStorageRoutes;

/**
 * {@code POST /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers[?concurrency=n&recurse=bool]}
 * on the controller (storage_controller/src/http.rs {@code handle_tenant_timeline_download_heatmap_layers}; the model is
 * {@link StorconTimelines#tenantTimelineDownloadHeatmapLayers}, service.rs {@code tenant_timeline_download_heatmap_layers}): for every shard the id covers (all of the tenant's for an unsharded
 * id, else that one shard) that has an attached intent, calls the pageserver's route with {@code recurse=<bool>} and,
 * when given, {@code concurrency=<n>} (pageserver/client/src/mgmt_api.rs {@code timeline_download_heatmap_layers}). The
 * pageservers' answers are ignored ({@code tenant_for_shards_api}'s results are dropped), so after its query parameters
 * parse the controller answers {@code 200} with a null body, even for a tenant or timeline it does not know.
 */
public final class StorconHeatmapLayersRoutes {
    private final StorconTimelines timelines;

    public StorconHeatmapLayersRoutes(StorconTimelines timelines) {
        this.timelines = timelines;
    }

    public void register(Router r) {
        r.add("POST", "/v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers",
                RouteAuth.storcon("pageserverapi"), this::download);
    }

    private Reply download(Exchange x) {
        TenantShardId id = x.tenantShardId();
        TimelineId timeline = x.timelineId();
        String concurrency = x.query("concurrency");
        if (concurrency != null) {
            concurrency = Long.toUnsignedString(PageserverStorageRoutes.unsignedQuery(x, "concurrency", 0));
        }
        boolean recurse = PageserverStorageRoutes.boolQuery(x, "recurse", false);
        String query = "recurse=" + recurse + (concurrency == null ? "" : "&concurrency=" + concurrency);
        timelines.tenantTimelineDownloadHeatmapLayers(id, timeline, query);
        return Reply.nullBody();
    }
}
