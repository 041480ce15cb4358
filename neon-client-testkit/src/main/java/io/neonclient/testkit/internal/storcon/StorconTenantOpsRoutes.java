package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.Location;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.pageserver.PageserverRoutes;
import io.neonclient.testkit.internal.pageserver.TenantConfigFields;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Controller tenant operations: config get/set/patch, location_config, time travel of remote storage and
 * secondary download (storage_controller/src/service.rs {@code tenant_config_*}, {@code tenant_location_config},
 * {@code tenant_time_travel_remote_storage}, {@code tenant_secondary_download}).
 */
public final class StorconTenantOpsRoutes {
    private static final Set<String> CONFIG_FIELDS;

    static {
        Set<String> s = new HashSet<>(TenantConfigFields.NAMES);
        s.add("tenant_id");
        CONFIG_FIELDS = Set.copyOf(s);
    }

    private final Storcon sc;

    public StorconTenantOpsRoutes(Storcon sc) {
        this.sc = sc;
    }

    public void register(Router r) {
        RouteAuth ps = RouteAuth.storcon("pageserverapi");
        r.add("GET", "/v1/tenant/{tenant_id}/config", ps, x -> {
            synchronized (sc) {
                TenantState t = sc.tenant(x.tenantId());
                ObjectNode out = Json.MAPPER.createObjectNode();
                out.set("tenant_specific_overrides", t.config());
                out.set("effective_config", t.config());
                return Reply.ok(out);
            }
        });
        r.add("PUT", "/v1/tenant/config", ps, x -> config(x, false));
        r.add("PATCH", "/v1/tenant/config", ps, x -> config(x, true));
        r.add("PUT", "/v1/tenant/{tenant_id}/location_config", ps, this::locationConfig);
        r.add("PUT", "/v1/tenant/{tenant_id}/time_travel_remote_storage", ps, this::timeTravel);
        r.add("POST", "/v1/tenant/{tenant_id}/secondary/download", RouteAuth.ANY, this::secondaryDownload);
    }

