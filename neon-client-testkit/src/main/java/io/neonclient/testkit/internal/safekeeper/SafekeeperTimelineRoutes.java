package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Claims;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.math.BigInteger;

/**
 * A safekeeper's timeline lifecycle routes (safekeeper/src/http/routes.rs): {@code POST /v1/tenant/timeline}
 * ({@code timeline_create_handler}), {@code DELETE /v1/tenant/{tenant_id}} and its timeline
 * ({@code tenant_delete_handler}, {@code timeline_delete_handler}) and {@code PUT …/membership}
 * ({@code timeline_membership_handler}).
 */
public final class SafekeeperTimelineRoutes {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final SafekeeperNode node;

    public SafekeeperTimelineRoutes(SafekeeperNode node) {
        this.node = node;
    }

    public Router register(Router r) {
        RouteAuth sk = RouteAuth.component("safekeeperdata");
        String tl = "/v1/tenant/{tenant_id}/timeline/{timeline_id}";
        r.add("POST", "/v1/tenant/timeline", RouteAuth.ANY, this::create);
        r.add("DELETE", "/v1/tenant/{tenant_id}", sk, x -> {
            x.queryBool("only_local");
            noBody(x);
            ObjectNode out = Json.MAPPER.createObjectNode();
            node.deleteTenant(x.tenantId()).forEach((id, existed) -> out.putObject(id.toString()).put("dir_existed", existed));
            return Reply.ok(out);
        });
        r.add("DELETE", tl, sk, x -> {
            SafekeeperNode.Ttid t = new SafekeeperNode.Ttid(x.tenantId(), x.timelineId());
            // only_local keeps the WAL in remote storage; this safekeeper's copy goes either way
            x.queryBool("only_local");
            noBody(x);
            return Reply.ok(Json.MAPPER.createObjectNode().put("dir_existed", node.delete(t)));
        });
        r.add("PUT", tl + "/membership", sk, this::membership);
        return r;
    }

    /** http-utils {@code ensure_no_body}. */
    private static void noBody(Exchange x) {
        if (x.body().length > 0) {
            throw HttpError.badRequest("Unexpected request body");
        }
    }

    /**
     * TimelineCreateRequest, then the tenant's permission, then {@code GlobalTimelines::create}: an existing timeline
     * is left as is (200), a deleted one is refused, and {@code TimelinePersistentState::new} checks the server info
     * and LSNs (all 500). The new timeline starts in term 0 with history [(0, start_lsn)] and every LSN at start_lsn
     * but commit_lsn (and flush_lsn, where find_end_of_wal starts) at commit_lsn.
     */
    private Reply create(Exchange x) {
        ObjectNode b = x.object();
        TenantId tenant = bodyId(b, "tenant_id", TenantId::parse);
        TimelineId timeline = bodyId(b, "timeline_id", TimelineId::parse);
        if (!b.has("mconf")) {
            throw HttpError.badRequest("Failed to parse json request: missing field `mconf`");
        }
        ObjectNode mconf = SafekeeperMembership.parse(b.get("mconf"), "mconf");
        long pgVersion = u32(b, "pg_version");
        BigInteger systemId = b.hasNonNull("system_id") ? systemId(b.get("system_id")) : BigInteger.ZERO;
        long walSegSize = b.hasNonNull("wal_seg_size") ? u32(b, "wal_seg_size") : SafekeeperNode.WAL_SEGMENT_SIZE;
        Lsn start = lsn(b, "start_lsn", true);
        Lsn commit = b.hasNonNull("commit_lsn") ? lsn(b, "commit_lsn", true) : start;
        Claims c = x.claims();
        if (c.scope() != null && !"safekeeperdata".equals(c.scope()) && !("tenant".equals(c.scope()) && tenant.toString().equals(c.tenantId()))) {
            throw HttpError.forbidden();
        }
        SafekeeperNode.Ttid t = new SafekeeperNode.Ttid(tenant, timeline);
        if (node.lookup(t) == SafekeeperNode.Lookup.PRESENT) {
            return Reply.nullBody();
        }
        if (node.hasTombstone(t)) {
            throw HttpError.internal("Timeline " + t + " has been deleted");
        }
        if (walSegSize == 0) {
            throw HttpError.internal("Timeline " + t + " is not initialized, wal_seg_size is zero");
        }
        if (pgVersion == 0) {
            throw HttpError.internal("Timeline " + t + " is not initialized, pg_version is unknown");
        }
        if (commit.isBefore(start)) {
            throw HttpError.internal("commit_lsn " + commit + " is smaller than start_lsn " + start);
        }
        ObjectNode pgInfo = Json.MAPPER.createObjectNode();
        pgInfo.put("pg_version", pgVersion).put("system_id", systemId).put("wal_seg_size", walSegSize);
        SafekeeperNode.Held h = new SafekeeperNode.Held(mconf, pgInfo, start, start);
        h.commit = commit;
        h.flush = commit;
        h.backup = start;
        h.peerHorizon = start;
        if (!commit.equals(Lsn.ZERO)) {
            h.termHistory.addObject().put("term", 0).put("lsn", start.toString());
        }
        node.install(t, h);
        return Reply.nullBody();
    }

