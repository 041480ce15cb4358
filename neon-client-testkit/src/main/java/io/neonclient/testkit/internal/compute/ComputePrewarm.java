package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.pageserver.Timelines;
import java.time.Duration;
import java.util.Map;

/**
 * One compute's Local File Cache prewarm and offload (compute_tools/src/compute_prewarm.rs) and its promotion from
 * replica to primary (compute_tools/src/compute_promote.rs {@code promote}, which needs a finished prewarm).
 *
 * <p>A second prewarm or offload while one runs is 429; each runs in the background for {@link #LFC_WORK} (upstream
 * time, scaled). Offloading stores the number of cached pages (the timeline's written data, in 8 KiB pages) under the
 * endpoint's id in an endpoint storage shared by the cluster's computes, {@code skipped} when there is none;
 * prewarming reads it back from this endpoint or {@code from_endpoint}, {@code skipped} when nothing was offloaded
 * there. Locking: this object's monitor guards the prewarm, offload and promotion states; the background work, the
 * timeline reads and the reconfiguration run without it. States are handed out as copies.
 */
public final class ComputePrewarm {
    /** How long a prewarm or offload runs (upstream time). */
    static final Duration LFC_WORK = Duration.ofSeconds(2);

    private final ComputeNode node;
    private final Map<String, Long> endpointStorage;
    private final Timelines timelines;
    private final Timing timing;
    private ObjectNode prewarm = state("not_prewarmed");
    private ObjectNode offload = state("not_offloaded");
    private ObjectNode promoted;
    private long prewarmGeneration;

    public ComputePrewarm(ComputeNode node, Map<String, Long> endpointStorage, Timelines timelines, Timing timing) {
        this.node = node;
        this.endpointStorage = endpointStorage;
        this.timelines = timelines;
        this.timing = timing;
    }

    private static ObjectNode state(String status) {
        return Json.MAPPER.createObjectNode().put("status", status);
    }

    /**
     * compute_promote.rs {@code promote}: the first call's outcome is kept and answered again; a compute that is not a
     * replica, or whose prewarm has not finished, fails (500); a flush LSN beyond the timeline's WAL is never caught
     * up with; then the new spec is applied with the compute as primary.
     */
    public ObjectNode promote(ObjectNode spec, String walFlushLsn) {
        synchronized (this) {
            if (promoted != null) {
                return promoted.deepCopy();
            }
        }
        ObjectNode outcome = promotion(spec, walFlushLsn);
        synchronized (this) {
            promoted = outcome;
        }
        return outcome.deepCopy();
    }

    private ObjectNode promotion(ObjectNode newSpec, String flushText) {
        String mode = ComputeNode.mode(node.spec());
        if (!mode.equals("replica")) {
            return failed("compute mode \"" + mode + "\" is not replica");
        }
        String prewarmStatus;
        synchronized (this) {
            prewarmStatus = prewarm.path("status").asText();
        }
        if (prewarmStatus.equals("not_prewarmed") || prewarmStatus.equals("prewarming")) {
            return failed("compute " + (prewarmStatus.equals("prewarming") ? "Prewarming" : "NotPrewarmed"));
        }
        long waitStarted = System.nanoTime();
        Lsn flush;
        Lsn replayed;
        try {
            flush = Lsn.parse(flushText);
            replayed = timelines.find(TenantShardId.unsharded(node.tenant()), node.timeline()).lastRecordLsn();
        } catch (IllegalArgumentException | HttpError e) {
            return failed(e.getMessage());
        }
        if (flush.isAfter(replayed)) {
            return failed("didn't catch up with primary in 10 retries");
        }
        long waited = (System.nanoTime() - waitStarted) / 1_000_000;
        ObjectNode primary = newSpec.deepCopy();
        primary.put("mode", "Primary");
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.set("spec", primary);
        request.putObject("compute_ctl_config").putObject("jwks").putArray("keys");
        long reconfigureStarted = System.nanoTime();
        try {
            node.configure(request);
        } catch (HttpError e) {
            return failed(e.getMessage());
        }
        return state("completed").put("lsn_wait_time_ms", waited).put("pg_promote_time_ms", 0)
                .put("reconfigure_time_ms", (System.nanoTime() - reconfigureStarted) / 1_000_000);
    }

