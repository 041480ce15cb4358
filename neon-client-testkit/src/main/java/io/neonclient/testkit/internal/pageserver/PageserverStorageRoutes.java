package io.neonclient.testkit.internal.pageserver;

import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;

/**
 * Pageserver routes over remote storage and layer downloads (pageserver/src/http/routes.rs):
 * <ul>
 *   <li>{@code GET /v1/tenant/{tenant_id}/scan_remote_storage} ({@code tenant_scan_remote_handler}): every shard prefix
 *   the tenant has in remote storage with the highest index_part generation of its timelines ({@code null} when it has
 *   none) and the stripe size of its tenant manifest; 404 {@code No shards found for tenant ID …} when there is none.
 *   The handler checks no scope: any token the auth middleware accepts will do;</li>
 *   <li>{@code POST …/timeline/{timeline_id}/download_heatmap_layers[?concurrency=n&recurse=bool]}
 *   ({@code timeline_download_heatmap_layers_handler}): starts a background download of the timeline's heatmap layers
 *   and answers {@code 202} with a null body; {@code 409 Conflict: Already running} while one runs
 *   (pageserver/src/tenant/timeline/heatmap_layers_downloader.rs). A download here takes {@code secondaryWarmup}, the
 *   time a secondary takes to download its heatmap;</li>
 *   <li>{@code DELETE …/download_heatmap_layers} ({@code timeline_shutdown_download_heatmap_layers_handler}): stops a
 *   running download, {@code 200} null.</li>
 * </ul>
 * A download belongs to the attached location it started on: a restart or re-attach of the shard ends it. The routes
 * decode, call {@link PageserverTenants} or {@link PageserverTimelines} and encode.
 */
public final class PageserverStorageRoutes {
    private final PageserverTenants tenants;
    private final PageserverTimelines timelines;

    public PageserverStorageRoutes(PageserverTenants tenants, PageserverTimelines timelines) {
        this.tenants = tenants;
        this.timelines = timelines;
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component("pageserverapi");
        String heatmap = "/v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers";
        r.add("GET", "/v1/tenant/{tenant_id}/scan_remote_storage", RouteAuth.ANY, x -> Reply.ok(tenants.scanRemoteStorage(x.tenantId())));
        r.add("POST", heatmap, ps, x -> {
            // The concurrency (capped by the remote storage limit) and recurse only shape how the layers are fetched.
            unsignedQuery(x, "concurrency", PageserverTimelines.DEFAULT_CONCURRENCY);
            boolQuery(x, "recurse", false);
            timelines.downloadHeatmapLayers(x.tenantShardId(), x.timelineId());
            return Reply.nullBody(202);
        });
        r.add("DELETE", heatmap, ps, x -> {
            timelines.shutdownDownloadHeatmapLayers(x.tenantShardId(), x.timelineId());
            return Reply.nullBody();
        });
        return r;
    }

    /** libs/http-utils/src/request.rs parse_query_param for a {@code usize}, with Rust's ParseIntError wording. */
    public static long unsignedQuery(Exchange x, String name, long dflt) {
        String v = x.query(name);
        if (v == null) {
            return dflt;
        }
        String digits = v.startsWith("+") ? v.substring(1) : v;
        if (digits.isEmpty()) {
            throw HttpError.badRequest("cannot parse query param " + name + ": cannot parse integer from empty string");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw HttpError.badRequest("cannot parse query param " + name + ": invalid digit found in string");
            }
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("cannot parse query param " + name + ": number too large to fit in target type");
        }
    }

    /** libs/http-utils/src/request.rs parse_query_param for a {@code bool}, with Rust's ParseBoolError wording. */
    public static boolean boolQuery(Exchange x, String name, boolean dflt) {
        String v = x.query(name);
        if (v == null) {
            return dflt;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw HttpError.badRequest("cannot parse query param " + name + ": provided string was not `true` or `false`");
    }
}
