package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer files of the timelines one pageserver holds, and which of them are resident on its disk.
 *
 * <p>Layers follow the timeline's WAL as remote storage records it: a root timeline starts with one image layer at its
 * initdb LSN, and every commit adds an L0 delta layer over {@code [previous end, commit end)} (sized by the WAL it
 * covers, at least one 8 KiB page). A layer is resident until evicted ({@code evict_layer}, disk-usage eviction,
 * {@code reset_tenant} with {@code drop_cache}) and again after {@code download_layer}; residency is local to this
 * pageserver. Names, kinds and fields follow upstream's
 * {@code HistoricLayerInfo} (libs/pageserver_api/src/models.rs) and {@code LayerName}
 * (pageserver/src/tenant/storage_layer/layer_name.rs).
 *
 * <p>Locking: every method is synchronized on this object; {@link TimelineData} is read under its own monitor.
 */
final class PageserverLayers {
    /** The full key range, as an L0 delta and a whole-keyspace image layer name it. */
    static final String KEYS = "000000000000000000000000000000000000-FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    /** The image of a fresh cluster: about what initdb writes (24 MB). */
    static final long IMAGE_BYTES = 24_600_576;
    static final long PAGE = 8192;
    /** The disk the simulated pageserver reports (100 GiB). */
    static final long DISK_BYTES = 100L << 30;
    /** utilization.rs MAX_SHARDS. */
    static final long MAX_SHARDS = 2500;

    /** One layer file of a timeline. */
    record Layer(String name, boolean image, Lsn start, Lsn end, long size, Instant written) { }

    private record Residence(boolean resident, Instant accessed, Instant since) { }

    private final Map<String, Residence> residence = new HashMap<>();
    private final Timing timing;

    PageserverLayers(Timing timing) {
        this.timing = timing;
    }

    /** The layers {@code t} has, oldest first. */
    static List<Layer> layersOf(TimelineData t) {
        List<Layer> out = new ArrayList<>();
        synchronized (t) {
            if (t.ancestor() == null) {
                out.add(new Layer(KEYS + "__" + hex(t.initdbLsn()), true, t.initdbLsn(), t.initdbLsn(), IMAGE_BYTES, t.createdAt()));
            }
            Lsn from = t.initdbLsn();
            for (TimelineData.Commit c : t.commits()) {
                if (c.lsn().isAfter(from)) {
                    long size = Math.max(PAGE, c.lsn().value() - from.value() + PAGE);
                    out.add(new Layer(KEYS + "__" + hex(from) + "-" + hex(c.lsn()), false, from, c.lsn(), size, c.at()));
                    from = c.lsn();
                }
            }
        }
        return out;
    }

    private static String hex(Lsn lsn) {
        return String.format("%016X", lsn.value());
    }

    private static String key(TenantShardId shard, TimelineId timeline, String layer) {
        return shard + "/" + timeline + "/" + layer;
    }

    private Residence residenceOf(TenantShardId shard, TimelineId timeline, Layer l) {
        Residence r = residence.get(key(shard, timeline, l.name()));
        return r != null ? r : new Residence(true, l.written(), l.written());
    }

