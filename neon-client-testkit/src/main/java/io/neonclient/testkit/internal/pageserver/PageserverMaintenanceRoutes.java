package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.testkit.internal.http.Claims;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.Set;

/**
 * The pageserver's tenant config, maintenance and import routes (pageserver/src/http/routes.rs):
 * {@code GET /v1/tenant/{tenant_shard_id}/config}, {@code PUT}/{@code PATCH /v1/tenant/config} (the legacy API that
 * rewrites the attached location's {@code tenant_conf}, as {@code location_config} shows it), timeline
 * {@code compact}, {@code checkpoint} (a testing-build route: the simulated pageserver is a {@code testing} build, as
 * neon_local's test builds are), {@code preserve_initdb_archive} and {@code import_basebackup}. The simulation has no
 * layers, so compaction and checkpoints change nothing but still check their input and the timeline as upstream does.
 */
public final class PageserverMaintenanceRoutes {
    private static final String SCOPE = "pageserverapi";
    private static final Set<String> PG_VERSIONS = Set.of("14", "15", "16", "17");

    private final PageserverTenants tenants;
    private final PageserverTimelines timelines;

    public PageserverMaintenanceRoutes(PageserverTenants tenants, PageserverTimelines timelines) {
        this.tenants = tenants;
        this.timelines = timelines;
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component(SCOPE);
        String tl = "/v1/tenant/{tenant_shard_id}/timeline/{timeline_id}";
        // get_tenant_config_handler: a HashMap, so the key order is not defined upstream
        r.add("GET", "/v1/tenant/{tenant_shard_id}/config", ps, x -> Reply.ok(tenants.getTenantConfig(x.tenantShardId())));
        r.add("PUT", "/v1/tenant/config", RouteAuth.ANY, x -> updateConfig(x, false));
        r.add("PATCH", "/v1/tenant/config", RouteAuth.ANY, x -> updateConfig(x, true));
        r.add("PUT", tl + "/compact", ps, this::compact);
        r.add("PUT", tl + "/checkpoint", ps, x -> {
            // timeline_checkpoint_handler: flags parsed first, then the active timeline of the active tenant
            for (String flag : new String[] {"force_l0_compaction", "force_repartition", "force_image_layer_creation",
                    "compact", "wait_until_flushed", "wait_until_uploaded"}) {
                x.queryBool(flag);
            }
            timelines.activeTimelineOfActiveTenant(x.tenantShardId(), x.timelineId());
            return Reply.nullBody();
        });
        r.add("POST", tl + "/preserve_initdb_archive", ps, x -> {
            // timeline_preserve_initdb_handler: copies initdb.tar.zst to initdb-preserved.tar.zst
            // (remote_timeline_client/upload.rs preserve_initdb_archive), which timeline deletion leaves behind
            timelines.preserveInitdbArchive(x.tenantShardId(), x.timelineId());
            return Reply.nullBody();
        });
        r.add("PUT", "/v1/tenant/{tenant_id}/timeline/{timeline_id}/import_basebackup", ps, this::importBasebackup);
        return r;
    }

    /**
     * update_tenant_config_handler / patch_tenant_config_handler: the body names an unsharded tenant (its token scope
     * is checked against the body's tenant), the attached location's config is replaced or patched; 200 {@code null}.
     */
    private Reply updateConfig(Exchange x, boolean patch) {
        ObjectNode body = x.object();
        JsonNode idNode = body.get("tenant_id");
        if (idNode == null) {
            throw HttpError.badRequest("Failed to parse json request: missing field `tenant_id`");
        }
        TenantId tenant;
        try {
            tenant = TenantId.parse(idNode.asText());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse json request: tenant_id: " + e.getMessage());
        }
        ObjectNode conf = PageserverTenantConfig.parse(body, patch);
        Claims c = x.claims();
        if (c.scope() != null && !SCOPE.equals(c.scope()) && !("tenant".equals(c.scope()) && tenant.toString().equals(c.tenantId()))) {
            throw HttpError.forbidden();
        }
        tenants.updateTenantConfig(tenant, conf, patch);
        return Reply.nullBody();
    }

