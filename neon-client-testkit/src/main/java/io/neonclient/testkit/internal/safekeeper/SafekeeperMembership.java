package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A timeline's membership configuration ({@code Configuration} in libs/safekeeper_api/src/membership.rs):
 * {@code {"generation", "members": [SafekeeperId…], "new_members": null | [...]}}, read with serde's rules (unknown
 * fields ignored, {@code new_members} optional) and printed as its {@code Display} impl prints it.
 */
final class SafekeeperMembership {
    private SafekeeperMembership() {}

    /** Parses a Configuration at {@code path} ("" for a whole body) or throws serde's 400. */
    static ObjectNode parse(JsonNode n, String path) {
        String at = path.isEmpty() ? "" : path + ".";
        if (n == null || !n.isObject()) {
            throw bad(path, "invalid type: " + n + ", expected struct Configuration");
        }
        JsonNode gen = n.get("generation");
        if (gen == null) {
            throw bad(path, "missing field `generation`");
        }
        if (!gen.isIntegralNumber() || gen.asLong() < 0 || gen.asLong() > 0xFFFF_FFFFL) {
            throw bad(at + "generation", "invalid value: " + gen + ", expected u32");
        }
        JsonNode members = n.get("members");
        if (members == null) {
            throw bad(path, "missing field `members`");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("generation", gen.asLong());
        out.set("members", members(members, at + "members"));
        JsonNode next = n.get("new_members");
        if (next == null || next.isNull()) {
            out.putNull("new_members");
        } else {
            out.set("new_members", members(next, at + "new_members"));
        }
        return out;
    }

    private static ArrayNode members(JsonNode set, String path) {
        if (!set.isArray()) {
            throw bad(path, "invalid type: " + set + ", expected a sequence");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < set.size(); i++) {
            JsonNode m = set.get(i);
            String at = path + "[" + i + "]";
            if (!m.isObject()) {
                throw bad(at, "invalid type: " + m + ", expected struct SafekeeperId");
            }
            for (String f : new String[] {"id", "host", "pg_port"}) {
                if (!m.has(f)) {
                    throw bad(at, "missing field `" + f + "`");
                }
            }
            if (!m.get("id").isIntegralNumber() || m.get("id").asLong() < 0) {
                throw bad(at + ".id", "invalid type: " + m.get("id") + ", expected u64");
            }
            if (!m.get("host").isTextual()) {
                throw bad(at + ".host", "invalid type: " + m.get("host") + ", expected a string");
            }
            long port = m.get("pg_port").asLong(-1);
            if (!m.get("pg_port").isIntegralNumber() || port < 0 || port > 65535) {
                throw bad(at + ".pg_port", "invalid value: " + m.get("pg_port") + ", expected u16");
            }
            out.addObject().put("id", m.get("id").asLong()).put("host", m.get("host").asText()).put("pg_port", port);
        }
        return out;
    }

    private static HttpError bad(String path, String what) {
        return HttpError.badRequest("Failed to parse json request: " + (path.isEmpty() ? "" : path + ": ") + what);
    }

    /** {@code Configuration::empty()}: generation 0, no members (timelines made by copy). */
    static ObjectNode empty() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("generation", 0);
        n.putArray("members");
        n.putNull("new_members");
        return n;
    }

    /** A configuration of {@code generation} over safekeepers with these ids, each at 127.0.0.1:5454. */
    static ObjectNode of(long generation, List<Long> ids) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("generation", generation);
        ArrayNode m = n.putArray("members");
        for (Long id : ids) {
            m.addObject().put("id", id).put("host", "127.0.0.1").put("pg_port", 5454);
        }
        n.putNull("new_members");
        return n;
    }

    static long generation(JsonNode conf) {
        return conf.path("generation").asLong();
    }

    /** {@code Configuration::contains}: a member of the current or the new set. */
    static boolean contains(JsonNode conf, long id) {
        return ids(conf.path("members")).contains(id) || ids(conf.path("new_members")).contains(id);
    }

    private static List<Long> ids(JsonNode set) {
        List<Long> out = new ArrayList<>();
        set.forEach(m -> out.add(m.path("id").asLong()));
        return out;
    }

    /** {@code impl Display for Configuration}: {@code gen=2, members=([id=1, ep=host:5454]), new_members=none}. */
    static String display(JsonNode conf) {
        JsonNode next = conf.path("new_members");
        return "gen=" + generation(conf) + ", members=" + displaySet(conf.path("members")) + ", new_members="
                + (next.isArray() ? displaySet(next) : "none");
    }

    private static String displaySet(JsonNode set) {
        List<String> out = new ArrayList<>();
        set.forEach(m -> out.add("[id=" + m.path("id").asLong() + ", ep=" + m.path("host").asText() + ":" + m.path("pg_port").asLong() + "]"));
        return "(" + String.join(", ", out) + ")";
    }
}
