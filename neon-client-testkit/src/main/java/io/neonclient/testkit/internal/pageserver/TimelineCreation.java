package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.HttpError;

/**
 * Reads a {@code TimelineCreateRequest} the way serde does (libs/pageserver_api/src/models.rs): a flattened,
 * untagged mode tried in the order Branch → ImportPgdata → Bootstrap, unknown fields ignored. So a body with a
 * misspelled {@code ancestor_start} is a Branch at the tip, and one with a misspelled ancestor is a Bootstrap.
 */
public sealed interface TimelineCreation {

    TimelineId newTimelineId();

    record Bootstrap(TimelineId newTimelineId, Integer pgVersion, TimelineId existingInitdb) implements TimelineCreation { }

    record Branch(TimelineId newTimelineId, TimelineId ancestor, Lsn startLsn, boolean readOnly) implements TimelineCreation { }

    record ImportPgdata(TimelineId newTimelineId, String idempotencyKey, JsonNode location) implements TimelineCreation { }

    /** Parses the body or throws upstream's 400. */
    static TimelineCreation parse(ObjectNode body) {
        JsonNode idNode = body.get("new_timeline_id");
        if (idNode == null) {
            throw HttpError.badRequest("Failed to parse json request: missing field `new_timeline_id`");
        }
        TimelineId id = timelineId(idNode);
        if (id == null) {
            throw HttpError.badRequest("Failed to parse json request: new_timeline_id: invalid timeline id " + idNode);
        }
        TimelineCreation branch = branch(id, body);
        if (branch != null) {
            return branch;
        }
        TimelineCreation imp = importPgdata(id, body);
        if (imp != null) {
            return imp;
        }
        TimelineCreation boot = bootstrap(id, body);
        if (boot != null) {
            return boot;
        }
        throw HttpError.badRequest("Failed to parse json request: data did not match any variant of untagged enum TimelineCreateRequestMode");
    }

    private static TimelineCreation branch(TimelineId id, ObjectNode body) {
        TimelineId ancestor = timelineId(body.get("ancestor_timeline_id"));
        if (ancestor == null) {
            return null;
        }
        JsonNode lsnNode = body.get("ancestor_start_lsn");
        Lsn lsn = null;
        if (lsnNode != null && !lsnNode.isNull()) {
            if (!lsnNode.isTextual()) {
                return null;
            }
            try {
                lsn = Lsn.parse(lsnNode.asText());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        JsonNode ro = body.get("read_only");
        if (ro != null && !ro.isNull() && !ro.isBoolean()) {
            return null;
        }
        if (!pgVersionOk(body.get("pg_version"))) {
            return null;
        }
        return new Branch(id, ancestor, lsn, ro != null && ro.asBoolean(false));
    }

    private static TimelineCreation importPgdata(TimelineId id, ObjectNode body) {
        JsonNode imp = body.get("import_pgdata");
        if (imp == null || !imp.isObject()) {
            return null;
        }
        JsonNode key = imp.get("idempotency_key");
        JsonNode location = imp.get("location");
        if (key == null || !key.isTextual() || location == null || !location.isObject() || location.size() != 1) {
            return null;
        }
        JsonNode s3 = location.get("AwsS3");
        if (s3 != null && !(s3.path("region").isTextual() && s3.path("bucket").isTextual() && s3.path("key").isTextual())) {
            return null;
        }
        return new ImportPgdata(id, key.asText(), location);
    }

    private static TimelineCreation bootstrap(TimelineId id, ObjectNode body) {
        JsonNode pg = body.get("pg_version");
        if (!pgVersionOk(pg)) {
            return null;
        }
        JsonNode initdb = body.get("existing_initdb_timeline_id");
        TimelineId existing = null;
        if (initdb != null && !initdb.isNull()) {
            existing = timelineId(initdb);
            if (existing == null) {
                return null;
            }
        }
        return new Bootstrap(id, pg == null || pg.isNull() ? null : pg.asInt(), existing);
    }

    private static boolean pgVersionOk(JsonNode pg) {
        return pg == null || pg.isNull() || (pg.isIntegralNumber() && pg.asInt() >= 14 && pg.asInt() <= 17);
    }

    private static TimelineId timelineId(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return TimelineId.parse(node.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
