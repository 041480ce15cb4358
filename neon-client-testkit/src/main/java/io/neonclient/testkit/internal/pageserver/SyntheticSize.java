package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A tenant's synthetic size as {@code GET /v1/tenant/{tenant_shard_id}/synthetic_size} answers it
 * ({@code tenant_size_handler} in pageserver/src/http/routes.rs): the storage model of pageserver/src/tenant/size.rs
 * (per timeline a {@code BranchStart}, a {@code BranchPoint} where each child branches off, a {@code BranchEnd} at
 * the last record LSN) and the calculation of libs/tenant_size_model. With the default seven-day PITR window every
 * segment after the root's start is needed: the root's start is a logical snapshot ({@code SnapshotHere}) and every
 * other segment keeps its WAL ({@code Wal}), so the size is the root's logical size at its start plus all WAL written
 * since, on every branch.
 */
final class SyntheticSize {

    private record Point(TimelineData timeline, Lsn lsn, String kind) { }

    private SyntheticSize() {
    }

    /** TenantHistorySize; {@code inputsOnly} leaves {@code size} and {@code segment_sizes} null. */
    static ObjectNode of(TenantId tenant, RemoteStorage.TenantData data, Instant now, boolean inputsOnly) {
        List<TimelineData> timelines;
        synchronized (data) {
            timelines = data.visible();
        }
        // parents before children, so a child's BranchStart can name its parent's BranchPoint
        timelines.sort(Comparator.comparing((TimelineData t) -> depth(t, data)).thenComparing(t -> t.id().toString()));
        List<Point> points = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        Map<String, Integer> branchPointIndex = new HashMap<>();
        for (TimelineData t : timelines) {
            Lsn start = t.ancestor() == null ? t.initdbLsn() : t.ancestorLsn();
            Integer parent = t.ancestor() == null ? null : branchPointIndex.get(t.ancestor() + "@" + start);
            points.add(new Point(t, start, "BranchStart"));
            parents.add(parent);
            int previous = points.size() - 1;
            TreeSet<Lsn> childPoints = new TreeSet<>();
            for (TimelineData c : timelines) {
                if (t.id().equals(c.ancestor())) {
                    childPoints.add(c.ancestorLsn());
                }
            }
            for (Lsn at : childPoints) {
                points.add(new Point(t, at, "BranchPoint"));
                parents.add(previous);
                previous = points.size() - 1;
                branchPointIndex.put(t.id() + "@" + at, previous);
            }
            points.add(new Point(t, t.lastRecordLsn(), "BranchEnd"));
            parents.add(previous);
        }

        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", tenant.toString());
        ObjectNode inputs = Json.MAPPER.createObjectNode();
        ArrayNode segments = inputs.putArray("segments");
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            ObjectNode meta = segments.addObject();
            ObjectNode seg = meta.putObject("segment");
            if (parents.get(i) == null) {
                seg.putNull("parent");
            } else {
                seg.put("parent", parents.get(i));
            }
            seg.put("lsn", p.lsn().value());
            seg.put("size", logicalSize(p.timeline(), p.lsn()));
            seg.put("needed", parents.get(i) != null);
            meta.put("timeline_id", p.timeline().id().toString());
            meta.put("kind", p.kind());
        }
        ArrayNode timelineInputs = inputs.putArray("timeline_inputs");
        for (TimelineData t : timelines) {
            ObjectNode ti = timelineInputs.addObject();
            ti.put("timeline_id", t.id().toString());
            if (t.ancestor() == null) {
                ti.putNull("ancestor_id");
            } else {
                ti.put("ancestor_id", t.ancestor().toString());
            }
            ti.put("ancestor_lsn", (t.ancestorLsn() == null ? Lsn.ZERO : t.ancestorLsn()).toString());
            ti.put("last_record", t.lastRecordLsn().toString());
            ti.put("latest_gc_cutoff", t.gcCutoff().toString());
            ti.put("next_pitr_cutoff", t.gcCutoff().toString());
            ti.putNull("retention_param_cutoff");
            ArrayNode leases = ti.putArray("lease_points");
            t.leases().forEach((lsn, until) -> {
                if (!until.isBefore(now)) {
                    leases.add(lsn.toString());
                }
            });
        }
        if (inputsOnly) {
            out.putNull("size");
            out.putNull("segment_sizes");
        } else {
            long[] accum = new long[points.size()];
            for (int i = points.size() - 1; i >= 0; i--) {
                Integer parent = parents.get(i);
                if (parent != null) {
                    accum[parent] += accum[i] + (points.get(i).lsn().value() - points.get(parent).lsn().value());
                }
            }
            long total = 0;
            ArrayNode sizes = Json.MAPPER.createArrayNode();
            for (int i = 0; i < points.size(); i++) {
                boolean root = parents.get(i) == null;
                long size = root ? accum[i] + logicalSize(points.get(i).timeline(), points.get(i).lsn()) : accum[i];
                sizes.addObject().put("method", root ? "SnapshotHere" : "Wal").put("accum_size", size);
                if (root) {
                    total += size;
                }
            }
            out.put("size", total);
            out.set("segment_sizes", sizes);
        }
        out.set("inputs", inputs);
        return out;
    }

    /** The timeline's logical size at {@code lsn}, as its {@code current_logical_size} grows with WAL. */
    private static long logicalSize(TimelineData t, Lsn lsn) {
        return t.logicalSize() + Math.max(0, lsn.value() - t.initdbLsn().value());
    }

    private static int depth(TimelineData t, RemoteStorage.TenantData data) {
        int d = 0;
        TimelineData at = t;
        while (at.ancestor() != null && d < 64) {
            at = data.stored(at.ancestor());
            if (at == null) {
                break;
            }
            d++;
        }
        return d;
    }
}
