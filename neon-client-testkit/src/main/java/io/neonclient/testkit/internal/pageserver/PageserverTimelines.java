package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.HumanDuration;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timeline operations one pageserver performs on the shards it holds attached, named after what the handlers of
 * pageserver/src/http/routes.rs call: {@code Tenant::list_timelines}, {@code create_timeline} and
 * {@code apply_timeline_archival_config} (tenant.rs), {@code DeleteTimelineFlow::run} (tenant/timeline/delete.rs),
 * {@code find_lsn_for_timestamp} (pgdatadir_mapping.rs), {@code make_lsn_lease}, {@code wait_lsn} (tenant/timeline.rs),
 * {@code immediate_gc} (tenant/mgr.rs), {@code detach_and_reparent} (tenant/timeline/detach_ancestor.rs),
 * {@code offload_timeline} (tenant/timeline/offload.rs), the layer routes, the compaction queue, the heatmap-layer
 * downloader (tenant/timeline/heatmap_layers_downloader.rs), the index-part patch and the basebackup/WAL imports
 * (import_datadir.rs), and the synthetic size (tenant/size.rs). Each checks the shard is attached here first, as
 * {@code get_attached_tenant_shard} does, and answers with a fresh JSON tree or immutable values; the shared timeline
 * records stay in the model ({@link Timelines}, remote storage).
 */
public final class PageserverTimelines {
    /** routes.rs timeline_download_heatmap_layers_handler: DEFAULT_CONCURRENCY. */
    static final int DEFAULT_CONCURRENCY = 16;
    /** postgres_ffi WAL_SEGMENT_SIZE. */
    private static final long WAL_SEGMENT = 16L * 1024 * 1024;

    /** A heatmap-layer download, bound to the attached location it started on. */
    private record Download(Location location, long doneAtNanos) {
        boolean runningOn(Location current) {
            return current == location && System.nanoTime() - doneAtNanos < 0;
        }
    }

    private final PageserverNode node;
    private final PageserverTenants tenants;
    private final Timelines timelines;
    private final Timing timing;
    private final PageserverLayers layers;
    private final GcCompactionQueue compactions = new GcCompactionQueue();
    /** Heatmap-layer downloads by "shard/timeline"; starting one is checked and recorded under this map's monitor. */
    private final Map<String, Download> downloads = new ConcurrentHashMap<>();

    public PageserverTimelines(PageserverNode node, PageserverTenants tenants) {
        this.node = node;
        this.tenants = tenants;
        this.timelines = tenants.timelines();
        this.timing = tenants.timing();
        this.layers = tenants.layers();
    }

    /** mgr.rs {@code get_attached_tenant_shard}: the pageserver's 404 unless {@code shard} is attached here. */
    public void getAttachedTenantShard(TenantShardId shard) {
        node.attached(shard);
    }

    /** The attached shard's timeline (importing ones included), or the pageserver's 404. */
    private TimelineData timeline(TenantShardId shard, TimelineId id) {
        node.attached(shard);
        return timelines.find(shard, id);
    }

    /** {@code Tenant::get_timeline}: the pageserver's 404 unless the shard is attached here and has the timeline. */
    public void getTimeline(TenantShardId shard, TimelineId id) {
        timeline(shard, id);
    }

    /** routes.rs {@code active_timeline_of_active_tenant}: an importing timeline is not in the tenant's map yet (404). */
    private TimelineData activeTimeline(TenantShardId shard, TimelineId id) {
        TimelineData t = timeline(shard, id);
        if (t.importing()) {
            throw HttpError.notFound("Timeline " + shard + "/" + t.id() + " was not found");
        }
        return t;
    }

    /** routes.rs {@code active_timeline_of_active_tenant} as a check (checkpoint, touchpage). */
    public void activeTimelineOfActiveTenant(TenantShardId shard, TimelineId id) {
        activeTimeline(shard, id);
    }

