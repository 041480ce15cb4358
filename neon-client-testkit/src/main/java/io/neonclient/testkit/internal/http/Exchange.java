package io.neonclient.testkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.io.IOException;
import java.util.Map;

/**
 * One request as a handler sees it: path parameters from the route template, decoded query parameters and the
 * body. Parse failures become upstream's 400 answers.
 */
public record Exchange(String method, String path, Map<String, String> params, Map<String, String> query, byte[] body,
        Claims claims) {

    public String param(String name) {
        return params.get(name);
    }

    public TenantId tenantId() {
        String raw = params.get("tenant_id");
        try {
            return TenantId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Cannot parse tenant id '" + raw + "': " + e.getMessage());
        }
    }

    public TenantShardId tenantShardId() {
        String raw = params.get("tenant_shard_id");
        try {
            return TenantShardId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Cannot parse tenant shard id '" + raw + "': " + e.getMessage());
        }
    }

    public TimelineId timelineId() {
        String raw = params.get("timeline_id");
        try {
            return TimelineId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Cannot parse timeline id '" + raw + "': " + e.getMessage());
        }
    }

    public long longParam(String name) {
        String raw = params.get(name);
        try {
            return Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("failed to parse " + name + " '" + raw + "'");
        }
    }

    public String query(String name) {
        return query.get(name);
    }

    public boolean queryFlag(String name, boolean dflt) {
        String v = query.get(name);
        if (v == null) {
            return dflt;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw HttpError.badRequest("Failed to parse query parameter " + name + ": '" + v + "' is not a bool");
    }

    /**
     * An optional bool query parameter as http-utils' {@code parse_query_param} reads it (Rust's {@code bool::from_str}):
     * null when absent, 400 {@code cannot parse query param …} for anything but {@code true}/{@code false}.
     */
    public Boolean queryBool(String name) {
        String v = query.get(name);
        if (v == null) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        throw HttpError.badRequest("cannot parse query param " + name + ": provided string was not `true` or `false`");
    }

    public Lsn queryLsn(String name) {
        String v = query.get(name);
        if (v == null) {
            throw HttpError.badRequest("no '" + name + "' query parameter specified");
        }
        try {
            return Lsn.parse(v);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse " + name + ": " + e.getMessage());
        }
    }

    /** The body as JSON; an empty body is upstream's "missing request body" 400. */
    public JsonNode json() {
        if (body.length == 0) {
            throw HttpError.badRequest("missing request body");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw HttpError.badRequest("Failed to parse json request: " + Json.describe(e));
        }
    }

    /** The body as a JSON object (400 for any other JSON type). */
    public ObjectNode object() {
        JsonNode node = json();
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw HttpError.badRequest("Failed to parse json request: invalid type: " + node.getNodeType().name().toLowerCase() + ", expected struct");
    }
}
