package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.PgdataImports;
import io.neonclient.testkit.internal.pageserver.TimelineCreation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Controller timeline routes and the pageserver passthrough (storage_controller/src/http.rs
 * {@code handle_tenant_timeline_*}, {@code handle_tenant_timeline_passthrough}; service.rs
 * {@code tenant_timeline_create}, {@code tenant_timeline_delete}): create on shard 0 then the others, delete
 * non-zero shards first (409 with a null body while still deleting), fan-out for leases, archival, detach, GC
 * blocking; any other GET under {@code /v1/tenant/T} is proxied to shard 0's pageserver.
 */
public final class StorconTimelineRoutes {
    private final Storcon sc;
    private final SafekeeperPlacement safekeepers;

    public StorconTimelineRoutes(Storcon sc) {
        this.sc = sc;
        this.safekeepers = new SafekeeperPlacement(sc);
    }

    public void register(Router r) {
        RouteAuth ps = RouteAuth.storcon("pageserverapi");
        String tl = "/v1/tenant/{tenant_id}/timeline/{timeline_id}";
        r.add("POST", "/v1/tenant/{tenant_id}/timeline", ps, this::create);
        r.add("DELETE", tl, ps, this::delete);
        r.add("POST", tl + "/lsn_lease", ps, x -> fanOut(x, "POST", "/lsn_lease", true));
        r.add("PUT", tl + "/archival_config", ps, x -> fanOut(x, "PUT", "/archival_config", true));
        r.add("PUT", tl + "/detach_ancestor", ps, x -> fanOut(x, "PUT", "/detach_ancestor", false));
        r.add("POST", tl + "/block_gc", ps, x -> fanOut(x, "POST", "/block_gc", true));
        r.add("POST", tl + "/unblock_gc", ps, x -> fanOut(x, "POST", "/unblock_gc", true));
        r.add("PUT", tl + "/mark_invisible", ps, this::passthrough);
        r.add("POST", tl + "/safekeeper_migrate", ps, x -> {
            TenantId id = x.tenantId();
            sc.tenant(id);
            com.fasterxml.jackson.databind.JsonNode set = Bodies.required(x.object(), "new_sk_set");
            java.util.List<Long> ids = new java.util.ArrayList<>();
            set.forEach(n -> ids.add(n.asLong()));
            return safekeepers.migrate(id, sc.timelines.find(io.neonclient.core.TenantShardId.unsharded(id), x.timelineId()), ids);
        });
        r.add("POST", tl + "/safekeeper_migrate_abort", ps, x -> {
            sc.timelines.find(io.neonclient.core.TenantShardId.unsharded(x.tenantId()), x.timelineId());
            return Reply.nullBody();
        });
        r.add("GET", "/control/v1/tenant/{tenant_id}/timeline/{timeline_id}", RouteAuth.storcon("scrubber"), this::describeAll);
        r.add("GET", "/v1/tenant/{tenant_id}", ps, this::passthrough);
        r.add("GET", "/v1/tenant/{tenant_id}/{*rest}", ps, this::passthrough);
    }

    /** The attached shards, or upstream's 409 (Detached/Secondary policy) / 503 (not attached yet). */
    private List<ShardState> attachedShards(TenantId id) {
        synchronized (sc) {
            TenantState t = sc.tenant(id);
            if (!(t.policy() instanceof PlacementPolicy.Attached)) {
                throw HttpError.conflict("Shard " + t.shards().get(0).id() + " tenant has policy " + t.policy());
            }
            for (ShardState s : t.shards()) {
                if (s.attached() == null || !ShardState.isAttached(s.observed().get(s.attached())) || !sc.available(s.attached())) {
                    throw HttpError.unavailable("One or more shards in tenant is not yet attached");
                }
            }
            return List.copyOf(t.shards());
        }
    }

    private static Reply orThrow(Reply reply) {
        if (reply.status() >= 400) {
            JsonNode body = reply.body().length == 0 ? null : Json.tree(reply.body());
            String msg = body != null && body.has("msg") ? body.get("msg").asText() : "";
            throw HttpError.of(reply.status(), msg);
        }
        return reply;
    }

