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
     * TimelineCreateRequest, then the tenant's permission, then {@link SafekeeperNode#create} ({@code GlobalTimelines::create});
     * 200 null whether it was created or already there.
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
        node.create(new SafekeeperNode.Ttid(tenant, timeline), mconf, pgVersion, systemId, walSegSize, start, commit);
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
        SafekeeperNode.Switched switched = node.membershipSwitch(t, to);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("previous_conf", switched.previous());
        out.set("current_conf", switched.current());
        out.put("last_log_term", switched.lastLogTerm());
        out.put("flush_lsn", switched.flushLsn());
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
