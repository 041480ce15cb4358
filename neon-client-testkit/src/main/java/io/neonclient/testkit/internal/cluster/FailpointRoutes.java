package io.neonclient.testkit.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.testkit.Component;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's failpoint route on one server: {@code PUT /v1/failpoints} on pageservers and safekeepers,
 * {@code PUT /debug/v1/failpoints} on the controller (pageserver/src/http/routes.rs, safekeeper/src/http/routes.rs,
 * storage_controller/src/http.rs, all calling {@code failpoints_handler} of libs/http-utils/src/failpoints.rs). The
 * body is {@code ConfigureFailpointsRequest}, {@code [{"name": .., "actions": ..}]}; the answer is 200 {@code null}.
 * A bad action string is a 400 {@code Failed to configure failpoints: ..}; the failpoints before it in the list stay
 * configured, as upstream applies them one by one.
 */
final class FailpointRoutes {
    private final Failpoints failpoints;
    private final Component component;

    FailpointRoutes(Failpoints failpoints, Component component) {
        this.failpoints = failpoints;
        this.component = component;
    }

    /**
     * Registers the route with {@code auth}: pageserver and safekeeper check their API scope
     * ({@code check_permission(&r, None)}); the controller's handler checks no scope.
     */
    Router register(Router r, String path, RouteAuth auth) {
        r.add("PUT", path, auth, x -> {
            JsonNode body = x.json();
            if (body == null || !body.isArray()) {
                throw HttpError.badRequest("Failed to parse json request: invalid type: expected a sequence");
            }
            List<String[]> pairs = new ArrayList<>();
            for (JsonNode fp : body) {
                JsonNode name = fp.get("name");
                JsonNode actions = fp.get("actions");
                if (name == null || !name.isTextual()) {
                    throw HttpError.badRequest("Failed to parse json request: missing field `name`");
                }
                if (actions == null || !actions.isTextual()) {
                    throw HttpError.badRequest("Failed to parse json request: missing field `actions`");
                }
                pairs.add(new String[] {name.asText(), actions.asText()});
            }
            for (String[] p : pairs) {
                try {
                    failpoints.configure(component, p[0], p[1]);
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest("Failed to configure failpoints: " + e.getMessage());
                }
            }
            return Reply.nullBody();
        });
        return r;
    }
}
