package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.time.Instant;
import java.util.Set;

/**
 * The pageserver's HTTP API (pageserver/src/http/routes.rs) over one pageserver: status, location configs (tuples),
 * tenant and timeline detail, timeline create/delete, LSN ⇄ timestamp, leases, GC, archival, detach_ancestor, time
 * travel, secondary download. Each route decodes the request, calls {@link PageserverTenants} or
 * {@link PageserverTimelines} and encodes the answer. Errors are {@code {"msg": …}}.
 */
public final class PageserverRoutes {
    private static final Set<String> LOCATION_FIELDS = Set.of("mode", "generation", "secondary_conf", "shard_number",
            "shard_count", "shard_stripe_size", "tenant_conf");
    private static final String SCOPE = "pageserverapi";

    private final PageserverTenants tenants;
    private final PageserverTimelines timelines;

    public PageserverRoutes(PageserverTenants tenants, PageserverTimelines timelines) {
        this.tenants = tenants;
        this.timelines = timelines;
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component(SCOPE);
        String ts = "/v1/tenant/{tenant_shard_id}";
        String tl = ts + "/timeline/{timeline_id}";
        r.add("GET", "/v1/status", RouteAuth.OPEN, x -> Reply.ok(Json.MAPPER.createObjectNode().put("id", tenants.nodeId())));
        r.add("GET", "/v1/location_config", RouteAuth.ANY, x -> Reply.ok(tenants.listLocationConfig()));
        r.add("GET", "/v1/location_config/{tenant_shard_id}", RouteAuth.ANY, x -> Reply.ok(tenants.getLocationConfig(x.tenantShardId())));
        r.add("PUT", ts + "/location_config", ps, this::putLocation);
        r.add("GET", "/v1/tenant", ps, x -> Reply.ok(tenants.tenantList()));
        r.add("GET", ts, ps, x -> Reply.ok(tenants.tenantStatus(x.tenantShardId())));
        r.add("DELETE", ts, ps, x -> {
            tenants.deleteTenant(x.tenantShardId());
            return Reply.nullBody();
        });
        r.add("GET", ts + "/timeline", ps, x -> Reply.ok(timelines.listTimelines(x.tenantShardId())));
        r.add("POST", ts + "/timeline", ps, x -> {
            TimelineCreation mode = TimelineCreation.parse(x.object());
            return Reply.json(201, timelines.createTimeline(x.tenantShardId(), mode));
        });
        r.add("GET", tl, ps, x -> Reply.ok(timelines.timelineDetail(x.tenantShardId(), x.timelineId())));
        r.add("DELETE", tl, ps, x -> {
            timelines.deleteTimeline(x.tenantShardId(), x.timelineId());
            return Reply.nullBody(202);
        });
        r.add("GET", tl + "/get_lsn_by_timestamp", ps, x -> {
            TenantShardId shard = x.tenantShardId();
            timelines.checkLsnByTimestamp(shard, x.timelineId());
            Instant at = timestampQuery(x, "timestamp");
            boolean withLease = x.queryFlag("with_lease", false);
            return Reply.ok(timelines.findLsnForTimestamp(shard, x.timelineId(), at, withLease));
        });
        r.add("GET", tl + "/get_timestamp_of_lsn", ps, x -> {
            timelines.getTimeline(x.tenantShardId(), x.timelineId());
            Lsn lsn = x.queryLsn("lsn");
            return Reply.ok(Json.MAPPER.valueToTree(timelines.getTimestampOfLsn(x.tenantShardId(), x.timelineId(), lsn)));
        });
        r.add("POST", tl + "/lsn_lease", ps, x -> {
            Lsn lsn = lsnField(x.object(), "lsn");
            Instant until = timelines.makeLsnLease(x.tenantShardId(), x.timelineId(), lsn);
            return Reply.ok(Json.MAPPER.createObjectNode().put("valid_until", Timelines.leaseUntil(until)));
        });
        r.add("PUT", tl + "/do_gc", ps, x -> {
            JsonNode h = x.object().get("gc_horizon");
            timelines.immediateGc(x.tenantShardId(), x.timelineId(), h == null || h.isNull() ? null : h.asLong());
            return Reply.ok(Json.MAPPER.createObjectNode());
        });
        r.add("PUT", tl + "/archival_config", ps, x -> {
            String state = x.object().path("state").asText("");
            if (!state.equals("Archived") && !state.equals("Unarchived")) {
                throw HttpError.badRequest("Failed to parse json request: unknown variant `" + state + "`, expected `Archived` or `Unarchived`");
            }
            timelines.applyTimelineArchivalConfig(x.tenantShardId(), x.timelineId(), state.equals("Archived"));
            return Reply.nullBody();
        });
        r.add("PUT", tl + "/detach_ancestor", ps, x -> {
            timelines.getTimeline(x.tenantShardId(), x.timelineId());
            // routes.rs timeline_detach_ancestor_handler: ?detach_behavior=no_ancestor_and_reparent|v1 (default) or
            // multi_level_and_no_reparent|v2; the answer is AncestorDetached (libs/pageserver_api/src/models/detach_ancestor.rs)
            String behavior = x.query("detach_behavior");
            boolean multiLevel = "multi_level_and_no_reparent".equals(behavior) || "v2".equals(behavior);
            if (behavior != null && !multiLevel && !"no_ancestor_and_reparent".equals(behavior) && !"v1".equals(behavior)) {
                throw HttpError.badRequest("Failed to parse detach_behavior: cannot parse detach behavior");
            }
            ArrayNode reparented = Json.MAPPER.createArrayNode();
            timelines.detachAncestor(x.tenantShardId(), x.timelineId(), multiLevel).forEach(id -> reparented.add(id.toString()));
            return Reply.ok(Json.MAPPER.createObjectNode().set("reparented_timelines", reparented));
        });
        r.add("PUT", tl + "/mark_invisible", ps, x -> {
            JsonNode body = x.body().length == 0 ? null : x.json();
            // routes.rs timeline_mark_invisible_handler: only {"is_visible": true} makes it visible.
            boolean visible = body != null && body.path("is_visible").isBoolean() && body.path("is_visible").asBoolean();
            timelines.markInvisible(x.tenantShardId(), x.timelineId(), visible);
            return Reply.nullBody();
        });
        // routes.rs block_or_unblock_gc: the timeline must be here; the simulation's GC has no blocking reasons to record
        r.add("POST", tl + "/block_gc", ps, x -> { timelines.getTimeline(x.tenantShardId(), x.timelineId()); return Reply.nullBody(); });
        r.add("POST", tl + "/unblock_gc", ps, x -> { timelines.getTimeline(x.tenantShardId(), x.timelineId()); return Reply.nullBody(); });
        r.add("PUT", ts + "/time_travel_remote_storage", ps, x -> {
            tenants.checkNotManaged(x.tenantShardId());
            Instant to = timestampQuery(x, "travel_to");
            timestampQuery(x, "done_if_after");
            tenants.timeTravelRemoteStorage(x.tenantShardId(), to);
            return Reply.nullBody();
        });
        r.add("POST", ts + "/heatmap_upload", ps, x -> { tenants.uploadTenant(x.tenantShardId()); return Reply.nullBody(); });
        r.add("POST", ts + "/secondary/download", ps, x -> {
            TenantShardId shard = x.tenantShardId();
            tenants.getSecondaryTenantShard(shard);
            PageserverTenants.SecondaryStatus s = tenants.downloadTenant(shard,
                    x.query("wait_ms") == null ? null : Long.parseLong(x.query("wait_ms")));
            return Reply.json(s.warm() ? 200 : 202, s.progress());
        });
        r.add("GET", ts + "/secondary/status", ps, x -> {
            PageserverTenants.SecondaryStatus s = tenants.secondaryStatus(x.tenantShardId());
            return Reply.json(s.warm() ? 200 : 202, s.progress());
        });
        return r;
    }