    /** {@code Tenant::list_timelines}: TimelineInfo of each visible timeline, offloaded ones left out. */
    public ArrayNode listTimelines(TenantShardId shard) {
        node.attached(shard);
        ArrayNode out = Json.MAPPER.createArrayNode();
        RemoteStorage.TenantData t = timelines.remote().existing(shard.tenantId());
        if (t != null) {
            synchronized (t) {
                // offloaded timelines are listed only by timeline_and_offloaded
                t.visible().stream().filter(d -> !d.offloadedBy(shard)).forEach(d -> out.add(timelines.info(shard, d)));
            }
        }
        return out;
    }

    /**
     * routes.rs {@code timeline_and_offloaded_list_handler}: loaded timelines as TimelineInfo, offloaded ones as
     * {@code build_timeline_offloaded_info} writes them.
     */
    public ObjectNode listTimelinesAndOffloaded(TenantShardId shard) {
        node.attached(shard);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode loaded = out.putArray("timelines");
        ArrayNode offloaded = out.putArray("offloaded");
        for (TimelineData t : tenants.visibleTimelines(shard)) {
            Instant at = t.offloadedBy(shard) ? t.archivedAt() : null;
            if (at == null) {
                loaded.add(timelines.info(shard, t));
                continue;
            }
            ObjectNode o = offloaded.addObject();
            o.put("tenant_id", shard.toString());
            o.put("timeline_id", t.id().toString());
            o.put("ancestor_timeline_id", t.ancestor() == null ? null : t.ancestor().toString());
            o.put("ancestor_retain_lsn", t.ancestorLsn() == null ? null : t.ancestorLsn().toString());
            o.put("archived_at", at.toString());
        }
        return out;
    }

    /** routes.rs {@code timeline_detail_handler} ({@code build_timeline_info}); an importing timeline is a 404. */
    public ObjectNode timelineDetail(TenantShardId shard, TimelineId id) {
        TimelineData t = timeline(shard, id);
        if (t.importing()) {
            // an importing timeline is not in the tenant's timelines map until the controller activates it
            throw HttpError.notFound("Timeline " + shard + "/" + t.id() + " was not found");
        }
        return timelines.info(shard, t);
    }

    /**
     * tenant.rs {@code create_timeline}: the new (or idempotently re-created) timeline's TimelineInfo. An import job
     * (pageserver/src/tenant/timeline/import_pgdata.rs) runs under the controller, which it upcalls for its progress;
     * the simulation runs it in the controller (PgdataImports).
     */
    public ObjectNode createTimeline(TenantShardId shard, TimelineCreation mode) {
        node.attached(shard);
        return timelines.info(shard, timelines.create(shard, mode));
    }

    /**
     * tenant/timeline/delete.rs {@code DeleteTimelineFlow::run}: the timeline is marked deleting at once and deleted in
     * the background after a reconcile's time (the handler answers 202).
     */
    public void deleteTimeline(TenantShardId shard, TimelineId id) {
        TimelineData t = timeline(shard, id);
        t.markDeleting();
        Thread.ofVirtual().start(() -> {
            Router.sleep(timing.reconcileMillis());
            t.markDeleted(timing.now());
        });
    }

    /** routes.rs {@code get_lsn_by_timestamp_handler}'s checks before it reads the query: shard zero, then the timeline. */
    public void checkLsnByTimestamp(TenantShardId shard, TimelineId id) {
        if (!shard.isShardZero()) {
            throw HttpError.badRequest("Lsn calculations by timestamp are only available on shard zero");
        }
        timeline(shard, id);
    }

    /**
     * pgdatadir_mapping.rs {@code find_lsn_for_timestamp} ({@link Timelines#lsnByTimestamp}); with {@code withLease}
     * the answer's LSN is leased for the tenant's {@code lsn_lease_length_for_ts}.
     */
    public ObjectNode findLsnForTimestamp(TenantShardId shard, TimelineId id, Instant at, boolean withLease) {
        checkLsnByTimestamp(shard, id);
        RemoteStorage.TenantData tenant = timelines.remote().existing(shard.tenantId());
        return timelines.lsnByTimestamp(tenant, timeline(shard, id), at, withLease,
                tenants.effectiveDuration(shard, "lsn_lease_length_for_ts"));
    }