    private Reply create(Exchange x) {
        TenantId id = x.tenantId();
        TimelineCreation mode = TimelineCreation.parse(x.object());
        List<ShardState> shards = attachedShards(id);
        synchronized (sc) {
            for (ShardState s : shards) {
                if (s.splitting() && mode instanceof TimelineCreation.ImportPgdata) {
                    throw HttpError.conflict("Tenant is splitting shard");
                }
            }
        }
        ShardState zero = shards.get(0);
        Reply first = orThrow(sc.callPageserver(zero.attached(), "POST", "/v1/tenant/" + zero.id() + "/timeline", null, x.body()));
        for (ShardState s : shards.subList(1, shards.size())) {
            orThrow(sc.callPageserver(s.attached(), "POST", "/v1/tenant/" + s.id() + "/timeline", null, x.body()));
        }
        if (mode instanceof TimelineCreation.ImportPgdata) {
            new PgdataImports(sc).start(id, mode.newTimelineId(), ((TimelineCreation.ImportPgdata) mode).location(), shards);
        }
        ObjectNode info = Json.MAPPER.createObjectNode();
        if (Json.tree(first.body()) instanceof ObjectNode o) {
            info.setAll(o);
        }
        TimelineData created = sc.timelines.find(zero.id(), mode.newTimelineId());
        if (sc.timelinesOntoSafekeepers && !(mode instanceof TimelineCreation.ImportPgdata)) {
            info.set("safekeepers", created.skGeneration > 0
                    ? safekeepers.info(id, created.id, created.skGeneration, created.skSet) : safekeepers.place(id, created));
        } else {
            info.putNull("safekeepers");
        }
        return Reply.json(201, info);
    }

    private Reply delete(Exchange x) {
        TenantId id = x.tenantId();
        TimelineId tl = x.timelineId();
        List<ShardState> shards = attachedShards(id);
        if (sc.timelinesOntoSafekeepers) {
            // service.rs tenant_timeline_delete also deletes the timeline on its safekeepers when it placed it there
            RemoteStorage.TenantData data = sc.timelines.remote().existing(id);
            TimelineData placed = data == null ? null : data.timeline(tl);
            if (placed != null) {
                placed.walGone = true;
            }
        }
        for (int i = shards.size() - 1; i >= 0; i--) {
            ShardState s = shards.get(i);
            Reply rep = sc.callPageserver(s.attached(), "DELETE", "/v1/tenant/" + s.id() + "/timeline/" + tl, null, new byte[0]);
            if (rep.status() == 404 && i == shards.size() - 1) {
                RemoteStorage.TenantData data = sc.timelines.remote().existing(id);
                TimelineData gone = data == null ? null : data.timelines.get(tl);
                if (gone == null) {
                    orThrow(rep);
                }
                return Reply.nullBody();
            }
            if (rep.status() != 404) {
                orThrow(rep);
            }
        }
        long deadline = System.nanoTime() + sc.timing.millis(Duration.ofSeconds(25)) * 1_000_000;
        RemoteStorage.TenantData data = sc.timelines.remote().existing(id);
        while (System.nanoTime() < deadline) {
            TimelineData t = data == null ? null : data.timelines.get(tl);
            if (t == null || t.deletedAt != null) {
                return Reply.nullBody();
            }
            Router.sleep(2);
        }
        throw HttpError.withNullBody(409);
    }

    private Reply fanOut(Exchange x, String method, String suffix, boolean nullResult) {
        TenantId id = x.tenantId();
        TimelineId tl = x.timelineId();
        List<ShardState> shards = attachedShards(id);
        Reply first = null;
        String rawQuery = x.query().isEmpty() ? null : queryString(x);
        for (ShardState s : shards) {
            Reply rep = orThrow(sc.callPageserver(s.attached(), method, "/v1/tenant/" + s.id() + "/timeline/" + tl + suffix, rawQuery, x.body()));
            if (first == null) {
                first = rep;
            }
        }
        return nullResult ? Reply.nullBody() : first;
    }

    private Reply describeAll(Exchange x) {
        TenantId id = x.tenantId();
        TimelineId tl = x.timelineId();
        List<ShardState> shards = attachedShards(id);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode arr = out.putArray("shards");
        for (ShardState s : shards) {
            arr.add(Json.tree(orThrow(sc.callPageserver(s.attached(), "GET", "/v1/tenant/" + s.id() + "/timeline/" + tl, null, new byte[0])).body()));
        }
        return Reply.ok(out);
    }

    private Reply passthrough(Exchange x) {
        TenantId id = x.tenantId();
        ShardState zero;
        synchronized (sc) {
            TenantState t = sc.tenant(id);
            zero = t.shards().get(0);
            if (zero.attached() == null) {
                throw HttpError.conflict("Cannot call timeline API on non-attached tenant");
            }
        }
        String path = x.path().replace(id.toString(), zero.id().toString());
        String query = x.query().isEmpty() ? null : queryString(x).replace(id.toString(), zero.id().toString());
        Reply rep = sc.callPageserver(zero.attached(), x.method(), path, query, x.body());
        if (rep.status() == 404) {
            String body = new String(rep.body(), StandardCharsets.UTF_8);
            if (body.contains("Tenant ")) {
                throw HttpError.unavailable("Pageserver " + zero.attached() + " returned tenant 404 due to ongoing migration, retry later");
            }
        }
        return rep;
    }

    private static String queryString(Exchange x) {
        StringBuilder sb = new StringBuilder();
        x.query().forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }
}
