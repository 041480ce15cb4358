package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfigMode;
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
import java.util.Set;

/**
 * The pageserver's HTTP API (pageserver/src/http/routes.rs) over one {@link PageserverNode}: status, location
 * configs (tuples), tenant and timeline detail, timeline create/delete, LSN ⇄ timestamp, leases, GC, secondary
 * download. Errors are {@code {"msg": …}}.
 */
public final class PageserverRoutes {
    private static final Set<String> LOCATION_FIELDS = Set.of("mode", "generation", "secondary_conf", "shard_number",
            "shard_count", "shard_stripe_size", "tenant_conf");
    private static final String SCOPE = "pageserverapi";

    private final PageserverNode node;
    private final Timelines timelines;
    private final Timing timing;

    public PageserverRoutes(PageserverNode node, Timelines timelines, Timing timing) {
        this.node = node;
        this.timelines = timelines;
        this.timing = timing;
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component(SCOPE);
        String ts = "/v1/tenant/{tenant_shard_id}";
        String tl = ts + "/timeline/{timeline_id}";
        r.add("GET", "/v1/status", RouteAuth.OPEN, x -> Reply.ok(Json.MAPPER.createObjectNode().put("id", node.id())));
        r.add("GET", "/v1/location_config", RouteAuth.ANY, x -> locationList());
        r.add("GET", "/v1/location_config/{tenant_shard_id}", RouteAuth.ANY, x -> {
            Location l = node.location(x.tenantShardId());
            if (l == null) {
                // pageserver/src/http/routes.rs get_location_config_handler
                throw HttpError.notFound("Tenant shard not found");
            }
            return Reply.ok(l.toJson());
        });
        r.add("PUT", ts + "/location_config", ps, this::putLocation);
        r.add("GET", "/v1/tenant", ps, x -> tenantList());
        r.add("GET", ts, ps, x -> Reply.ok(tenantDetail(x.tenantShardId())));
        r.add("DELETE", ts, ps, x -> {
            node.setLocation(x.tenantShardId(), null);
            return Reply.nullBody();
        });
        r.add("GET", ts + "/timeline", ps, x -> {
            TenantShardId shard = x.tenantShardId();
            node.attached(shard);
            ArrayNode out = Json.MAPPER.createArrayNode();
            RemoteStorage.TenantData t = timelines.remote().existing(shard.tenantId());
            if (t != null) {
                synchronized (t) {
                    // offloaded timelines are listed only by timeline_and_offloaded
                    t.visible().stream().filter(d -> !d.offloadedBy.containsKey(shard)).forEach(d -> out.add(timelines.info(shard, d)));
                }
            }
            return Reply.ok(out);
        });
        r.add("POST", ts + "/timeline", ps, this::createTimeline);
        r.add("GET", tl, ps, x -> {
            TimelineData t = timeline(x);
            if (t.importing) {
                // an importing timeline is not in the tenant's timelines map until the controller activates it
                throw HttpError.notFound("Timeline " + x.tenantShardId() + "/" + t.id + " was not found");
            }
            return Reply.ok(timelines.info(x.tenantShardId(), t));
        });
        r.add("DELETE", tl, ps, this::deleteTimeline);
        r.add("GET", tl + "/get_lsn_by_timestamp", ps, x -> {
            TenantShardId shard = x.tenantShardId();
            if (!shard.isShardZero()) {
                throw HttpError.badRequest("Lsn calculations by timestamp are only available on shard zero");
            }
            RemoteStorage.TenantData tenant = timelines.remote().existing(shard.tenantId());
            return Reply.ok(timelines.lsnByTimestamp(tenant, timeline(x), timestampQuery(x, "timestamp"),
                    x.queryFlag("with_lease", false),
                    PageserverTenantConfig.effectiveDuration(node.attached(shard), "lsn_lease_length_for_ts")));
        });
        r.add("GET", tl + "/get_timestamp_of_lsn", ps, x -> Reply.ok(Json.MAPPER.valueToTree(
                timelines.timestampOfLsn(timeline(x), x.queryLsn("lsn")))));
        r.add("POST", tl + "/lsn_lease", ps, x -> {
            Lsn lsn = lsnField(x.object(), "lsn");
            // the tenant's lsn_lease_length (Timeline::get_lsn_lease_length)
            Instant until = timelines.lease(timeline(x), lsn,
                    PageserverTenantConfig.effectiveDuration(node.attached(x.tenantShardId()), "lsn_lease_length"));
            return Reply.ok(Json.MAPPER.createObjectNode().put("valid_until", Timelines.leaseUntil(until)));
        });
        r.add("PUT", tl + "/do_gc", ps, x -> {
            JsonNode h = x.object().get("gc_horizon");
            // without gc_horizon, the tenant's configured one (pageserver/src/tenant/mgr.rs immediate_gc)
            timelines.gc(timeline(x), h == null || h.isNull()
                    ? PageserverTenantConfig.effectiveLong(node.attached(x.tenantShardId()), "gc_horizon") : h.asLong());
            return Reply.ok(Json.MAPPER.createObjectNode());
        });
        r.add("PUT", tl + "/archival_config", ps, x -> {
            String state = x.object().path("state").asText("");
            if (!state.equals("Archived") && !state.equals("Unarchived")) {
                throw HttpError.badRequest("Failed to parse json request: unknown variant `" + state + "`, expected `Archived` or `Unarchived`");
            }
            TimelineData archiving = timeline(x);
            archiving.archived = state.equals("Archived");
            // tenant.rs apply_timeline_archival_config: archiving stamps archived_at; unarchiving an offloaded timeline loads it again
            archiving.archivedAt = archiving.archived ? timelines.now() : null;
            if (!archiving.archived) {
                archiving.offloadedBy.clear();
            }
            return Reply.nullBody();
        });
        r.add("PUT", tl + "/detach_ancestor", ps, x -> {
            timeline(x);
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
            timeline(x).invisible = !(body != null && body.path("is_visible").isBoolean() && body.path("is_visible").asBoolean());
            return Reply.nullBody();
        });
        r.add("POST", tl + "/block_gc", ps, x -> { timeline(x); return Reply.nullBody(); });
        r.add("POST", tl + "/unblock_gc", ps, x -> { timeline(x); return Reply.nullBody(); });
        r.add("PUT", ts + "/time_travel_remote_storage", ps, x -> {
            if (node.location(x.tenantShardId()) != null) {
                throw HttpError.badRequest("This shard is currently attached or has a secondary location on this pageserver");
            }
            Instant to = timestampQuery(x, "travel_to");
            timestampQuery(x, "done_if_after");
            timelines.remote().timeTravel(x.tenantShardId().tenantId(), to, timelines.now());
            return Reply.nullBody();
        });
        r.add("POST", ts + "/heatmap_upload", ps, x -> { node.attached(x.tenantShardId()); return Reply.nullBody(); });
        r.add("POST", ts + "/secondary/download", ps, x -> secondaryProgress(x, true));
        r.add("GET", ts + "/secondary/status", ps, x -> secondaryProgress(x, false));
        return r;
    }