    /** routes.rs {@code get_timestamp_of_lsn_handler}: the newest commit time at or before {@code lsn}, else 412. */
    public String getTimestampOfLsn(TenantShardId shard, TimelineId id, Lsn lsn) {
        return timelines.timestampOfLsn(timeline(shard, id), lsn);
    }

    /** timeline.rs {@code make_lsn_lease} for the tenant's {@code lsn_lease_length} (Timeline::get_lsn_lease_length). */
    public Instant makeLsnLease(TenantShardId shard, TimelineId id, Lsn lsn) {
        TimelineData t = timeline(shard, id);
        return timelines.lease(t, lsn, tenants.effectiveDuration(shard, "lsn_lease_length"));
    }

    /** mgr.rs {@code immediate_gc}: without a horizon (null), the tenant's configured {@code gc_horizon}. */
    public void immediateGc(TenantShardId shard, TimelineId id, Long horizon) {
        TimelineData t = timeline(shard, id);
        timelines.gc(t, horizon == null ? tenants.effectiveLong(shard, "gc_horizon") : horizon);
    }

    /**
     * tenant.rs {@code apply_timeline_archival_config}: archiving stamps {@code archived_at}; unarchiving an offloaded
     * timeline loads it again.
     */
    public void applyTimelineArchivalConfig(TenantShardId shard, TimelineId id, boolean archived) {
        timeline(shard, id).archive(archived, timelines.now());
    }

    /** detach_ancestor.rs {@code prepare} and {@code detach_and_reparent} ({@link Timelines#detachAncestor}): the reparented ids. */
    public Set<TimelineId> detachAncestor(TenantShardId shard, TimelineId id, boolean multiLevel) {
        timeline(shard, id);
        return timelines.detachAncestor(shard, id, multiLevel);
    }

    /** routes.rs {@code timeline_mark_invisible_handler}: the index part records whether the timeline is visible. */
    public void markInvisible(TenantShardId shard, TimelineId id, boolean visible) {
        timeline(shard, id).markInvisible(!visible);
    }

    /**
     * tenant/timeline/offload.rs {@code offload_timeline} as the testing {@code timeline_offload_handler} calls it: done
     * when already offloaded, 412 while a child is still loaded or the timeline is not archived; then the shard's
     * manifest lists it as offloaded.
     */
    public void offloadTimeline(TenantShardId shard, TimelineId id) {
        TimelineData t = timeline(shard, id);
        if (t.offloadedBy(shard)) {
            return;
        }
        for (TimelineData other : tenants.visibleTimelines(shard)) {
            if (t.id().equals(other.ancestor()) && !other.offloadedBy(shard)) {
                throw HttpError.precondition("timeline has attached children");
            }
        }
        if (!t.archived() || t.archivedAt() == null) {
            throw HttpError.precondition("Timeline::can_offload() check failed: the timeline is not archived");
        }
        t.offload(shard, timelines.now());
    }

    /** routes.rs {@code layer_map_info_handler}: the timeline's layers on this pageserver. */
    public ObjectNode layerMapInfo(TenantShardId shard, TimelineId id) {
        return layers.layerMapInfo(shard, timeline(shard, id));
    }

    /**
     * routes.rs {@code layer_download_handler} ({@code resident}) and {@code evict_timeline_layer_handler}: true when
     * the layer changed residency, false when it already was as asked; 400 for an unknown name.
     */
    public boolean setLayerResident(TenantShardId shard, TimelineId id, String layer, boolean resident) {
        return layers.setResident(shard, timeline(shard, id), layer, resident);
    }

    /** routes.rs {@code timeline_download_remote_layers_handler_post}: the download task, started. */
    public ObjectNode downloadAllRemoteLayers(TenantShardId shard, TimelineId id) {
        return layers.downloadAllRemoteLayers(shard, timeline(shard, id));
    }

