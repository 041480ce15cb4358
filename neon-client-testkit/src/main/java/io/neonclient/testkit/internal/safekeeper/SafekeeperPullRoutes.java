package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * A safekeeper's {@code POST /v1/pull_timeline} (safekeeper/src/pull_timeline.rs {@code handle_request}),
 * {@code POST /v1/tenant/{tenant_id}/timeline/{source_timeline_id}/copy} (safekeeper/src/copy_timeline.rs) and
 * {@code GET …/digest} ({@code timeline_digest_handler}). Pull and copy take only a {@code safekeeperdata} token. The
 * routes decode, call {@link SafekeeperPull} and encode.
 */
public final class SafekeeperPullRoutes {
    private final SafekeeperPull pull;

    public SafekeeperPullRoutes(SafekeeperPull pull) {
        this.pull = pull;
    }

    public Router register(Router r) {
        r.add("POST", "/v1/pull_timeline", SafekeeperRoutes.SAFEKEEPER_DATA, this::pull);
        r.add("POST", "/v1/tenant/{tenant_id}/timeline/{source_timeline_id}/copy", SafekeeperRoutes.SAFEKEEPER_DATA, this::copy);
        r.add("GET", "/v1/tenant/{tenant_id}/timeline/{timeline_id}/digest", RouteAuth.component("safekeeperdata"), x -> {
            SafekeeperNode.Ttid t = new SafekeeperNode.Ttid(x.tenantId(), x.timelineId());
            Lsn from = queryLsn(x, "from_lsn");
            Lsn until = queryLsn(x, "until_lsn");
            return Reply.ok(Json.MAPPER.createObjectNode().put("sha256", pull.calculateDigest(t, from, until)));
        });
        return r;
    }

    /** PullTimelineRequest {tenant_id, timeline_id, http_hosts, mconf?}; the answer names the donor (null: none). */
    private Reply pull(Exchange x) {
        ObjectNode b = x.object();
        TenantId tenant = SafekeeperTimelineRoutes.bodyId(b, "tenant_id", TenantId::parse);
        TimelineId timeline = SafekeeperTimelineRoutes.bodyId(b, "timeline_id", TimelineId::parse);
        JsonNode hostsNode = b.get("http_hosts");
        if (hostsNode == null) {
            throw HttpError.badRequest("Failed to parse json request: missing field `http_hosts`");
        }
        if (!hostsNode.isArray()) {
            throw HttpError.badRequest("Failed to parse json request: http_hosts: invalid type: " + hostsNode + ", expected a sequence");
        }
        List<String> hosts = new ArrayList<>();
        for (JsonNode h : hostsNode) {
            if (!h.isTextual()) {
                throw HttpError.badRequest("Failed to parse json request: http_hosts: invalid type: " + h + ", expected a string");
            }
            hosts.add(h.asText());
        }
        ObjectNode mconf = b.hasNonNull("mconf") ? SafekeeperMembership.parse(b.get("mconf"), "mconf") : null;
        String donor = pull.pullTimeline(new SafekeeperNode.Ttid(tenant, timeline), hosts, mconf);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("safekeeper_host", donor);
        return Reply.ok(out);
    }

    /** TimelineCopyRequest {target_timeline_id, until_lsn}; 200 null. */
    private Reply copy(Exchange x) {
        ObjectNode b = x.object();
        TimelineId target = SafekeeperTimelineRoutes.bodyId(b, "target_timeline_id", TimelineId::parse);
        Lsn until = SafekeeperTimelineRoutes.lsn(b, "until_lsn", true);
        TenantId tenant = x.tenantId();
        TimelineId sourceId;
        try {
            sourceId = TimelineId.parse(x.param("source_timeline_id"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Cannot parse timeline id '" + x.param("source_timeline_id") + "': " + e.getMessage());
        }
        pull.copyTimeline(new SafekeeperNode.Ttid(tenant, sourceId), new SafekeeperNode.Ttid(tenant, target), until);
        return Reply.nullBody();
    }

    private static Lsn queryLsn(Exchange x, String name) {
        String v = x.query(name);
        if (v == null) {
            throw HttpError.badRequest(name + " is required");
        }
        try {
            return Lsn.parse(v);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse " + name + ": " + e.getMessage());
        }
    }
}
