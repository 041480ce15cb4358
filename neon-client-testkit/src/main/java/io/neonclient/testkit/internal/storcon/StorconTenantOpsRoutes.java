package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.PageserverRoutes;
import io.neonclient.testkit.internal.pageserver.TenantConfigFields;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Controller tenant operations: config get/set/patch, location_config, time travel of remote storage and
 * secondary download (storage_controller/src/http.rs). The routes decode and encode; config, location_config and
 * secondary download are {@link StorconTenantOps} (service.rs {@code tenant_config_*}, {@code tenant_location_config},
 * {@code tenant_secondary_download}); time travel ({@code tenant_time_travel_remote_storage}) is still checked here.
 */
public final class StorconTenantOpsRoutes {
    private static final Set<String> CONFIG_FIELDS;

    static {
        Set<String> s = new HashSet<>(TenantConfigFields.NAMES);
        s.add("tenant_id");
        CONFIG_FIELDS = Set.copyOf(s);
    }

    private final Storcon sc;
    private final StorconTenantOps ops;

    public StorconTenantOpsRoutes(Storcon sc) {
        this.sc = sc;
        this.ops = new StorconTenantOps(sc);
    }

    public void register(Router r) {
        RouteAuth ps = RouteAuth.storcon("pageserverapi");
        r.add("GET", "/v1/tenant/{tenant_id}/config", ps, x -> {
            ObjectNode config = ops.tenantConfigGet(x.tenantId());
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("tenant_specific_overrides", config);
            out.set("effective_config", config.deepCopy());
            return Reply.ok(out);
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
        ObjectNode fields = b.deepCopy();
        fields.remove("tenant_id");
        ops.tenantConfigSet(id, fields, patch);
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
        StorconTenantOps.LocationConfigResult result = ops.tenantLocationConfig(shard.tenantId(), mode, Bodies.optInt(b, "generation"),
                conf instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode());
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        result.shards().forEach(a -> shards.addObject().put("shard_id", a.shard().toString()).put("node_id", a.node()));
        result.stripeSize().ifPresentOrElse(stripe -> out.put("stripe_size", stripe), () -> out.putNull("stripe_size"));
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
        ops.tenantTimeTravelRemoteStorage(id, travelTo, doneIfAfter, listed);
        return Reply.nullBody();
    }

    private Reply secondaryDownload(Exchange x) {
        TenantId id = x.tenantId();
        long waitMs = x.query("wait_ms") == null ? 0 : Long.parseLong(x.query("wait_ms"));
        StorconTenantOps.SecondaryProgress p = ops.tenantSecondaryDownload(id, Duration.ofMillis(waitMs));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("heatmap_mtime", p.sample() == null ? out.nullNode() : p.sample().get("heatmap_mtime"));
        out.put("layers_downloaded", p.layersDownloaded());
        out.put("layers_total", p.layersTotal());
        out.put("bytes_downloaded", p.layersDownloaded() * 109_226);
        out.put("bytes_total", p.layersTotal() * 109_226);
        return Reply.json(p.complete() ? 200 : 202, out);
    }
}