    /** routes.rs {@code timeline_download_remote_layers_handler_get}: the download task's state. */
    public ObjectNode downloadRemoteLayersTask(TenantShardId shard, TimelineId id) {
        return layers.downloadTask(shard, timeline(shard, id));
    }

    /**
     * heatmap_layers_downloader.rs {@code start_heatmap_layers_download}: a background download of the timeline's
     * heatmap layers, taking the cluster's secondary warm-up time; 409 {@code Already running} while one runs on the
     * current attached location.
     */
    public void downloadHeatmapLayers(TenantShardId shard, TimelineId id) {
        Location location = node.attached(shard);
        timelines.find(shard, id);
        String key = shard + "/" + id;
        synchronized (downloads) {
            Download running = downloads.get(key);
            if (running != null && running.runningOn(node.location(shard))) {
                throw HttpError.conflict("Already running");
            }
            downloads.put(key, new Download(location, System.nanoTime() + timing.secondaryWarmupMillis() * 1_000_000L));
        }
    }

    /** heatmap_layers_downloader.rs {@code stop_and_drain}: a running download stops. */
    public void shutdownDownloadHeatmapLayers(TenantShardId shard, TimelineId id) {
        node.attached(shard);
        timelines.find(shard, id);
        downloads.remove(shard + "/" + id);
    }

    /** routes.rs {@code timeline_compact_info_handler}: the attached shard's queue; an unknown timeline has an empty one. */
    public ArrayNode compactionInfo(TenantShardId shard, TimelineId id) {
        node.attached(shard);
        return compactions.list(shard, id, timelines.now());
    }

    /** tenant.rs {@code cancel_scheduled_compaction}. */
    public void cancelScheduledCompaction(TenantShardId shard, TimelineId id) {
        node.attached(shard);
        compactions.cancel(shard, id);
    }

    /**
     * routes.rs {@code timeline_compact_handler}: the active timeline must be here; a {@code scheduled} request
     * ({@code request} non-null) is queued with {@code schedule_manual_compaction} after the tenant's
     * {@code compaction_period} (upstream time, scaled) and run at once when {@code waitUntilDone}. The simulation has
     * no layers to compact otherwise.
     */
    public void compact(TenantShardId shard, TimelineId id, JsonNode scheduled, boolean waitUntilDone) {
        activeTimeline(shard, id);
        if (scheduled == null) {
            return;
        }
        Location l = node.attached(shard);
        Duration period = HumanDuration.parse(PageserverTenantConfig.effective(l.tenantConf).path("compaction_period").asText("20s"));
        long job = compactions.schedule(shard, id, scheduled, timelines.now(), Duration.ofMillis(timing.millis(period)));
        if (waitUntilDone) {
            compactions.runThrough(shard, id, job);
        }
    }

    /**
     * remote_timeline_client/upload.rs {@code preserve_initdb_archive}: copies {@code initdb.tar.zst} to
     * {@code initdb-preserved.tar.zst}, which timeline deletion leaves behind; 500 when there is no archive.
     */
    public void preserveInitdbArchive(TenantShardId shard, TimelineId id) {
        TimelineData t = timeline(shard, id);
        if (!t.initdbArchive()) {
            throw HttpError.internal("preserving initdb archive: backing up initdb archive: backing up initdb archive for '"
                    + shard.tenantId() + " / " + t.id() + "': No such file or directory (os error 2)");
        }
        t.preserveInitdbArchive();
    }

    /**
     * routes.rs {@code timeline_patch_index_part_handler}: on the active timeline, {@code rel_size_migrated_at} needs
     * {@code rel_size_migration} (400); each given (non-null) field is stored, the GC cutoff without checking the data
     * is there, as upstream warns.
     */
    public void patchIndexPart(TenantShardId shard, TimelineId id, String relSizeMigration, Lsn relSizeMigratedAt,
            Lsn gcCompactionLastCompletedLsn, Lsn appliedGcCutoffLsn) {
        TimelineData t = activeTimeline(shard, id);
        if (relSizeMigration == null && relSizeMigratedAt != null) {
            throw HttpError.badRequest("updating rel_size_migrated_at without rel_size_migration is not allowed");
        }
        t.patchIndexPart(relSizeMigration, relSizeMigratedAt, gcCompactionLastCompletedLsn, appliedGcCutoffLsn);
    }

