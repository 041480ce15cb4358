package io.neonclient.pageserver;

import io.neonclient.core.ConflictException;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineDeletion;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.AncestorDetached;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.model.TimelineState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The URLs below {@code /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}} on one pageserver (handlers in upstream
 * {@code pageserver/src/http/routes.rs}). Obtain with {@link PageserverClient#timeline}.
 */
public final class PageserverTimeline {
    static final String BASE = "/v1/tenant/{tenant_shard_id}/timeline/{timeline_id}";
    private static final Json.Reader<Timeline> TIMELINE = Json.reader(Timeline.class);
    private static final Json.Reader<LsnForTimestamp> LSN_FOR_TIMESTAMP = Json.reader(LsnForTimestamp.class);
    private static final Json.Reader<String> TEXT = Json.reader(String.class);
    private static final Json.Reader<LsnLease> LEASE = Json.reader(LsnLease.class);
    private static final Json.Reader<AncestorDetached> DETACHED = Json.reader(AncestorDetached.class);
    private static final Json.Reader<RemoteLayersDownload> REMOTE_DOWNLOAD = Json.reader(RemoteLayersDownload.class);
    private static final Json.Reader<LayerMap> LAYERS = Json.reader(LayerMap.class);
    private static final Json.Reader<GcResult> GC = Json.reader(GcResult.class);
    private static final Json.Reader<List<CompactionJob>> JOBS = Json.reader(new com.fasterxml.jackson.core.type.TypeReference<>() {});
    private static final Json.Reader<Keyspace.Wire> KEYSPACE = Json.reader(Keyspace.Wire.class);

    private final PageserverClient client;
    private final TenantShardId shard;
    private final TimelineId timeline;

    PageserverTimeline(PageserverClient client, TenantShardId shard, TimelineId timeline) {
        this.client = client;
        this.shard = shard;
        this.timeline = timeline;
    }

    /** The shard this handle addresses. */
    public TenantShardId shard() {
        return shard;
    }

    /** The timeline this handle addresses. */
    public TimelineId id() {
        return timeline;
    }

    private Request.Builder get(String suffix) {
        return Request.get(BASE + suffix, shard, timeline).scope(PageserverClient.SCOPE);
    }

    private Request.Builder put(String suffix) {
        return Request.put(BASE + suffix, shard, timeline).scope(PageserverClient.SCOPE);
    }

    private Request.Builder post(String suffix) {
        return Request.post(BASE + suffix, shard, timeline).scope(PageserverClient.SCOPE);
    }

    /**
     * {@code GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}}: LSNs, sizes, state (including
     * {@link TimelineState.Broken}) and WAL receiver status as this shard sees them.
     *
     * @throws io.neonclient.core.NotFoundException when the timeline (or the tenant) is not here
     */
    public Timeline describe() {
        return client.transport.call(get("").build(), TIMELINE);
    }

    /**
     * {@code DELETE /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}}: starts deleting the timeline (local and remote
     * data). The pageserver answers {@code 202}; the handle's {@code await} polls
     * {@code GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}} until it answers 404. As upstream's
     * {@code DeleteTimelineError} mapping ({@code pageserver/src/http/routes.rs}) defines: {@code 409} (a deletion is
     * already running) also yields a handle to await, and {@code 404} means the timeline is already gone
     * ({@link TimelineDeletion#isDone()}).
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 when the tenant is not attached here, or the timeline
     *                                                         has children
     */
    public TimelineDeletion delete() {
        try {
            client.transport.send(Request.delete(BASE, shard, timeline).scope(PageserverClient.SCOPE).idempotent(true).build());
            return new PageserverTimelineDeletion(this, false);
        } catch (ConflictException alreadyRunning) {
            return new PageserverTimelineDeletion(this, false);
        } catch (NotFoundException gone) {
            return new PageserverTimelineDeletion(this, true);
        }
    }

    /**
     * {@code GET …/get_lsn_by_timestamp?timestamp=…}: the LSN of the last commit at or before {@code timestamp}. Only
     * shard zero can answer (others give 400).
     */
    public LsnForTimestamp lsnByTimestamp(Instant timestamp) {
        return lsnByTimestamp(timestamp, false);
    }

    /**
     * {@code GET …/get_lsn_by_timestamp?timestamp=…&with_lease=true}: as {@link #lsnByTimestamp(Instant)}, and when
     * {@code withLease} also leases the LSN (default one minute) so GC keeps it; {@link LsnForTimestamp#validUntil()}
     * says until when, and is empty if the lease was refused.
     */
    public LsnForTimestamp lsnByTimestamp(Instant timestamp, boolean withLease) {
        Rfc3339.check("timestamp", timestamp);
        requireShardZero("lsnByTimestamp");
        Request.Builder r = get("/get_lsn_by_timestamp").query("timestamp", Rfc3339.format(timestamp));
        if (withLease) {
            r.query("with_lease", true);
        }
        return client.transport.call(r.build(), LSN_FOR_TIMESTAMP);
    }

    /**
     * {@code GET …/get_timestamp_of_lsn?lsn=…}: the commit time recorded at {@code lsn}. Only shard zero can answer.
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 when no timestamp is known for that LSN
     */
    public Instant timestampOfLsn(Lsn lsn) {
        if (lsn == null) {
            throw new NullPointerException("lsn must not be null");
        }
        requireShardZero("timestampOfLsn");
        Request request = get("/get_timestamp_of_lsn").query("lsn", lsn).build();
        String text = client.transport.call(request, TEXT);
        try {
            return Rfc3339.parse(text);
        } catch (IllegalArgumentException e) {
            throw new io.neonclient.core.ProtocolException(request.operation(), 200, "expected an RFC 3339 string, got " + text, 1, e);
        }
    }

    /**
     * {@code POST …/lsn_lease} with {@code {"lsn": …}}: keeps GC from removing data needed to read at {@code lsn} (the
     * lease lasts the tenant's {@code lsn_lease_length}, default 10 minutes; renew by calling again).
     */
    public LsnLease lsnLease(Lsn lsn) {
        if (lsn == null) {
            throw new NullPointerException("lsn must not be null");
        }
        return client.transport.call(post("/lsn_lease").idempotent(true).json(Map.of("lsn", lsn)).build(), LEASE);
    }

    /**
     * {@code POST …/preserve_initdb_archive}: copies the timeline's initdb archive aside so the timeline can be
     * recreated under the same id ({@link CreateTimelineRequest.Bootstrap#fromInitdbOf}) in disaster recovery.
     */
    public void preserveInitdbArchive() {
        client.transport.send(post("/preserve_initdb_archive").idempotent(true).build());
    }

    /** {@code PUT …/detach_ancestor}: makes the timeline independent of its ancestor (upstream's default behaviour). */
    public AncestorDetached detachAncestor() {
        return client.transport.call(put("/detach_ancestor").idempotent(true).build(), DETACHED);
    }

    /**
     * {@code PUT …/detach_ancestor?detach_behavior=…}: as {@link #detachAncestor()} with an explicit behaviour.
     *
     * @throws io.neonclient.core.ConflictException 409 when the timeline has no ancestor
     */
    public AncestorDetached detachAncestor(DetachBehavior behavior) {
        if (behavior == null) {
            throw new NullPointerException("detach behavior must not be null");
        }
        return client.transport.call(put("/detach_ancestor").query("detach_behavior", behavior).idempotent(true).build(), DETACHED);
    }

    /**
     * {@code PUT …/archival_config} with {@code {"state": "Archived"|"Unarchived"}}.
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 e.g. when archiving a timeline with unarchived children
     */
    public void archivalConfig(TimelineArchivalState state) {
        if (state == null) {
            throw new NullPointerException("archival state must not be null");
        }
        client.transport.send(put("/archival_config").idempotent(true).json(Map.of("state", state)).build());
    }

    /** {@code POST …/block_gc}: stops GC on this timeline's tenant shard until {@link #unblockGc()}. */
    public void blockGc() {
        client.transport.send(post("/block_gc").idempotent(true).build());
    }

    /** {@code POST …/unblock_gc}: lifts {@link #blockGc()}. */
    public void unblockGc() {
        client.transport.send(post("/unblock_gc").idempotent(true).build());
    }

    /** {@code PUT …/do_gc} with {@code {}} (no {@code gc_horizon}): runs GC now with the tenant's configured horizon. */
    public GcResult gc() {
        return client.transport.call(put("/do_gc").json(new GcRequest(Optional.empty())).build(), GC);
    }

    /** {@code PUT …/do_gc} with {@code {"gc_horizon": bytes}}: runs GC now keeping {@code gcHorizonBytes} of WAL history. */
    public GcResult gc(long gcHorizonBytes) {
        if (gcHorizonBytes < 0) {
            throw new IllegalArgumentException("gcHorizonBytes must be >= 0, got " + gcHorizonBytes);
        }
        return client.transport.call(put("/do_gc").json(new GcRequest(Optional.of(gcHorizonBytes))).build(), GC);
    }

    /** {@code PUT …/compact} with the options as query flags: compacts now and answers when done (per the flags). */
    public void compact(CompactOptions options) {
        if (options == null) {
            throw new NullPointerException("compact options must not be null");
        }
        Request.Builder r = put("/compact");
        options.addTo(r);
        client.transport.send(r.build());
    }

    /**
     * {@code PUT …/compact} with {@code {"scheduled": true, "sub_compaction": bool}}: queues a gc-compaction job for the
     * tenant's background compaction loop instead of compacting now (upstream {@code timeline_compact_handler} →
     * {@code schedule_compaction} in {@code pageserver/src/tenant.rs}) and answers at once; {@link #compactionJobs()}
     * lists the queue. Not retried: each call queues another job.
     */
    public void scheduleCompaction(boolean subCompaction) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("scheduled", true);
        body.put("sub_compaction", subCompaction);
        client.transport.send(put("/compact").json(body).build());
    }

    /**
     * {@code GET …/compact}: the gc-compaction jobs queued for this timeline, the running one first (upstream
     * {@code timeline_compact_info_handler} → {@code get_scheduled_compaction_tasks}); empty when none.
     *
     * @throws io.neonclient.core.NotFoundException when the shard is not attached here
     */
    public List<CompactionJob> compactionJobs() {
        List<CompactionJob> jobs = client.transport.call(get("/compact").idempotent(true).build(), JOBS);
        return jobs == null ? List.of() : List.copyOf(jobs);
    }

    /**
     * {@code DELETE …/compact}: drops the queued gc-compaction jobs of this timeline (upstream
     * {@code timeline_cancel_compact_handler} → {@code cancel_scheduled_compaction}); a running job finishes. 200 also
     * when nothing was queued.
     */
    public void cancelScheduledCompaction() {
        client.transport.send(Request.delete(BASE + "/compact", shard, timeline).scope(PageserverClient.SCOPE).idempotent(true).build());
    }

    /**
     * {@code POST …/patch_index_part} with upstream's {@code TimelinePatchIndexPartRequest}: changes fields of the
     * timeline's index part and schedules its upload (upstream {@code timeline_patch_index_part_handler}; needs a
     * pageserver-wide token). A repair tool: upstream does not check that a lowered GC cutoff still has its data.
     * Repeating the same patch gives the same index, so it is retried.
     *
     * @throws io.neonclient.core.BadRequestException 400 when the pageserver refuses the combination
     */
    public void patchIndexPart(IndexPartPatch patch) {
        java.util.Objects.requireNonNull(patch, "patch");
        client.transport.send(post("/patch_index_part").idempotent(true).json(patch.body()).build());
    }

    /**
     * {@code GET …/touchpage?key=…}: reads one page at the last record LSN, downloading the layers it needs, and
     * answers nothing (upstream {@code touchpage_at_lsn_handler}; needs a pageserver-wide token). Warms a page on a
     * pageserver, or proves it can be read.
     *
     * @throws IllegalArgumentException when {@code key} is not 36 hex digits
     */
    public void touchpage(String key) {
        client.transport.send(get("/touchpage").query("key", KeyRange.requireKey("key", key)).idempotent(true).build());
    }

    /** {@code GET …/touchpage?key=…&lsn=…}: as {@link #touchpage(String)}, reading the page as of {@code lsn}. */
    public void touchpage(String key, Lsn lsn) {
        java.util.Objects.requireNonNull(lsn, "lsn");
        client.transport.send(get("/touchpage").query("key", KeyRange.requireKey("key", key)).query("lsn", lsn)
                .idempotent(true).build());
    }

    /**
     * {@code GET …/keyspace}: the dense and sparse keys the timeline holds at its last record LSN (upstream
     * {@code timeline_collect_keyspace}; pagebench iterates it).
     */
    public Keyspace keyspace() {
        return client.transport.call(get("/keyspace").idempotent(true).build(), KEYSPACE).toKeyspace();
    }

    /** {@code GET …/keyspace?at_lsn=…}: as {@link #keyspace()}, as of {@code atLsn}. */
    public Keyspace keyspace(Lsn atLsn) {
        java.util.Objects.requireNonNull(atLsn, "atLsn");
        return client.transport.call(get("/keyspace").query("at_lsn", atLsn).idempotent(true).build(), KEYSPACE).toKeyspace();
    }

    /**
     * {@code PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/import_wal?start_lsn=…&end_lsn=…}: appends the WAL in a
     * tar file of segments to a timeline created by {@link #importBasebackup}, streamed from disk (upstream
     * {@code put_tenant_timeline_import_wal}). The timeline's last record LSN must be {@code startLsn}, and the WAL must
     * reach {@code endLsn} (500 otherwise). Unsharded tenants only. Sent once: a failed import leaves the timeline to be
     * deleted.
     *
     * @throws IllegalArgumentException when this handle's shard id is sharded, {@code endLsn} is before
     *                                  {@code startLsn}, or the file is not readable
     */
    public void importWal(java.nio.file.Path tarFile, Lsn startLsn, Lsn endLsn) {
        java.util.Objects.requireNonNull(tarFile, "tarFile");
        java.util.Objects.requireNonNull(startLsn, "startLsn");
        java.util.Objects.requireNonNull(endLsn, "endLsn");
        if (shard.shardCount() != 0) {
            throw new IllegalArgumentException("import_wal works on unsharded tenants only, got shard " + shard);
        }
        if (endLsn.compareTo(startLsn) < 0) {
            throw new IllegalArgumentException("endLsn (" + endLsn + ") must not be before startLsn (" + startLsn + ")");
        }
        if (!java.nio.file.Files.isRegularFile(tarFile) || !java.nio.file.Files.isReadable(tarFile)) {
            throw new IllegalArgumentException("tarFile must be a readable file, got " + tarFile);
        }
        Request request = Request.put("/v1/tenant/{tenant_id}/timeline/{timeline_id}/import_wal", shard.tenantId(), timeline)
                .query("start_lsn", startLsn).query("end_lsn", endLsn).scope(PageserverClient.SCOPE).build();
        BasebackupUpload.send(client, request, tarFile);
    }

    /**
     * {@code PUT …/checkpoint} with the options as query flags: flushes in-memory layers (and compacts). Only pageservers
     * built with the {@code testing} feature serve it; others answer 400.
     */
    public void checkpoint(CheckpointOptions options) {
        if (options == null) {
            throw new NullPointerException("checkpoint options must not be null");
        }
        Request.Builder r = put("/checkpoint");
        options.addTo(r);
        client.transport.send(r.build());
    }

    /**
     * {@code PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/import_basebackup?base_lsn=…&end_lsn=…&pg_version=…}:
     * creates this timeline from a {@code pg_basebackup} tar file, streamed from disk (not read into memory). Only for
     * unsharded tenants (upstream addresses the tenant by bare id). Bounded by the client's request timeout.
     *
     * @throws IllegalArgumentException when this handle's shard id is sharded
     */
    public void importBasebackup(ImportBasebackupRequest request) {
        if (request == null) {
            throw new NullPointerException("import request must not be null");
        }
        if (shard.shardCount() != 0) {
            throw new IllegalArgumentException("import_basebackup works on unsharded tenants only, got shard " + shard);
        }
        BasebackupUpload.send(client, shard.tenantId(), timeline, request);
    }

    /**
     * {@code PUT …/mark_invisible} without a body: hides the timeline from synthetic size calculations (upstream
     * {@code timeline_mark_invisible_handler}, recorded in its index in remote storage).
     */
    public void markInvisible() {
        client.transport.send(put("/mark_invisible").idempotent(true).build());
    }

    /** {@code PUT …/mark_invisible} with {@code {"is_visible": true}}: undoes {@link #markInvisible()}. */
    public void markVisible() {
        client.transport.send(put("/mark_invisible").idempotent(true).json(Map.of("is_visible", true)).build());
    }

    /**
     * {@code POST …/download_heatmap_layers}: starts downloading, in the background, every layer the shard's heatmap
     * lists (upstream {@code timeline_download_heatmap_layers_handler}, default concurrency 16, no recursion into
     * ancestors); answers 202 at once.
     *
     * @throws io.neonclient.core.ConflictException 409 when a download is already running
     */
    public void downloadHeatmapLayers() {
        client.transport.send(post("/download_heatmap_layers").build());
    }

    /**
     * {@code POST …/download_heatmap_layers?concurrency=n&recurse=bool}: as {@link #downloadHeatmapLayers()}, with
     * {@code concurrency} parallel downloads (capped by the pageserver's remote storage limit) and, when
     * {@code recurse}, the ancestors' heatmap layers too.
     *
     * @throws IllegalArgumentException when {@code concurrency} is not positive
     */
    public void downloadHeatmapLayers(int concurrency, boolean recurse) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        client.transport.send(post("/download_heatmap_layers").query("concurrency", concurrency).query("recurse", recurse).build());
    }

    /** {@code DELETE …/download_heatmap_layers}: stops a running heatmap-layer download (200 also when none runs). */
    public void stopHeatmapLayersDownload() {
        client.transport.send(Request.delete(BASE + "/download_heatmap_layers", shard, timeline).scope(PageserverClient.SCOPE)
                .idempotent(true).build());
    }

    /**
     * {@code POST …/download_remote_layers} with {@code {"max_concurrent_downloads": n}}: starts downloading every
     * evicted layer of the timeline back to local disk (upstream {@code spawn_download_all_remote_layers}; 202, or 409
     * with the running task when one runs, which this handle then follows). {@code await} polls
     * {@link #remoteLayersDownload()} until {@code Completed} (done) or {@code ShutDown} (failed).
     *
     * @throws IllegalArgumentException when {@code maxConcurrentDownloads} is not positive
     */
    public io.neonclient.core.Awaitable<RemoteLayersDownload> downloadRemoteLayers(int maxConcurrentDownloads) {
        if (maxConcurrentDownloads < 1) {
            throw new IllegalArgumentException("maxConcurrentDownloads must be >= 1, got " + maxConcurrentDownloads);
        }
        try {
            client.transport.send(post("/download_remote_layers").json(Map.of("max_concurrent_downloads", maxConcurrentDownloads)).build());
        } catch (ConflictException alreadyRunning) {
            // routes.rs answers 409 with the running task's info: follow that one
        }
        return io.neonclient.core.internal.Polling.<RemoteLayersDownload>of("layer download of " + shard + "/" + timeline,
                client.settings(), this::remoteLayersDownload, io.neonclient.core.Acceptor.judge(d -> d.state() + " "
                        + d.successfulDownloadCount() + "/" + d.totalLayerCount(), List.of(
                        io.neonclient.core.Acceptor.<RemoteLayersDownload>done(d -> d.state() == RemoteLayersDownloadState.COMPLETED),
                        io.neonclient.core.Acceptor.<RemoteLayersDownload>failed(d -> d.state() == RemoteLayersDownloadState.SHUT_DOWN,
                                d -> "the timeline shut down during the download"))));
    }

    /**
     * {@code GET …/download_remote_layers}: the last layer download's progress.
     *
     * @throws io.neonclient.core.NotFoundException when none ran since the pageserver started
     */
    public RemoteLayersDownload remoteLayersDownload() {
        return client.transport.call(get("/download_remote_layers").build(), REMOTE_DOWNLOAD);
    }

    /**
     * {@code GET …/layer}: the timeline's in-memory and historic layers on this pageserver, each historic layer
     * resident or evicted (upstream {@code layer_map_info_handler}).
     */
    public LayerMap layers() {
        LayerMap map = client.transport.call(get("/layer").build(), LAYERS);
        return map == null ? new LayerMap(List.of(), List.of()) : map;
    }

    /**
     * {@code DELETE …/layer/{layer_file_name}}: evicts the layer from local disk; it stays in remote storage and is
     * downloaded again on access (upstream {@code evict_timeline_layer_handler}).
     *
     * @return true when it was evicted now, false when it was not resident ({@code 304 Not Modified})
     * @throws IllegalArgumentException when {@code layerFileName} is not a layer name
     * @throws io.neonclient.core.BadRequestException 400 when the timeline has no such layer
     */
    public boolean evictLayer(String layerFileName) {
        return changedUnless304(Request.delete(BASE + "/layer/{layer_file_name}", shard, timeline, requireLayerName(layerFileName))
                .scope(PageserverClient.SCOPE).idempotent(true).build());
    }

    /**
     * {@code GET …/layer/{layer_file_name}}: downloads an evicted layer back to local disk (upstream
     * {@code layer_download_handler}).
     *
     * @return true when it was downloaded now, false when it was already resident ({@code 304 Not Modified})
     * @throws IllegalArgumentException when {@code layerFileName} is not a layer name
     * @throws io.neonclient.core.BadRequestException 400 when the timeline has no such layer
     */
    public boolean downloadLayer(String layerFileName) {
        return changedUnless304(Request.get(BASE + "/layer/{layer_file_name}", shard, timeline, requireLayerName(layerFileName))
                .scope(PageserverClient.SCOPE).build());
    }

    private boolean changedUnless304(Request request) {
        try {
            client.transport.send(request);
            return true;
        } catch (io.neonclient.core.BadRequestException e) {
            if (e.status() == 304) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Upstream {@code LayerName::from_str} ({@code pageserver/src/tenant/storage_layer/layer_name.rs}): two 36-digit
     * keys, then one LSN (image) or two (delta) of 16 hex digits, optionally a generation suffix.
     */
    private static final java.util.regex.Pattern LAYER_NAME = java.util.regex.Pattern.compile(
            "[0-9A-Fa-f]{36}-[0-9A-Fa-f]{36}__[0-9A-Fa-f]{16}(-[0-9A-Fa-f]{16})?(-(v[0-9]+-)?[0-9A-Fa-f]{8})?");

    static String requireLayerName(String layerFileName) {
        java.util.Objects.requireNonNull(layerFileName, "layerFileName");
        if (!LAYER_NAME.matcher(layerFileName).matches()) {
            throw new IllegalArgumentException("layerFileName must be <key>-<key>__<lsn>[-<lsn>] with 36-digit keys and "
                    + "16-digit LSNs in hex, got '" + layerFileName + "'");
        }
        return layerFileName;
    }

    PageserverClient client() {
        return client;
    }

    private void requireShardZero(String what) {
        if (!shard.isShardZero()) {
            throw new IllegalArgumentException(what + " needs shard zero (only it stores commit timestamps), got " + shard);
        }
    }

    /** Upstream {@code TimelineGcRequest}. */
    record GcRequest(Optional<Long> gcHorizon) {}

    @Override
    public String toString() {
        return "PageserverTimeline[" + shard + "/" + timeline + "]";
    }
}