    private static ObjectNode failed(String error) {
        return state("failed").put("error", error);
    }

    private String endpoint() {
        ObjectNode spec = node.spec();
        return spec != null && spec.hasNonNull("endpoint_id") ? spec.get("endpoint_id").asText() : node.computeId();
    }

    /** compute_prewarm.rs {@code lfc_prewarm_state}. */
    public synchronized ObjectNode lfcPrewarmState() {
        return prewarm.deepCopy();
    }

    /** compute_prewarm.rs {@code lfc_offload_state}. */
    public synchronized ObjectNode lfcOffloadState() {
        return offload.deepCopy();
    }

    /** compute_prewarm.rs {@code cancel_prewarm}: a running prewarm ends as {@code cancelled}. */
    public synchronized void cancelPrewarm() {
        if (prewarm.path("status").asText().equals("prewarming")) {
            prewarmGeneration++;
            prewarm = state("cancelled");
        }
    }

    /**
     * compute_prewarm.rs {@code prewarm_lfc}: 429 while one runs; in the background, reads what was offloaded under
     * {@code fromEndpoint} (null: this endpoint) and ends {@code completed}, or {@code skipped} when nothing was.
     */
    public void prewarmLfc(String fromEndpoint) {
        long generation;
        synchronized (this) {
            if (prewarm.path("status").asText().equals("prewarming")) {
                throw HttpError.of(429, "Multiple requests for prewarm are not allowed");
            }
            prewarm = state("prewarming");
            generation = ++prewarmGeneration;
        }
        String source = fromEndpoint != null ? fromEndpoint : endpoint();
        Thread.ofVirtual().start(() -> {
            sleep();
            Long pages = endpointStorage.get(source);
            synchronized (this) {
                if (prewarmGeneration != generation) {
                    return;
                }
                prewarm = pages == null ? state("skipped") : state("completed").put("total", pages).put("prewarmed", pages)
                        .put("skipped", 0).put("state_download_time_ms", 1).put("uncompress_time_ms", 0)
                        .put("prewarm_time_ms", timing.millis(LFC_WORK));
            }
        });
    }

    /**
     * compute_prewarm.rs {@code offload_lfc}: 429 while one runs; in the background, stores the cached pages under
     * this endpoint and ends {@code completed}, or {@code skipped} when the cache is empty.
     */
    public void offloadLfc() {
        synchronized (this) {
            if (offload.path("status").asText().equals("offloading")) {
                throw HttpError.of(429, "Multiple requests for prewarm offload are not allowed");
            }
            offload = state("offloading");
        }
        Thread.ofVirtual().start(() -> {
            sleep();
            long pages = cachedPages();
            if (pages > 0) {
                endpointStorage.put(endpoint(), pages);
            }
            synchronized (this) {
                offload = pages == 0 ? state("skipped") : state("completed").put("state_query_time_ms", 1)
                        .put("compress_time_ms", 0).put("state_upload_time_ms", timing.millis(LFC_WORK));
            }
        });
    }

    /** The pages the cache holds: the timeline's data written since initdb, when the compute runs. */
    private long cachedPages() {
        if (node.status() != ComputeStatus.RUNNING || node.tenant() == null) {
            return 0;
        }
        try {
            TimelineData t = timelines.find(TenantShardId.unsharded(node.tenant()), node.timeline());
            return (t.lastRecordLsn().minus(t.initdbLsn()) + 8191) / 8192;
        } catch (HttpError e) {
            return 0;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(timing.millis(LFC_WORK));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
