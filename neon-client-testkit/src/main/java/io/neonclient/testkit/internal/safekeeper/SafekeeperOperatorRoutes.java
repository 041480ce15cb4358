package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The safekeeper routes an operator uses around a migration or an incident (safekeeper/src/http/routes.rs):
 * {@code timeline_term_bump_handler}, {@code timeline_exclude_handler}, {@code timeline_snapshot_handler} and
 * {@code dump_debug_handler}. State lives in {@link SafekeeperNode}; these decode, call it, and encode.
 */
public final class SafekeeperOperatorRoutes {
    private static final Set<String> DUMP_PARAMS = Set.of("dump_all", "dump_control_file", "dump_memory", "dump_disk_content",
            "dump_term_history", "dump_wal_last_modified", "tenant_id", "timeline_id");

    private final SafekeeperNode node;
    private final Supplier<String> httpAddr;
    private final Timing timing;
    private final Instant started;

    public SafekeeperOperatorRoutes(SafekeeperNode node, Supplier<String> httpAddr, Timing timing) {
        this.node = node;
        this.httpAddr = httpAddr;
        this.timing = timing;
        this.started = timing.now();
    }

    public Router register(Router r) {
        RouteAuth sk = RouteAuth.component("safekeeperdata");
        String tl = "/v1/tenant/{tenant_id}/timeline/{timeline_id}";
        r.add("POST", tl + "/term_bump", sk, x -> {
            JsonNode term = x.object().get("term");
            if (term != null && !term.isNull() && (!term.canConvertToLong() || term.asLong() < 0)) {
                throw HttpError.badRequest("Failed to parse json request: invalid type for field `term`, expected u64");
            }
            return Reply.ok(node.termBump(ttid(x), term == null || term.isNull() ? null : term.asLong()));
        });
        r.add("PUT", tl + "/exclude", sk, x -> {
            ObjectNode mconf = SafekeeperMembership.parse(x.json(), "");
            // timeline_exclude_handler: a member must switch membership instead
            if (SafekeeperMembership.contains(mconf, node.id())) {
                throw HttpError.of(403, "Forbidden: refused to exclude timeline with " + SafekeeperMembership.display(mconf)
                        + ", node " + node.id() + " is member of it");
            }
            return Reply.ok(Json.MAPPER.createObjectNode().put("dir_existed", node.exclude(ttid(x), mconf)));
        });
        r.add("GET", tl + "/snapshot/{destination_id}", sk, x -> {
            x.longParam("destination_id");
            return new Reply(200, snapshot(node.status(ttid(x))), "application/octet-stream");
        });
        r.add("GET", "/v1/debug_dump", sk, this::debugDump);        r.add("GET", "/v1/debug/filesystem_usage", sk, x -> {
            long used = 0;
            for (SafekeeperNode.Ttid t : node.list()) {
                ObjectNode s = node.status(t);
                used += Lsn.parse(s.path("flush_lsn").asText()).minus(Lsn.parse(s.path("local_start_lsn").asText())) + 512;
            }
            return Reply.ok(Json.MAPPER.createObjectNode().put("data_dir", ".neon/safekeepers/sk" + node.id())
                    .put("capacity_bytes", 100L << 30).put("usage_bytes", used));
        });
        r.add("POST", tl + "/checkpoint", sk, x -> {
            // timeline_checkpoint_handler: the control file is persisted on every change here, so flushing finds it done
            node.require(ttid(x));
            return Reply.nullBody();
        });
        r.add("POST", tl + "/backup_partial_reset", sk, x -> Reply.ok(node.backupPartialReset(ttid(x))));

        return r;
    }

    private static SafekeeperNode.Ttid ttid(Exchange x) {
        return new SafekeeperNode.Ttid(x.tenantId(), x.timelineId());
    }