    private TimelineData timeline(Exchange x) {
        TenantShardId shard = x.tenantShardId();
        node.attached(shard);
        return timelines.find(shard, x.timelineId());
    }

    private Reply locationList() {
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
        return Reply.ok(out);
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
        node.setLocation(shard, new Location(LocationConfigMode.fromWire(mode), mode.startsWith("Attached") ? gen : null, body.path("shard_number").asInt(0),
                body.path("shard_count").asInt(0), body.path("shard_stripe_size").asInt(0), conf,
                System.nanoTime() + timing.secondaryWarmupMillis() * 1_000_000));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        if (!mode.equals("Detached")) {
            shards.addObject().put("shard_id", shard.toString()).put("node_id", node.id());
        }
        if (shard.shardCount() > 1) {
            out.put("stripe_size", body.path("shard_stripe_size").asInt(2048));
        } else {
            out.putNull("stripe_size");
        }
        return Reply.ok(out);
    }

    private ObjectNode tenantInfo(TenantShardId id, Location l) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id.toString());
        n.putObject("state").put("slug", "Active");
        n.put("current_physical_size", 0);
        n.putObject("attachment_status").put("slug", "attached");
        n.put("generation", l.generation == null ? 0 : l.generation);
        return n;
    }

    private Reply tenantList() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (TenantShardId id : node.shards()) {
            Location l = node.location(id);
            if (l != null && l.attached()) {
                // pageserver/src/http/routes.rs tenant_list_handler: the size is only computed for the detail call
                out.add(tenantInfo(id, l).putNull("current_physical_size"));
            }
        }
        return Reply.ok(out);
    }

    /** TenantDetails: flattened TenantInfo plus walredo and the timeline ids. */
    public ObjectNode tenantDetail(TenantShardId id) {
        Location l = node.attached(id);
        ObjectNode n = tenantInfo(id, l);
        n.putNull("walredo");
        ArrayNode tls = n.putArray("timelines");
        RemoteStorage.TenantData t = timelines.remote().existing(id.tenantId());
        if (t != null) {
            synchronized (t) {
                t.visible().forEach(d -> tls.add(d.id.toString()));
            }
        }
        return n;
    }

    private Reply createTimeline(Exchange x) {
        TenantShardId shard = x.tenantShardId();
        TimelineCreation mode = TimelineCreation.parse(x.object());
        node.attached(shard);
        TimelineData t = timelines.create(shard, mode);
        // An import job (pageserver/src/tenant/timeline/import_pgdata.rs) runs under the controller, which it upcalls
        // for its progress; the simulation runs it in the controller (PgdataImports).
        return Reply.json(201, timelines.info(shard, t));
    }

    private Reply deleteTimeline(Exchange x) {
        TimelineData t = timeline(x);
        t.deleting = true;
        Thread.ofVirtual().start(() -> {
            Router.sleep(timing.reconcileMillis());
            t.deletedAt = timing.now();
        });
        return Reply.nullBody(202);
    }

    private Reply secondaryProgress(Exchange x, boolean download) {
        TenantShardId shard = x.tenantShardId();
        Location l = node.location(shard);
        if (l == null || !l.secondary()) {
            throw HttpError.notFound("Tenant " + shard + " not found");
        }
        if (download && x.query("wait_ms") != null) {
            long waitMs = Long.parseLong(x.query("wait_ms"));
            long left = (l.warmAtNanos - System.nanoTime()) / 1_000_000;
            if (left > 0) {
                Router.sleep(Math.min(left + 1, timing.millis(java.time.Duration.ofMillis(waitMs))));
            }
        }
        return Reply.json(l.warm() || !download ? (l.warm() ? 200 : 202) : 202, progress(l));
    }

    /** SecondaryProgress; bytes grow from 0 to the total while the secondary warms. */
    public static ObjectNode progress(Location l) {
        long total = 12;
        long span = Math.max(1, l.warmAtNanos - l.createdNanos);
        long done = l.warm() ? total : Math.min(total - 1, total * (System.nanoTime() - l.createdNanos) / span);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("heatmap_mtime", Rfc3339.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        n.put("layers_downloaded", done);
        n.put("layers_total", total);
        n.put("bytes_downloaded", done * 109_226);
        n.put("bytes_total", total * 109_226);
        return n;
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
