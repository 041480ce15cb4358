package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A safekeeper's timelines as files and dumps: the control file as serde writes {@code TimelinePersistentState}
 * (safekeeper/src/state.rs), patched by safekeeper/src/patch_control_file.rs {@code handle_request}, the snapshot
 * pull_timeline.rs {@code stream_snapshot} sends, and safekeeper/src/debug_dump.rs {@code build}. Reads
 * {@link SafekeeperNode}'s state through its methods (under its monitor) and answers fresh JSON trees or bytes.
 */
public final class SafekeeperControlFiles {
    private static final Set<String> LSN_FIELDS = Set.of("timeline_start_lsn", "local_start_lsn", "commit_lsn", "backup_lsn",
            "peer_horizon_lsn", "remote_consistent_lsn");
    /** What {@code debug_dump::Args} asks for (query flags resolved against {@code dump_all}) and its filters (null: any). */
    public record DumpArgs(boolean controlFile, boolean memory, boolean diskContent, boolean termHistory, boolean walLastModified,
            TenantId tenant, TimelineId timeline) { }

    /** The control file before and after a patch. */
    public record Patched(ObjectNode oldControlFile, ObjectNode newControlFile) { }

    private final SafekeeperNode node;
    private final Supplier<String> httpAddr;
    private final Timing timing;
    private final Instant started;

    /** {@code httpAddr} is the listener's address as the safekeeper's config reports it. */
    public SafekeeperControlFiles(SafekeeperNode node, Supplier<String> httpAddr, Timing timing) {
        this.node = node;
        this.httpAddr = httpAddr;
        this.timing = timing;
        this.started = timing.now();
    }

    /**
     * patch_control_file.rs {@code handle_request} with {@code json_apply_diff}'s checks: a field missing from
     * {@code updates} or from the state is a 500, and so is a value the state cannot hold. The simulation applies the
     * LSN fields; any other field is refused with a 500 unless its value is unchanged (membership, terms and the
     * server info have their own routes).
     */
    public Patched patchControlFile(SafekeeperNode.Ttid t, JsonNode updates, List<String> apply) {
        ObjectNode old = controlFile(node.status(t), true);
        if (!updates.isObject()) {
            throw HttpError.internal("request.updates is not a json object");
        }
        Map<String, Lsn> lsns = new LinkedHashMap<>();
        for (String key : apply) {
            JsonNode value = updates.get(key);
            if (value == null) {
                throw HttpError.internal("key not found in request.updates: " + key);
            }
            if (!old.has(key)) {
                throw HttpError.internal("key not found in original object: " + key);
            }
            if (LSN_FIELDS.contains(key)) {
                try {
                    lsns.put(key, Lsn.parse(value.asText()));
                } catch (IllegalArgumentException e) {
                    throw HttpError.internal("invalid value for " + key + ": " + value);
                }
            } else if (!old.get(key).equals(value)) {
                throw HttpError.internal("the simulated safekeeper patches LSN fields only, not " + key);
            }
        }
        node.patchLsns(t, lsns);
        return new Patched(old, controlFile(node.status(t), true));
    }

    /** pull_timeline.rs {@code stream_snapshot} for timeline {@code t} (404 when it is not here). */
    public byte[] streamSnapshot(SafekeeperNode.Ttid t) {
        return snapshot(node.status(t));
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

    /** debug_dump.rs {@code build}: the dump of every timeline here that {@code args} selects, and the config. */
    public ObjectNode debugDump(DumpArgs args) {
        boolean controlFile = args.controlFile();
        boolean memory = args.memory();
        boolean disk = args.diskContent();
        boolean termHistory = args.termHistory();
        boolean walModified = args.walLastModified();
        TenantId tenant = args.tenant();
        TimelineId timeline = args.timeline();
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
        return out;
    }

    /** {@code TimelinePersistentState} (safekeeper/src/state.rs) as serde writes it, from the timeline's state. */
    private ObjectNode controlFile(ObjectNode status, boolean termHistory) {
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
