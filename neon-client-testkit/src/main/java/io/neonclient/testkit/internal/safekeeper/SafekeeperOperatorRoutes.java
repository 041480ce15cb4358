package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.Set;

/**
 * The safekeeper routes an operator uses around a migration or an incident (safekeeper/src/http/routes.rs):
 * {@code timeline_term_bump_handler}, {@code timeline_exclude_handler}, {@code timeline_snapshot_handler} and
 * {@code dump_debug_handler}. State lives in {@link SafekeeperNode} and {@link SafekeeperControlFiles}; these decode,
 * call them, and encode.
 */
public final class SafekeeperOperatorRoutes {
    private static final Set<String> DUMP_PARAMS = Set.of("dump_all", "dump_control_file", "dump_memory", "dump_disk_content",
            "dump_term_history", "dump_wal_last_modified", "tenant_id", "timeline_id");

    private final SafekeeperNode node;
    private final SafekeeperControlFiles files;

    public SafekeeperOperatorRoutes(SafekeeperNode node, SafekeeperControlFiles files) {
        this.node = node;
        this.files = files;
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
            return Reply.ok(Json.MAPPER.createObjectNode().put("dir_existed", node.excludeTimeline(ttid(x), mconf)));
        });
        r.add("GET", tl + "/snapshot/{destination_id}", sk, x -> {
            x.longParam("destination_id");
            return new Reply(200, files.streamSnapshot(ttid(x)), "application/octet-stream");
        });
        r.add("GET", "/v1/debug_dump", sk, this::debugDump);
        r.add("GET", "/v1/debug/filesystem_usage", sk, x -> Reply.ok(Json.MAPPER.createObjectNode()
                .put("data_dir", ".neon/safekeepers/sk" + node.id()).put("capacity_bytes", 100L << 30)
                .put("usage_bytes", node.filesystemUsage())));
        r.add("POST", tl + "/checkpoint", sk, x -> {
            node.checkpoint(ttid(x));
            return Reply.nullBody();
        });
        r.add("POST", tl + "/backup_partial_reset", sk, x -> Reply.ok(node.backupPartialReset(ttid(x))));
        return r;
    }

    private static SafekeeperNode.Ttid ttid(Exchange x) {
        return new SafekeeperNode.Ttid(x.tenantId(), x.timelineId());
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

        return Reply.ok(files.debugDump(new SafekeeperControlFiles.DumpArgs(controlFile, memory, disk, termHistory, walModified,
                tenant, timeline)));
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
}
