package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.testkit.internal.http.Auth;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.Set;

/**
 * The pageserver's repair and inspection routes (pageserver/src/http/routes.rs): the scheduled-compaction queue
 * ({@code GET}/{@code DELETE …/compact}), {@code patch_index_part}, {@code touchpage}, {@code import_wal},
 * {@code reload_auth_validation_keys} and the
 * feature flags (the tenant's evaluation and refresh, and the test-only overrides under {@code /v1/feature_flag}).
 * Routes decode, call the model ({@link PageserverTimelines}, {@link PageserverTenants}) and encode.
 */
public final class PageserverRepairRoutes {
    private static final String SCOPE = "pageserverapi";
    /** {@code check_permission(&request, None)}: the pageserver scope only, no tenant token. */
    private static final RouteAuth GLOBAL = (c, p) -> {
        if (!SCOPE.equals(c.scope())) {
            throw HttpError.forbidden();
        }
    };
    private static final Set<String> MIGRATIONS = Set.of("legacy", "migrating", "migrated");

    private final PageserverTenants tenants;
    private final PageserverTimelines timelines;
    private final Auth auth;

    public PageserverRepairRoutes(PageserverTenants tenants, PageserverTimelines timelines, Auth auth) {
        this.tenants = tenants;
        this.timelines = timelines;
        this.auth = auth;
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component(SCOPE);
        String tl = "/v1/tenant/{tenant_shard_id}/timeline/{timeline_id}";
        r.add("GET", tl + "/compact", ps, x -> Reply.ok(timelines.compactionInfo(x.tenantShardId(), x.timelineId())));
        r.add("DELETE", tl + "/compact", ps, x -> {
            timelines.cancelScheduledCompaction(x.tenantShardId(), x.timelineId());
            return Reply.nullBody();
        });
        r.add("POST", "/v1/reload_auth_validation_keys", GLOBAL, x -> {
            // reload_auth_validation_keys_handler: 400 with a null body when auth is off, 500 when the keys do not read
            if (!auth.enabled()) {
                return Reply.nullBody(400);
            }
            try {
                auth.reload();
            } catch (IllegalArgumentException e) {
                throw HttpError.internal("Error reloading public keys");
            }
            return Reply.nullBody();
        });
        r.add("POST", tl + "/patch_index_part", GLOBAL, this::patchIndexPart);
        r.add("GET", tl + "/touchpage", GLOBAL, this::touchpage);
        r.add("PUT", "/v1/tenant/{tenant_id}/timeline/{timeline_id}/import_wal", ps, this::importWal);
        r.add("GET", "/v1/tenant/{tenant_shard_id}/feature_flag/{flag_key}", ps,
                x -> Reply.ok(tenants.evaluateFeatureFlag(x.tenantShardId(), x.param("flag_key"), x.query("as"))));
        r.add("POST", "/v1/tenant/{tenant_shard_id}/force_refresh_feature_flag", ps, x -> {
            tenants.refreshFeatureFlags(x.tenantShardId());
            return Reply.nullBody();
        });
        // testing_api_handler routes: the simulated pageserver is a testing build
        r.add("PUT", "/v1/feature_flag/{flag_key}", GLOBAL, x -> {
            String value = x.query("value");
            if (value == null) {
                throw HttpError.badRequest("no value specified in query parameters");
            }
            tenants.overrideFeatureFlag(x.param("flag_key"), value);
            return Reply.nullBody();
        });
        r.add("DELETE", "/v1/feature_flag/{flag_key}", GLOBAL, x -> {
            tenants.overrideFeatureFlag(x.param("flag_key"), null);
            return Reply.nullBody();
        });
        return r;
    }

    /**
     * timeline_patch_index_part_handler: the body first, then the active timeline; {@code rel_size_migrated_at} needs
     * {@code rel_size_migration} (400); each given field is stored (the GC cutoff without checking the data is there,
     * as upstream warns). 200 {@code null}.
     */
    private Reply patchIndexPart(Exchange x) {
        ObjectNode body = x.object();
        String migration = body.path("rel_size_migration").isNull() || body.path("rel_size_migration").isMissingNode()
                ? null : body.get("rel_size_migration").asText();
        if (migration != null && !MIGRATIONS.contains(migration)) {
            throw HttpError.badRequest("Failed to parse json request: rel_size_migration: unknown variant `" + migration
                    + "`, expected one of `legacy`, `migrating`, `migrated`");
        }
        Lsn migratedAt = optionalLsn(body, "rel_size_migrated_at");
        Lsn gcCompaction = optionalLsn(body, "gc_compaction_last_completed_lsn");
        Lsn cutoff = optionalLsn(body, "applied_gc_cutoff_lsn");
        timelines.patchIndexPart(x.tenantShardId(), x.timelineId(), migration, migratedAt, gcCompaction, cutoff);
        return Reply.nullBody();
    }

    /**
     * getpage_at_lsn_handler_inner with {@code touch}: the key ({@code Key::from_hex}) and LSN are parsed and the timeline
     * must be active; upstream then answers 200 {@code null} without reading the page.
     */
    private Reply touchpage(Exchange x) {
        String key = x.query("key");
        if (key == null) {
            throw HttpError.badRequest("missing 'key' query parameter");
        }
        if (!key.matches("[0-9A-Fa-f]{36}")) {
            throw HttpError.badRequest("cannot parse query param key: invalid key " + key);
        }
        if (x.query("lsn") != null) {
            lsn(x, "lsn");
        }
        timelines.activeTimelineOfActiveTenant(x.tenantShardId(), x.timelineId());
        return Reply.nullBody();
    }

    /**
     * put_tenant_timeline_import_wal: both LSNs required, the unsharded tenant's active timeline must end at
     * {@code start_lsn} (500 otherwise), then the tar holds WAL segments named {@code XLogFileName(1, segno)} from
     * {@code start_lsn}'s segment on (import_datadir.rs {@code import_wal_from_tar}; "expected more wal" when one is
     * missing) and ends with the tar EOF marker. The segments' records are not decoded: the timeline's WAL ends at
     * {@code end_lsn} afterwards, as one commit at the import's time. 200 {@code null}.
     */
    private Reply importWal(Exchange x) {
        TenantId tenant = x.tenantId();
        Lsn start = requiredLsn(x, "start_lsn");
        Lsn end = requiredLsn(x, "end_lsn");
        timelines.importWal(tenant, x.timelineId(), start, end, x.body());
        return Reply.nullBody();
    }

    private static Lsn optionalLsn(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Lsn.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": " + e.getMessage());
        }
    }

    private static Lsn requiredLsn(Exchange x, String name) {
        if (x.query(name) == null) {
            throw HttpError.badRequest("no " + name + " specified in query parameters");
        }
        return lsn(x, name);
    }

    private static Lsn lsn(Exchange x, String name) {
        try {
            return Lsn.parse(x.query(name).strip());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("cannot parse query param " + name + ": LsnParseError");
        }
    }
}