    /**
     * import_datadir.rs {@code import_wal_from_tar} (routes.rs {@code put_tenant_timeline_import_wal}): the unsharded
     * tenant's active timeline must end at {@code start} (500 otherwise), then the tar holds WAL segments named
     * {@code XLogFileName(1, segno)} from {@code start}'s segment on ("expected more wal" when one is missing) and ends
     * with the tar EOF marker. The segments' records are not decoded: the timeline's WAL ends at {@code end}
     * afterwards, as one commit at the import's time.
     */
    public void importWal(TenantId tenant, TimelineId id, Lsn start, Lsn end, byte[] tar) {
        TimelineData t = activeTimeline(TenantShardId.unsharded(tenant), id);
        synchronized (t) {
            Lsn last = t.lastRecordLsn();
            if (!last.equals(start)) {
                throw HttpError.internal("Cannot import WAL from Lsn " + start + " because timeline does not start from the same lsn: " + last);
            }
            List<String> names = BasebackupTar.regularFiles(tar);
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
    }

    /**
     * tenant.rs {@code create_empty_timeline} and import_datadir.rs {@code import_basebackup_from_tar} (routes.rs
     * {@code put_tenant_timeline_import_basebackup}): the unsharded tenant must be attached here; an existing timeline
     * is a 500 (its FailWithConflict idempotency); the tar is checked ({@link BasebackupTar#check}); a failed import
     * leaves no timeline.
     */
    public void importBasebackup(TenantId tenant, TimelineId id, Lsn baseLsn, int pgVersion, byte[] tar) {
        node.attached(TenantShardId.unsharded(tenant));
        RemoteStorage.TenantData data = timelines.remote().tenant(tenant);
        synchronized (data) {
            if (data.timeline(id) != null) {
                throw HttpError.internal("timeline already exists with different parameters");
            }
            BasebackupTar.check(tar);
            TimelineData t = TimelineData.root(id, baseLsn, pgVersion, timelines.now());
            data.store(t);
        }
    }

    /**
     * timeline.rs {@code wait_lsn} for each listed timeline the attached shard has (routes.rs {@code wait_lsn_handler}):
     * 200 when all reached their LSN within {@code timeout} (upstream time, scaled), 202 when one did not, 404 when none
     * of them is here.
     */
    public int waitLsn(TenantShardId shard, Map<TimelineId, Lsn> lsns, Duration timeout) {
        node.attached(shard);
        Map<TimelineData, Lsn> waits = new HashMap<>();
        RemoteStorage.TenantData tenant = timelines.remote().existing(shard.tenantId());
        lsns.forEach((id, lsn) -> {
            TimelineData t = tenant == null ? null : tenant.timeline(id);
            if (t != null) {
                waits.put(t, lsn);
            }
        });
        if (waits.isEmpty()) {
            return 404;
        }
        long deadline = System.nanoTime() + timing.millis(timeout) * 1_000_000;
        while (true) {
            boolean all = waits.entrySet().stream().allMatch(w -> !w.getKey().lastRecordLsn().isBefore(w.getValue()));
            if (all) {
                return 200;
            }
            if (System.nanoTime() >= deadline) {
                return 202;
            }
            Router.sleep(2);
        }
    }

    /**
     * tenant/size.rs {@code gather_inputs} and the calculation (routes.rs {@code tenant_size_handler}): shard zero only
     * (400), attached only; {@code inputsOnly} leaves the size out.
     */
    public ObjectNode syntheticSize(TenantShardId shard, boolean inputsOnly) {
        if (!shard.isShardZero()) {
            throw HttpError.badRequest("Size calculations are only available on shard zero");
        }
        node.attached(shard);
        RemoteStorage.TenantData data = timelines.remote().tenant(shard.tenantId());
        return SyntheticSize.of(shard.tenantId(), data, timelines.now(), inputsOnly);
    }
}