    private Reply putLocation(Exchange x) {
        TenantShardId shard = x.tenantShardId();
        ObjectNode body = x.object();
        body.fieldNames().forEachRemaining(f -> {
            if (!LOCATION_FIELDS.contains(f)) {
                throw HttpError.badRequest("Failed to parse json request: unknown field `" + f + "`");
            }
        });
        String mode = body.path("mode").asText("");
        if (!Set.of("AttachedSingle", "AttachedMulti", "AttachedStale", "Secondary", "Detached").contains(mode)) {
            throw HttpError.badRequest("Failed to parse json request: mode: unknown variant `" + mode + "`");
        }
        if (!body.has("tenant_conf")) {
            throw HttpError.badRequest("Failed to parse json request: missing field `tenant_conf`");
        }
        Integer gen = body.hasNonNull("generation") ? body.get("generation").asInt() : null;
        if (mode.startsWith("Attached") && gen == null) {
            throw HttpError.badRequest("Generation must be set when attaching");
        }
        ObjectNode conf = body.get("tenant_conf") instanceof ObjectNode o ? o : null;
        tenants.upsertLocation(shard, LocationConfigMode.fromWire(mode), mode.startsWith("Attached") ? gen : null,
                body.path("shard_number").asInt(0), body.path("shard_count").asInt(0), body.path("shard_stripe_size").asInt(0), conf);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        if (!mode.equals("Detached")) {
            shards.addObject().put("shard_id", shard.toString()).put("node_id", tenants.nodeId());
        }
        if (shard.shardCount() > 1) {
            out.put("stripe_size", body.path("shard_stripe_size").asInt(2048));
        } else {
            out.putNull("stripe_size");
        }
        return Reply.ok(out);
    }

    public static Instant timestampQuery(Exchange x, String name) {
        String v = x.query(name);
        if (v == null) {
            throw HttpError.badRequest("no " + name + " specified");
        }
        try {
            return Rfc3339.parse(v);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse " + name + ": invalid RFC 3339 timestamp '" + v + "'");
        }
    }

    static Lsn lsnField(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw HttpError.badRequest("Failed to parse json request: missing field `" + field + "`");
        }
        try {
            return Lsn.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": " + e.getMessage());
        }
    }
}
