package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /v1/tenant/{tenant_id}/timeline/{timeline_id}/control_file} (safekeeper/src/http/routes.rs
 * {@code patch_control_file_handler}, safekeeper/src/patch_control_file.rs): {@code {"updates": {…}, "apply_fields": […]}}
 * replaces the named top-level fields of the timeline's {@code TimelinePersistentState} and answers the state before
 * and after. Checks follow {@code json_apply_diff}: a field missing from {@code updates} or from the state is a 500, and
 * so is a value the state cannot hold. The simulation applies the LSN fields; any other field is refused with a 500
 * unless its value is unchanged (membership, terms and the server info have their own routes).
 */
public final class SafekeeperControlFileRoutes {
    private static final Set<String> LSN_FIELDS = Set.of("timeline_start_lsn", "local_start_lsn", "commit_lsn", "backup_lsn",
            "peer_horizon_lsn", "remote_consistent_lsn");
    /** {@code check_permission(&request, None)}: the safekeeper scope only, no tenant token. */
    private static final RouteAuth GLOBAL = (c, p) -> {
        if (!"safekeeperdata".equals(c.scope())) {
            throw HttpError.forbidden();
        }
    };

    private final SafekeeperNode node;
    private final SafekeeperOperatorRoutes operator;

    public SafekeeperControlFileRoutes(SafekeeperNode node, SafekeeperOperatorRoutes operator) {
        this.node = node;
        this.operator = operator;
    }

    public Router register(Router r) {
        r.add("PATCH", "/v1/tenant/{tenant_id}/timeline/{timeline_id}/control_file", GLOBAL, this::patch);
        return r;
    }

    private Reply patch(Exchange x) {
        SafekeeperNode.Ttid t = new SafekeeperNode.Ttid(x.tenantId(), x.timelineId());
        node.require(t);
        ObjectNode body = x.object();
        if (!body.has("updates")) {
            throw HttpError.badRequest("Failed to parse json request: missing field `updates`");
        }
        JsonNode fields = body.get("apply_fields");
        if (fields == null || !fields.isArray()) {
            throw HttpError.badRequest("Failed to parse json request: missing field `apply_fields`");
        }
        List<String> apply = new ArrayList<>();
        fields.forEach(f -> apply.add(f.asText()));
        JsonNode updates = body.get("updates");
        ObjectNode old = operator.controlFile(node.status(t), true);
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
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("old_control_file", old);
        out.set("new_control_file", operator.controlFile(node.status(t), true));
        return Reply.ok(out);
    }
}