    /**
     * {@code stream_snapshot} (safekeeper/src/pull_timeline.rs): a tar of the control file and the WAL segments from
     * the local start to the flush position, the last one {@code .partial}. WAL bytes are zeros (the simulation keeps
     * no records) and the control file is the timeline's status as JSON.
     */
    private static byte[] snapshot(ObjectNode status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeEntry(out, "safekeeper.control", Json.encodeToString(status).getBytes(StandardCharsets.UTF_8));
        Lsn start = Lsn.parse(status.path("local_start_lsn").asText());
        Lsn flush = Lsn.parse(status.path("flush_lsn").asText());
        long seg = SafekeeperNode.WAL_SEGMENT_SIZE;
        for (long segno = start.value() / seg; segno * seg < flush.value(); segno++) {
            long end = Math.min(flush.value(), (segno + 1) * seg);
            boolean partial = end < (segno + 1) * seg;
            String name = String.format("%08X%08X%08X", 1, segno / 0x100, segno % 0x100) + (partial ? ".partial" : "");
            writeEntry(out, name, new byte[(int) (end - segno * seg)]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** One ustar entry: a 512-byte header with its checksum, then the content padded to whole blocks. */
    private static void writeEntry(ByteArrayOutputStream out, String name, byte[] content) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, String.format("%011o", 0));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.writeBytes(h);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    /** {@code dump_debug_handler} and {@code debug_dump::build} (safekeeper/src/debug_dump.rs). */
    private Reply debugDump(Exchange x) {
        if (x.body().length > 0) {
            throw HttpError.badRequest("Unexpected request body");
        }
        for (String k : x.query().keySet()) {
            if (!DUMP_PARAMS.contains(k)) {
                throw HttpError.badRequest("Unknown query parameter: " + k);
            }
        }
        boolean all = flag(x, "dump_all", false);
        boolean controlFile = flag(x, "dump_control_file", all);
        boolean memory = flag(x, "dump_memory", all);
        boolean disk = flag(x, "dump_disk_content", all);
        boolean termHistory = flag(x, "dump_term_history", true);
        boolean walModified = flag(x, "dump_wal_last_modified", all);
        TenantId tenant = x.query("tenant_id") == null ? null : parse(x, "tenant_id", TenantId::parse);
        TimelineId timeline = x.query("timeline_id") == null ? null : parse(x, "timeline_id", TimelineId::parse);

        Instant startTime = timing.now();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("start_time", startTime.toString());
        ArrayNode timelines = out.putArray("timelines");
        java.util.List<SafekeeperNode.Ttid> every = node.list();
        for (SafekeeperNode.Ttid t : every) {
            if ((tenant != null && !tenant.equals(t.tenant())) || (timeline != null && !timeline.equals(t.timeline()))) {
                continue;
            }
            ObjectNode status = node.status(t);
            ObjectNode d = timelines.addObject();
            d.put("tenant_id", t.tenant().toString());
            d.put("timeline_id", t.timeline().toString());
            d.set("control_file", controlFile ? controlFile(status, termHistory) : null);
            d.set("memory", memory ? memory(status) : null);
            d.set("disk_content", disk ? diskContent(status) : null);
            d.put("wal_last_modified", walModified ? startTime.toString() : null);
        }
        out.put("finish_time", timing.now().toString());
        out.put("timelines_count", every.size());
        ObjectNode config = out.putObject("config");
        config.put("id", node.id());
        config.put("workdir", ".neon/safekeepers/sk" + node.id());
        config.put("listen_pg_addr", "127.0.0.1:" + (5454 + node.id()));
        config.put("listen_http_addr", httpAddr.get());
        config.put("no_sync", false);
        config.put("max_offloader_lag_bytes", 128L * 1024 * 1024);
        config.put("wal_backup_enabled", true);
        return Reply.ok(out);
    }

    private static boolean flag(Exchange x, String name, boolean dflt) {
        String v = x.query(name);
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.badRequest("Malformed query parameter \"" + name + "\": " + v);
        };
    }

    private static <T> T parse(Exchange x, String name, java.util.function.Function<String, T> p) {
        try {
            return p.apply(x.query(name));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Malformed query parameter \"" + name + "\": " + x.query(name));
        }
    }

    /** {@code TimelinePersistentState} (safekeeper/src/state.rs) as serde writes it, from the timeline's state. */
    ObjectNode controlFile(ObjectNode status, boolean termHistory) {
        ObjectNode cf = Json.MAPPER.createObjectNode();
        cf.put("tenant_id", status.path("tenant_id").asText());
        cf.put("timeline_id", status.path("timeline_id").asText());
        cf.set("mconf", status.path("mconf").deepCopy());
        ObjectNode acceptor = cf.putObject("acceptor_state");
        acceptor.put("term", status.path("acceptor_state").path("term").asLong());
        ArrayNode history = acceptor.putArray("term_history");
        if (termHistory) {
            status.path("acceptor_state").path("term_history").forEach(e -> history.add(e.deepCopy()));
        }
        cf.set("server", status.path("pg_info").deepCopy());
        cf.put("proposer_uuid", "00000000000000000000000000000000");
        for (String lsn : new String[] {"timeline_start_lsn", "local_start_lsn", "commit_lsn", "backup_lsn", "peer_horizon_lsn",
                "remote_consistent_lsn"}) {
            cf.put(lsn, status.path(lsn).asText());
        }
        cf.putObject("partial_backup").putArray("segments");
        cf.put("eviction_state", "Present");
        cf.putObject("creation_ts").put("secs_since_epoch", started.getEpochSecond()).put("nanos_since_epoch", started.getNano());
        return cf;
    }

    /** The parts of {@code debug_dump::Memory} the simulation knows: no peers or walsenders, WAL written up to flush. */
    private static ObjectNode memory(ObjectNode status) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("is_cancelled", false);
        m.put("peers_info_len", 0);
        m.putArray("walsenders");
        m.put("wal_backup_active", false);
        m.put("active", false);
        m.put("num_computes", 0);
        m.put("last_removed_segno", 0);
        m.put("epoch_start_lsn", status.path("commit_lsn").asText());
        for (String lsn : new String[] {"write_lsn", "write_record_lsn", "flush_lsn"}) {
            m.put(lsn, status.path("flush_lsn").asText());
        }
        return m;
    }

    /** {@code build_disk_content}: the control file and the WAL segments a snapshot would carry. */
    private ObjectNode diskContent(ObjectNode status) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        ArrayNode files = d.putArray("files");
        String now = timing.now().toString();
        files.addObject().put("name", "safekeeper.control").put("size", 512).put("created", started.toString())
                .put("modified", now).put("start_zeroes", 0).put("end_zeroes", 0);
        Lsn start = Lsn.parse(status.path("local_start_lsn").asText());
        Lsn flush = Lsn.parse(status.path("flush_lsn").asText());
        long seg = SafekeeperNode.WAL_SEGMENT_SIZE;
        for (long segno = start.value() / seg; segno * seg < flush.value(); segno++) {
            long end = Math.min(flush.value(), (segno + 1) * seg);
            boolean partial = end < (segno + 1) * seg;
            files.addObject().put("name", String.format("%08X%08X%08X", 1, segno / 0x100, segno % 0x100) + (partial ? ".partial" : ""))
                    .put("size", seg).put("created", started.toString()).put("modified", now)
                    .put("start_zeroes", 0).put("end_zeroes", (segno + 1) * seg - end);
        }
        return d;
    }
}
