package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The gc-compaction jobs scheduled on one pageserver's timelines ({@code PUT …/compact} with {@code "scheduled": true}),
 * after {@code GcCompactionQueue} (pageserver/src/tenant/timeline/compaction.rs): ids count up per queue, the tenant's
 * compaction loop takes one job per {@code compaction_period} (upstream time, scaled, from the job's scheduling), and
 * {@code cancel_scheduled} drops the queued ones. The simulation has no layers, so a job finishes as soon as the loop
 * takes it: a listing shows queued jobs only, never a running one. A request that waits for its scheduled compaction
 * ({@code wait_until_scheduled_compaction_done}) runs the queue up to its job at once.
 *
 * <p>Locking: every method is synchronized on this object.
 */
final class GcCompactionQueue {
    private record Job(long id, JsonNode keyRange, JsonNode lsnRange, boolean subCompaction, Instant due) { }

    private record Key(TenantShardId shard, TimelineId timeline) { }

    private final Map<Key, Deque<Job>> queues = new HashMap<>();
    private final Map<Key, Long> lastId = new HashMap<>();

    /** {@code schedule_manual_compaction}: queues a job; answers its id. */
    synchronized long schedule(TenantShardId shard, TimelineId timeline, JsonNode request, Instant now, Duration period) {
        Key k = new Key(shard, timeline);
        Deque<Job> q = queues.computeIfAbsent(k, x -> new ArrayDeque<>());
        drain(q, now);
        long id = lastId.merge(k, 1L, Long::sum) - 1;
        Instant after = q.isEmpty() ? now : q.peekLast().due();
        q.addLast(new Job(id, orNull(request, "compact_key_range"), orNull(request, "compact_lsn_range"),
                request.path("sub_compaction").asBoolean(false), after.plus(period)));
        return id;
    }

    /** Runs the queue up to and including job {@code id} (a request waiting for its scheduled compaction). */
    synchronized void runThrough(TenantShardId shard, TimelineId timeline, long id) {
        Deque<Job> q = queues.getOrDefault(new Key(shard, timeline), new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst().id() <= id) {
            q.removeFirst();
        }
    }

    /** {@code get_scheduled_compaction_tasks}: {@code CompactInfoResponse} entries of the jobs still queued. */
    synchronized ArrayNode list(TenantShardId shard, TimelineId timeline, Instant now) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Deque<Job> q = queues.get(new Key(shard, timeline));
        if (q == null) {
            return out;
        }
        drain(q, now);
        for (Job j : q) {
            ObjectNode n = out.addObject();
            n.set("compact_key_range", j.keyRange());
            n.set("compact_lsn_range", j.lsnRange());
            n.put("sub_compaction", j.subCompaction());
            n.put("running", false);
            n.put("job_id", j.id());
        }
        return out;
    }

    /** {@code cancel_scheduled}: drops every queued job of the timeline. */
    synchronized void cancel(TenantShardId shard, TimelineId timeline) {
        Deque<Job> q = queues.get(new Key(shard, timeline));
        if (q != null) {
            q.clear();
        }
    }

    private static void drain(Deque<Job> q, Instant now) {
        while (!q.isEmpty() && !q.peekFirst().due().isAfter(now)) {
            q.removeFirst();
        }
    }

    private static JsonNode orNull(JsonNode request, String field) {
        JsonNode v = request.get(field);
        return v == null ? Json.MAPPER.nullNode() : v.deepCopy();
    }
}
