package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * A download belongs to the attached location it started on: a restart or re-attach of the shard ends it.
 */
public final class PageserverStorageRoutes {
    /** routes.rs timeline_download_heatmap_layers_handler: DEFAULT_CONCURRENCY. */
    static final int DEFAULT_CONCURRENCY = 16;

    private record Download(Location location, long doneAtNanos) {
        boolean runningOn(Location current) {
            return current == location && System.nanoTime() - doneAtNanos < 0;
        }
    }

    private final PageserverNode node;
    private final Timelines timelines;
    private final Timing timing;
    private final Map<String, Download> downloads = new ConcurrentHashMap<>();

    public PageserverStorageRoutes(PageserverNode node, Timelines timelines, Timing timing) {
        this.node = node;
        this.timelines = timelines;
        this.timing = timing;
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component("pageserverapi");
        String heatmap = "/v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers";
        r.add("GET", "/v1/tenant/{tenant_id}/scan_remote_storage", RouteAuth.ANY, this::scan);
        r.add("POST", heatmap, ps, this::startDownload);
        r.add("DELETE", heatmap, ps, x -> {
            TenantShardId shard = x.tenantShardId();
            TimelineId timeline = x.timelineId();
            activeTimeline(shard, timeline);
            downloads.remove(shard + "/" + timeline);
            return Reply.nullBody();
        });
        return r;
    }

    private Reply scan(Exchange x) {
        TenantId id = x.tenantId();
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        RemoteStorage.TenantData data = timelines.remote().existing(id);
        if (data != null) {
            synchronized (data) {
                // Without a timeline there is no index_part: the generation is Generation::none(), serialized null.
                boolean indexed = !data.visible().isEmpty();
                data.manifests.forEach((shard, m) -> {
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
        return Reply.ok(out);
    }

    private Reply startDownload(Exchange x) {
        TenantShardId shard = x.tenantShardId();
        TimelineId timeline = x.timelineId();
        // The concurrency (capped by the remote storage limit) and recurse only shape how the layers are fetched.
        unsignedQuery(x, "concurrency", DEFAULT_CONCURRENCY);
        boolQuery(x, "recurse", false);
        Location location = activeTimeline(shard, timeline);
        String key = shard + "/" + timeline;
        synchronized (downloads) {
            Download running = downloads.get(key);
            if (running != null && running.runningOn(node.location(shard))) {
                throw HttpError.conflict("Already running");
            }
            downloads.put(key, new Download(location, System.nanoTime() + timing.secondaryWarmupMillis() * 1_000_000L));
        }
        return Reply.nullBody(202);
    }

    /** routes.rs active_timeline_of_active_tenant: the shard must be attached here and the timeline exist (else 404). */
    private Location activeTimeline(TenantShardId shard, TimelineId timeline) {
        Location l = node.attached(shard);
        timelines.find(shard, timeline);
        return l;
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