    /** {@code layer_map_info}: the timeline's layers as {@code LayerMapInfo}; no in-memory layers (WAL is flushed at once). */
    synchronized ObjectNode layerMapInfo(TenantShardId shard, TimelineData t) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.putArray("in_memory_layers");
        ArrayNode historic = out.putArray("historic_layers");
        for (Layer l : layersOf(t)) {
            Residence r = residenceOf(shard, t.id(), l);
            ObjectNode n = historic.addObject();
            n.put("kind", l.image() ? "Image" : "Delta");
            n.put("layer_file_name", l.name());
            n.put("layer_file_size", l.size());
            n.put("lsn_start", l.start().toString());
            if (!l.image()) {
                n.put("lsn_end", l.end().toString());
            }
            n.put("remote", !r.resident());
            n.putObject("access_stats").put("access_time", r.accessed().toEpochMilli())
                    .put("residence_time", r.since().toEpochMilli()).put("visible", true);
            if (!l.image()) {
                n.put("l0", true);
            }
        }
        return out;
    }

    /**
     * {@code Timeline::evict_layer} / {@code download_layer}: true when the residency changed, false when it already was
     * as asked (the route's 304), upstream's 400 {@code Layer …/…/… not found} for a name the timeline lacks.
     */
    synchronized boolean setResident(TenantShardId shard, TimelineData t, String name, boolean resident) {
        Layer layer = layersOf(t).stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> HttpError.of(400, "Layer " + shard + "/" + t.id() + "/" + name + " not found"));
        Residence r = residenceOf(shard, t.id(), layer);
        if (r.resident() == resident) {
            return false;
        }
        Instant now = timing.now();
        residence.put(key(shard, t.id(), name), new Residence(resident, resident ? now : r.accessed(), now));
        return true;
    }

    private final Map<String, ObjectNode> downloadTasks = new HashMap<>();
    private long nextTaskId = 1;

    /**
     * {@code Timeline::spawn_download_all_remote_layers} (pageserver/src/tenant/timeline.rs): downloads every evicted
     * layer. The simulated download finishes within the request: the answer is the task as spawned ({@code Running},
     * nothing counted yet) and {@link #downloadTask} shows it {@code Completed} with its counts.
     */
    synchronized ObjectNode downloadAllRemoteLayers(TenantShardId shard, TimelineData t) {
        String taskId = Long.toString(nextTaskId++);
        long total = 0;
        Instant now = timing.now();
        for (Layer l : layersOf(t)) {
            Residence r = residenceOf(shard, t.id(), l);
            if (!r.resident()) {
                total++;
                residence.put(key(shard, t.id(), l.name()), new Residence(true, now, now));
            }
        }
        downloadTasks.put(shard + "/" + t.id(), task(taskId, "Completed", total, total));
        return task(taskId, "Running", 0, 0);
    }

    /** {@code get_download_all_remote_layers_task_info}: the last task, or 404 when none ran since start. */
    synchronized ObjectNode downloadTask(TenantShardId shard, TimelineData t) {
        ObjectNode task = downloadTasks.get(shard + "/" + t.id());
        if (task == null) {
            throw HttpError.notFound("task never started since last pageserver process start");
        }
        return task.deepCopy();
    }

    private static ObjectNode task(String id, String state, long total, long done) {
        return Json.MAPPER.createObjectNode().put("task_id", id).put("state", state).put("total_layer_count", total)
                .put("successful_download_count", done).put("failed_download_count", 0);
    }

    /** {@code reset_tenant} with {@code drop_cache}: every layer of the shard leaves the local disk. */
    synchronized void dropCache(TenantShardId shard, List<TimelineData> timelines) {
        for (TimelineData t : timelines) {
            for (Layer l : layersOf(t)) {
                Residence r = residenceOf(shard, t.id(), l);
                if (r.resident()) {
                    residence.put(key(shard, t.id(), l.name()), new Residence(false, r.accessed(), timing.now()));
                }
            }
        }
    }

    private record Candidate(TenantShardId shard, TimelineId timeline, Layer layer, Instant accessed) { }

    /**
     * {@code disk_usage_eviction_task_iteration_impl} (pageserver/src/disk_usage_eviction_task.rs) with
     * {@code evict_bytes}: evicts resident layers least recently accessed first until that many bytes are freed.
     * Answers {@code "NoPressure"} for 0 bytes, else {@code {"Finished": …}}; this pass plans in one global LRU order,
     * so the plan and the outcome agree and {@code fallback_to_global_lru} is null.
     */
    synchronized Object evictForPressure(long evictBytes, Map<TenantShardId, List<TimelineData>> shards) {
        if (evictBytes <= 0) {
            return "NoPressure";
        }
        List<Candidate> candidates = new ArrayList<>();
        shards.forEach((shard, tls) -> tls.forEach(t -> layersOf(t).forEach(l -> {
            Residence r = residenceOf(shard, t.id(), l);
            if (r.resident()) {
                candidates.add(new Candidate(shard, t.id(), l, r.accessed()));
            }
        })));
        candidates.sort(Comparator.comparing(Candidate::accessed).thenComparing(c -> c.layer().name()));
        long freed = 0;
        Instant now = timing.now();
        for (Candidate c : candidates) {
            if (freed >= evictBytes) {
                break;
            }
            residence.put(key(c.shard(), c.timeline(), c.layer().name()), new Residence(false, c.accessed(), now));
            freed += c.layer().size();
        }
        ObjectNode finished = Json.MAPPER.createObjectNode();
        ObjectNode body = finished.putObject("Finished");
        body.set("before", usage(evictBytes, 0));
        ObjectNode planned = body.putObject("planned");
        planned.set("respecting_tenant_min_resident_size", usage(evictBytes, freed));
        planned.putNull("fallback_to_global_lru");
        ObjectNode assumed = body.putObject("assumed");
        assumed.set("projected_after", usage(evictBytes, freed));
        assumed.putObject("failed").put("file_sizes", 0).put("count", 0);
        return finished;
    }

    private static ObjectNode usage(long evict, long freed) {
        return Json.MAPPER.createObjectNode().put("evict_bytes", evict).put("freed_bytes", freed);
    }

    /** Bytes of {@code shard}'s layers: {resident on this disk, in remote storage}. */
    synchronized long[] sizes(TenantShardId shard, List<TimelineData> timelines) {
        long resident = 0;
        long physical = 0;
        for (TimelineData t : timelines) {
            for (Layer l : layersOf(t)) {
                physical += l.size();
                if (residenceOf(shard, t.id(), l).resident()) {
                    resident += l.size();
                }
            }
        }
        return new long[] {resident, physical};
    }

    /**
     * {@code regenerate} (pageserver/src/utilization.rs): used space is the resident layers, wanted space all layers of
     * the shards here, {@code disk_usable_pct} 100 (no disk-usage eviction task configured), and the score
     * {@code PageserverUtilization::score}: the larger of disk and shard-count utilization, in millionths.
     */
    synchronized ObjectNode utilization(int shardCount, Map<TenantShardId, List<TimelineData>> shards) {
        long used = 0;
        long wanted = 0;
        for (Map.Entry<TenantShardId, List<TimelineData>> e : shards.entrySet()) {
            for (TimelineData t : e.getValue()) {
                for (Layer l : layersOf(t)) {
                    wanted += l.size();
                    if (residenceOf(e.getKey(), t.id(), l).resident()) {
                        used += l.size();
                    }
                }
            }
        }
        long score = Math.max(wanted * 1_000_000 / DISK_BYTES, shardCount * 1_000_000L / MAX_SHARDS);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("disk_usage_bytes", used);
        n.put("free_space_bytes", DISK_BYTES - used);
        n.put("disk_wanted_bytes", wanted);
        n.put("disk_usable_pct", 100);
        n.put("shard_count", shardCount);
        n.put("max_shard_count", MAX_SHARDS);
        n.put("utilization_score", score);
        n.put("captured_at", Rfc3339Millis.format(timing.now()));
        return n;
    }

    /** humantime's {@code format_rfc3339_millis}, as utils/src/serde_system_time.rs writes {@code captured_at}. */
    static final class Rfc3339Millis {
        private Rfc3339Millis() { }

        static String format(Instant at) {
            return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(at);
        }
    }
}