    /**
     * The timeline must be here (404), the body is the Configuration itself (TimelineMembershipSwitchRequest is
     * {@code #[serde(transparent)]}), this safekeeper must be a member (403), then the switch: 200 with both
     * configurations when the requested generation is now current, else 409 (an older generation is ignored).
     */
    private Reply membership(Exchange x) {
        SafekeeperNode.Ttid t = new SafekeeperNode.Ttid(x.tenantId(), x.timelineId());
        node.require(t);
        ObjectNode to = SafekeeperMembership.parse(x.json(), "");
        if (!SafekeeperMembership.contains(to, node.id())) {
            throw HttpError.of(403, "Forbidden: refused to switch into " + SafekeeperMembership.display(to) + ", node " + node.id()
                    + " is not a member of it");
        }
        ObjectNode[] switched = node.switchMembership(t, to);
        long requested = SafekeeperMembership.generation(to);
        long current = SafekeeperMembership.generation(switched[1]);
        if (requested != current) {
            throw HttpError.conflict("request to switch into " + requested + " ignored, current generation " + current);
        }
        ObjectNode status = node.status(t);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("previous_conf", switched[0]);
        out.set("current_conf", switched[1]);
        out.put("last_log_term", status.path("acceptor_state").path("epoch").asLong());
        out.put("flush_lsn", status.path("flush_lsn").asText());
        return Reply.ok(out);
    }

    interface Parser<T> {
        T parse(String text);
    }

    static <T> T bodyId(ObjectNode b, String field, Parser<T> parser) {
        JsonNode n = b.get(field);
        if (n == null) {
            throw HttpError.badRequest("Failed to parse json request: missing field `" + field + "`");
        }
        try {
            return parser.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": " + e.getMessage());
        }
    }

    static Lsn lsn(ObjectNode b, String field, boolean required) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw HttpError.badRequest("Failed to parse json request: missing field `" + field + "`");
            }
            return null;
        }
        try {
            return Lsn.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": " + e.getMessage());
        }
    }

    private static long u32(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null) {
            throw HttpError.badRequest("Failed to parse json request: missing field `" + field + "`");
        }
        if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > 0xFFFF_FFFFL) {
            throw HttpError.badRequest("Failed to parse json request: " + field + ": invalid value: " + n + ", expected u32");
        }
        return n.asLong();
    }

    private static BigInteger systemId(JsonNode n) {
        if (!n.isIntegralNumber() || n.bigIntegerValue().signum() < 0 || n.bigIntegerValue().compareTo(U64_MAX) > 0) {
            throw HttpError.badRequest("Failed to parse json request: system_id: invalid value: " + n + ", expected u64");
        }
        return n.bigIntegerValue();
    }
}
