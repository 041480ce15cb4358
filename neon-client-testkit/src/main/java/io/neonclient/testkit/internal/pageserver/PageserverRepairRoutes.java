package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.HumanDuration;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.Auth;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The pageserver's repair and inspection routes (pageserver/src/http/routes.rs): the scheduled-compaction queue
 * ({@code GET}/{@code DELETE …/compact}), {@code patch_index_part}, {@code touchpage}, {@code import_wal},
 * {@code reload_auth_validation_keys} and the
 * feature flags (the tenant's evaluation and refresh, and the test-only overrides under {@code /v1/feature_flag}).
 * Routes decode, call the model ({@link GcCompactionQueue}, {@link PageserverFeatureFlags}, {@link TimelineData}) and
 * encode.
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
    /** postgres_ffi WAL_SEGMENT_SIZE. */
    private static final long WAL_SEGMENT = 16L * 1024 * 1024;

    private final PageserverNode node;
    private final Timelines timelines;
    private final GcCompactionQueue compactions = new GcCompactionQueue();
    private final PageserverFeatureFlags flags = new PageserverFeatureFlags();

    private final Timing timing;
    private final Auth auth;

    public PageserverRepairRoutes(PageserverNode node, Timelines timelines, Timing timing, Auth auth) {
        this.node = node;
        this.timelines = timelines;
        this.timing = timing;
        this.auth = auth;
    }

    public Router register(Router r) {
        RouteAuth ps = RouteAuth.component(SCOPE);
        String tl = "/v1/tenant/{tenant_shard_id}/timeline/{timeline_id}";
        r.add("GET", tl + "/compact", ps, x -> {
            // timeline_compact_info_handler: the attached shard's queue; an unknown timeline has an empty one
            node.attached(x.tenantShardId());
            return Reply.ok(compactions.list(x.tenantShardId(), x.timelineId(), timelines.now()));
        });
        r.add("DELETE", tl + "/compact", ps, x -> {
            node.attached(x.tenantShardId());
            compactions.cancel(x.tenantShardId(), x.timelineId());
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
        r.add("GET", "/v1/tenant/{tenant_shard_id}/feature_flag/{flag_key}", ps, x -> {
            TenantShardId shard = x.tenantShardId();
            node.attached(shard);
            return Reply.ok(flags.evaluate(shard, x.param("flag_key"), x.query("as")));
        });
        r.add("POST", "/v1/tenant/{tenant_shard_id}/force_refresh_feature_flag", ps, x -> {
            TenantShardId shard = x.tenantShardId();
            node.attached(shard);
            RemoteStorage.TenantData t = timelines.remote().existing(shard.tenantId());
            List<TimelineData> tls;
            if (t == null) {
                tls = List.of();
            } else {
                synchronized (t) {
                    tls = List.copyOf(t.visible());
                }
            }
            flags.refresh(shard, tls);
            return Reply.nullBody();
        });
        // testing_api_handler routes: the simulated pageserver is a testing build
        r.add("PUT", "/v1/feature_flag/{flag_key}", GLOBAL, x -> {
            String value = x.query("value");
            if (value == null) {
                throw HttpError.badRequest("no value specified in query parameters");
            }
            flags.override(x.param("flag_key"), value);
            return Reply.nullBody();
        });
        r.add("DELETE", "/v1/feature_flag/{flag_key}", GLOBAL, x -> {
            flags.override(x.param("flag_key"), null);
            return Reply.nullBody();
        });
        return r;
    }

    /** Called by {@code PUT …/compact} with {@code "scheduled": true}: queues the job, runs it at once when waited for. */
    void scheduleCompaction(Exchange x, JsonNode request, boolean waitUntilDone) {
        TenantShardId shard = x.tenantShardId();
        Location l = node.attached(shard);
        Duration period = HumanDuration.parse(PageserverTenantConfig.effective(l.tenantConf).path("compaction_period").asText("20s"));
        // upstream time, scaled like every other simulated duration
        long id = compactions.schedule(shard, x.timelineId(), request, timelines.now(), Duration.ofMillis(timing.millis(period)));
        if (waitUntilDone) {
            compactions.runThrough(shard, x.timelineId(), id);
        }
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
        TimelineData t = activeTimeline(x.tenantShardId(), x.timelineId());
        if (migration == null && migratedAt != null) {
            throw HttpError.badRequest("updating rel_size_migrated_at without rel_size_migration is not allowed");
        }
        synchronized (t) {
            if (migration != null) {
                t.relSizeMigration = migration;
                t.relSizeMigratedAt = migratedAt;
            }
            if (gcCompaction != null) {
                t.gcCompactionLastCompletedLsn = gcCompaction;
            }
            if (cutoff != null) {
                t.gcCutoff = cutoff;
            }
        }
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
        activeTimeline(x.tenantShardId(), x.timelineId());
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
        TimelineData t = activeTimeline(TenantShardId.unsharded(tenant), x.timelineId());
        synchronized (t) {
            Lsn last = t.lastRecordLsn;
            if (!last.equals(start)) {
                throw HttpError.internal("Cannot import WAL from Lsn " + start + " because timeline does not start from the same lsn: " + last);
            }
            List<String> names = BasebackupTar.regularFiles(x.body());
            long segno = start.value() / WAL_SEGMENT;
            long lastSegno = end.value() / WAL_SEGMENT;
            int i = 0;
            for (long s = segno; s <= lastSegno; s++, i++) {
                if (i >= names.size()) {
                    throw HttpError.internal("expected more wal");
                }
                String expected = String.format("%08X%08X%08X", 1, s / 0x100, s % 0x100);
                String name = names.get(i).substring(names.get(i).lastIndexOf('/') + 1);
                if (!expected.equals(name)) {
                    throw HttpError.internal("Condition failed: `expected_filename == file_name`");
                }
            }
            if (names.size() > i) {
                // upstream stops reading at end_lsn's segment; read_tar_eof then finds the next entry
                throw HttpError.internal("invalid tar EOF marker");
            }
            t.write(end.minus(start), timelines.now());
        }
        return Reply.nullBody();
    }

    /** active_timeline_of_active_tenant: an importing timeline is not in the tenant's map yet (404). */
    private TimelineData activeTimeline(TenantShardId shard, io.neonclient.core.TimelineId id) {
        node.attached(shard);
        TimelineData t = timelines.find(shard, id);
        if (t.importing) {
            throw HttpError.notFound("Timeline " + shard + "/" + t.id + " was not found");
        }
        return t;
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