    private Reply config(Exchange x, boolean patch) {
        ObjectNode b = x.object();
        Bodies.strict(b, CONFIG_FIELDS);
        TenantId id;
        try {
            id = TenantId.parse(Bodies.requiredText(b, "tenant_id"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse json request: tenant_id: " + e.getMessage());
        }
        TenantState t;
        synchronized (sc) {
            t = sc.load(id);
            ObjectNode next = patch ? t.config() : Json.MAPPER.createObjectNode();
            b.fields().forEachRemaining(e -> {
                if (e.getKey().equals("tenant_id")) {
                    return;
                }
                if (e.getValue().isNull()) {
                    next.remove(e.getKey());
                } else {
                    next.set(e.getKey(), e.getValue());
                }
            });
            t.setConfig(next);
        }
        for (PageserverNode p : sc.pageservers.values()) {
            synchronized (sc) {
                for (ShardState s : t.shards()) {
                    Location l = p.location(s.id());
                    if (l != null) {
                        p.setLocation(s.id(), new Location(l.mode, l.generation, l.shardNumber, l.shardCount, l.stripeSize,
                                t.config(), l.warmAtNanos));
                    }
                }
            }
        }
        return Reply.nullBody();
    }

    private Reply locationConfig(Exchange x) {
        String raw = x.param("tenant_id");
        TenantShardId shard;
        try {
            shard = TenantShardId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Cannot parse tenant id '" + raw + "'");
        }
        if (!shard.shardIndex().isUnsharded()) {
            throw HttpError.badRequest("This API is for importing single-sharded or unsharded tenants");
        }
        ObjectNode b = x.object();
        Bodies.strict(b, Set.of("mode", "generation", "secondary_conf", "shard_number", "shard_count", "shard_stripe_size", "tenant_conf"));
        String mode = Bodies.oneOf(b, "mode", Set.of("AttachedSingle", "AttachedMulti", "AttachedStale", "Secondary", "Detached"));
        if (mode == null) {
            throw HttpError.badRequest("Failed to parse json request: missing field `mode`");
        }
        JsonNode conf = Bodies.required(b, "tenant_conf");
        TenantId id = shard.tenantId();
        TenantState t;
        synchronized (sc) {
            TenantState reloaded = sc.dropped.remove(id.toString());
            if (reloaded != null) {
                sc.tenants.put(id.toString(), reloaded);
            }
            t = sc.tenantOrNull(id);
            if (t == null) {
                t = new TenantState(id);
                t.setStripeSize(2048);
                t.addShard(new ShardState(TenantShardId.of(id, ShardIndex.UNSHARDED)));
                sc.tenants.put(id.toString(), t);
                sc.insertHealthRecords(t, null);
                sc.timelines.remote().tenant(id).shardCounts.add(0);
                Integer gen = Bodies.optInt(b, "generation");
                if (gen != null && mode.startsWith("Attached")) {
                    t.shards().get(0).setGeneration(gen - 1);
                }
            }
            t.setConfig(conf instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode());
            PlacementPolicy policy = mode.startsWith("Attached") ? PlacementPolicy.attached(sc.nodes.size() > 1 ? 1 : 0)
                    : mode.equals("Secondary") ? PlacementPolicy.secondary() : PlacementPolicy.detached();
            t.setPolicy(policy);
            for (ShardState s : t.shards()) {
                if (!mode.startsWith("Attached")) {
                    s.setScheduling(ShardSchedulingPolicy.ACTIVE);
                }
                String err = sc.scheduler.schedule(policy, s);
                if (err != null) {
                    s.setLastError("Scheduling error: " + err);
                }
            }
        }
        sc.reconcile(t);
        sc.awaitIdle(sc.snapshot(t), sc.timing.millis(Duration.ofSeconds(5)));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        synchronized (sc) {
            for (ShardState s : t.shards()) {
                if (s.attached() != null) {
                    shards.addObject().put("shard_id", s.id().toString()).put("node_id", s.attached());
                }
            }
            if (t.shardCount() > 1) {
                out.put("stripe_size", t.stripeSize());
            } else {
                out.putNull("stripe_size");
            }
        }
        return Reply.ok(out);
    }

    private Reply timeTravel(Exchange x) {
        TenantId id = x.tenantId();
        Instant travelTo = PageserverRoutes.timestampQuery(x, "travel_to");
        Instant doneIfAfter = PageserverRoutes.timestampQuery(x, "done_if_after");
        ObjectNode b = x.object();
        Bodies.strict(b, Set.of("shard_counts"));
        JsonNode counts = Bodies.required(b, "shard_counts");
        if (!counts.isArray()) {
            throw HttpError.badRequest("Failed to parse json request: shard_counts: invalid type, expected a sequence");
        }
        Set<Integer> listed = new HashSet<>();
        counts.forEach(c -> listed.add(c.asInt()));
        synchronized (sc) {
            TenantState t = sc.tenantOrNull(id);
            if (t != null) {
                for (ShardState s : t.shards()) {
                    if (s.attached() != null || !s.secondaries().isEmpty()) {
                        throw HttpError.internal("We want tenant to be attached in shard with tenant_shard_id=" + s.id());
                    }
                    for (var e : s.observed().entrySet()) {
                        throw HttpError.internal("We observed attached=" + (ShardState.isAttached(e.getValue())
                                ? "AttachedSingle" : "Secondary") + " tenant in node_id=" + e.getKey() + " shard with tenant_shard_id=" + s.id());
                    }
                }
            }
            if (sc.nodes.values().stream().noneMatch(StorconNode::available)) {
                throw HttpError.conflict("Scheduling error: No pageservers available to run time travel");
            }
            if (travelTo.isAfter(doneIfAfter)) {
                throw HttpError.internal("Error processing HTTP request: InternalServerError(travel_to " + travelTo
                        + " is after done_if_after " + doneIfAfter + ")");
            }
        }
        // Each listed count names a remote prefix that is rewound; a layout the tenant used but the caller did
        // not list keeps its newer state, as upstream rewinds only the prefixes it is given.
        RemoteStorage.TenantData data = sc.timelines.remote().existing(id);
        if (data != null) {
            Set<Integer> used;
            synchronized (data) {
                used = new HashSet<>(data.shardCounts);
            }
            if (listed.containsAll(used)) {
                sc.timelines.remote().timeTravel(id, travelTo, sc.timelines.now());
            }
        }
        return Reply.nullBody();
    }

    private Reply secondaryDownload(Exchange x) {
        TenantId id = x.tenantId();
        long waitMs = x.query("wait_ms") == null ? 0 : Long.parseLong(x.query("wait_ms"));
        long deadline = System.nanoTime() + sc.timing.millis(Duration.ofMillis(waitMs)) * 1_000_000;
        while (true) {
            long done = 0;
            long total = 0;
            boolean allWarm = true;
            boolean any = false;
            ObjectNode sample = null;
            synchronized (sc) {
                TenantState t = sc.tenant(id);
                for (ShardState s : t.shards()) {
                    for (Long sec : s.secondaries()) {
                        PageserverNode p = sc.pageservers.get(sec);
                        Location l = p == null ? null : p.location(s.id());
                        any = true;
                        if (l == null || !l.secondary()) {
                            allWarm = false;
                            total += 12;
                            continue;
                        }
                        ObjectNode prog = PageserverRoutes.progress(l);
                        sample = prog;
                        done += prog.get("layers_downloaded").asLong();
                        total += prog.get("layers_total").asLong();
                        allWarm &= l.warm();
                    }
                }
            }
            if (!any) {
                throw HttpError.notFound("No secondary locations for tenant " + id);
            }
            if (allWarm || System.nanoTime() >= deadline) {
                ObjectNode out = Json.MAPPER.createObjectNode();
                out.set("heatmap_mtime", sample == null ? out.nullNode() : sample.get("heatmap_mtime"));
                out.put("layers_downloaded", done);
                out.put("layers_total", total);
                out.put("bytes_downloaded", done * 109_226);
                out.put("bytes_total", total * 109_226);
                return Reply.json(allWarm ? 200 : 202, out);
            }
            Router.sleep(5);
        }
    }
}
