package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate} (storage_controller/src/http.rs
 * {@code handle_tenant_timeline_locate}, scope admin): where the controller placed a timeline's WAL, read from the
 * same record {@code safekeeper_migrate} updates; and {@code POST …/import} ({@code handle_timeline_import}, scope
 * pageserverapi), which writes that record directly.
 */
public final class StorconTimelineLocateRoutes {
    private final SafekeeperPlacement placement;

    public StorconTimelineLocateRoutes(Storcon sc) {
        this.placement = new SafekeeperPlacement(sc);
    }

    public void register(Router r) {
        r.add("GET", "/debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate", RouteAuth.storcon("admin"),
                x -> Reply.ok(placement.locate(x.tenantId(), x.timelineId())));
        r.add("POST", "/debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/import", RouteAuth.storcon("pageserverapi"),
                this::timelineImport);
    }

    /**
     * {@code handle_timeline_import}: a {@code TimelineImportRequest} body whose ids must match the path (400 naming
     * both), then {@code timeline_import}; 200 {@code null}.
     */
    private Reply timelineImport(Exchange x) {
        TenantId tenant = x.tenantId();
        TimelineId timeline = x.timelineId();
        ObjectNode body = x.object();
        for (String f : new String[] {"tenant_id", "timeline_id", "start_lsn", "sk_set", "force_upsert"}) {
            if (!body.has(f)) {
                throw HttpError.badRequest("Failed to parse json request: missing field `" + f + "`");
            }
        }
        TenantId bodyTenant;
        TimelineId bodyTimeline;
        try {
            bodyTenant = TenantId.parse(body.get("tenant_id").asText());
            bodyTimeline = TimelineId.parse(body.get("timeline_id").asText());
            Lsn.parse(body.get("start_lsn").asText());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse json request: " + e.getMessage());
        }
        List<Long> skSet = new ArrayList<>();
        for (JsonNode id : body.get("sk_set")) {
            if (!id.canConvertToLong() || id.asLong() < 0) {
                throw HttpError.badRequest("Failed to parse json request: sk_set: invalid node id " + id);
            }
            skSet.add(id.asLong());
        }
        if (!bodyTenant.equals(tenant) || !bodyTimeline.equals(timeline)) {
            throw HttpError.badRequest("tenant id or timeline id mismatch: url=" + tenant + "/" + timeline + ", body="
                    + bodyTenant + "/" + bodyTimeline);
        }
        placement.timelineImport(tenant, timeline, skSet);
        return Reply.nullBody();
    }
}