    /** timeline_compact_handler: an optional CompactRequest body, then the flags, then the active timeline. */
    private Reply compact(Exchange x) {
        JsonNode req = null;
        if (x.body().length > 0) {
            req = x.json();
            if (!req.isNull()) {
                compactRequest(req);
            }
        }
        for (String flag : new String[] {"force_l0_compaction", "force_repartition", "force_image_layer_creation",
                "enhanced_gc_bottom_most_compaction", "dry_run", "wait_until_uploaded", "wait_until_scheduled_compaction_done"}) {
            x.queryBool(flag);
        }
        boolean scheduled = req != null && req.path("scheduled").asBoolean(false);
        timelines.compact(x.tenantShardId(), x.timelineId(), scheduled ? req : null,
                scheduled && Boolean.TRUE.equals(x.queryBool("wait_until_scheduled_compaction_done")));
        return Reply.nullBody();
    }

    /** CompactRequest (pageserver/src/tenant/timeline.rs): optional ranges, scheduled, sub_compaction; unknown fields ignored. */
    private static void compactRequest(JsonNode req) {
        if (!req.isObject()) {
            throw HttpError.badRequest("Failed to parse json request: invalid type: " + req + ", expected struct CompactRequest");
        }
        for (String f : new String[] {"scheduled", "sub_compaction"}) {
            JsonNode v = req.get(f);
            if (v != null && !v.isBoolean()) {
                throw HttpError.badRequest("Failed to parse json request: " + f + ": invalid type: " + v + ", expected a boolean");
            }
        }
        JsonNode size = req.get("sub_compaction_max_job_size_mb");
        if (size != null && !size.isNull() && !(size.isIntegralNumber() && size.asLong() >= 0)) {
            throw HttpError.badRequest("Failed to parse json request: sub_compaction_max_job_size_mb: invalid type: " + size + ", expected u64");
        }
        JsonNode lsns = req.get("compact_lsn_range");
        if (lsns != null && !lsns.isNull()) {
            for (String end : new String[] {"start", "end"}) {
                try {
                    Lsn.parse(lsns.path(end).asText(""));
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest("Failed to parse json request: compact_lsn_range." + end + ": " + e.getMessage());
                }
            }
        }
        JsonNode keys = req.get("compact_key_range");
        if (keys != null && !keys.isNull()) {
            for (String end : new String[] {"start", "end"}) {
                if (!keys.path(end).asText("").matches("[0-9A-Fa-f]{36}")) {
                    throw HttpError.badRequest("Failed to parse json request: compact_key_range." + end + ": invalid key " + keys.path(end));
                }
            }
        }
    }

    /**
     * put_tenant_timeline_import_basebackup: {@code base_lsn}, {@code end_lsn} and {@code pg_version} are required, the
     * unsharded tenant must be attached here, then {@code create_empty_timeline} (an existing timeline is a 500, its
     * FailWithConflict idempotency) and the tar import (import_datadir.rs: regular files and directories only,
     * {@code global/pg_control} required, then the EOF marker as {@code read_tar_eof} checks it). A failed import
     * leaves no timeline (the UninitializedTimeline is dropped). 200 {@code null}.
     */
    private Reply importBasebackup(Exchange x) {
        TenantId tenant = x.tenantId();
        io.neonclient.core.TimelineId id = x.timelineId();
        Lsn base = lsnQuery(x, "base_lsn");
        lsnQuery(x, "end_lsn");
        String pg = x.query("pg_version");
        if (pg == null) {
            throw HttpError.badRequest("no pg_version specified in query parameters");
        }
        if (!PG_VERSIONS.contains(pg)) {
            throw HttpError.badRequest("cannot parse query param pg_version: PgMajorVersionParseError(" + pg + ")");
        }
        timelines.importBasebackup(tenant, id, base, Integer.parseInt(pg), x.body());
        return Reply.nullBody();
    }

    private static Lsn lsnQuery(Exchange x, String name) {
        String v = x.query(name);
        if (v == null) {
            throw HttpError.badRequest("no " + name + " specified in query parameters");
        }
        try {
            return Lsn.parse(v.strip());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("cannot parse query param " + name + ": LsnParseError");
        }
    }
}
