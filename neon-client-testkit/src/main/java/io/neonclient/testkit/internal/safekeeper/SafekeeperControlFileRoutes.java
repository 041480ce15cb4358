package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PATCH /v1/tenant/{tenant_id}/timeline/{timeline_id}/control_file} (safekeeper/src/http/routes.rs
 * {@code patch_control_file_handler}, safekeeper/src/patch_control_file.rs): {@code {"updates": {…}, "apply_fields": […]}}
 * replaces the named top-level fields of the timeline's {@code TimelinePersistentState} and answers the state before
 * and after. Checks follow {@code json_apply_diff}: a field missing from {@code updates} or from the state is a 500, and
 * so is a value the state cannot hold. The simulation applies the LSN fields; any other field is refused with a 500
 * unless its value is unchanged (membership, terms and the server info have their own routes). The route decodes the
 * body and calls {@link SafekeeperControlFiles#patchControlFile}.
 */
public final class SafekeeperControlFileRoutes {
    /** {@code check_permission(&request, None)}: the safekeeper scope only, no tenant token. */
    private static final RouteAuth GLOBAL = (c, p) -> {
        if (!"safekeeperdata".equals(c.scope())) {
            throw HttpError.forbidden();
        }
    };

    private final SafekeeperNode node;
    private final SafekeeperControlFiles files;

    public SafekeeperControlFileRoutes(SafekeeperNode node, SafekeeperControlFiles files) {
        this.node = node;
        this.files = files;
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
        SafekeeperControlFiles.Patched patched = files.patchControlFile(t, body.get("updates"), apply);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("old_control_file", patched.oldControlFile());
        out.set("new_control_file", patched.newControlFile());
        return Reply.ok(out);
    }
}
