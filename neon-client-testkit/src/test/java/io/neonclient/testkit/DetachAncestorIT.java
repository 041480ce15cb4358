package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code detach_ancestor} through the controller (pageserver/src/tenant/timeline/detach_ancestor.rs): the ancestor is
 * cleared, the data up to the branch point stays readable, siblings at or before the branch point are reparented, and
 * upstream's refusals.
 */
@NeonCluster(pageservers = 2)
class DetachAncestorIT {

    static TimelineId branch(Scenario s, TenantId tenant, TimelineId from, Lsn at) {
        TimelineId id = TimelineId.generate();
        RawHttp.Resp r = s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + id
                + "\", \"ancestor_timeline_id\": \"" + from + "\", \"ancestor_start_lsn\": \"" + at + "\"}");
        assertEquals(201, r.status(), r.body());
        return id;
    }

    static JsonNode info(Scenario s, TenantId tenant, TimelineId t) {
        return s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + t).json();
    }

    static Set<String> reparented(RawHttp.Resp r) {
        Set<String> out = new HashSet<>();
        r.json().path("reparented_timelines").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void detach_clearsTheAncestor_keepsTheDataReadable_andReparentsEarlierSiblings(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(2, 1);
        TimelineId main = s.createTimeline(tenant);
        cluster.advanceClock(Duration.ofSeconds(10));
        Lsn first = cluster.write(tenant, main, 1000);
        cluster.advanceClock(Duration.ofSeconds(10));
        Instant between = cluster.now();
        cluster.advanceClock(Duration.ofSeconds(10));
        Lsn second = cluster.write(tenant, main, 1000);
        cluster.advanceClock(Duration.ofSeconds(10));
        TimelineId earlier = branch(s, tenant, main, first);
        TimelineId detached = branch(s, tenant, main, second);
        TimelineId later = branch(s, tenant, main, cluster.write(tenant, main, 1000));
        String base = "/v1/tenant/" + tenant + "/timeline/" + detached;
        JsonNode before = s.storcon.get(base + "/get_lsn_by_timestamp?timestamp=" + between).json();
        assertEquals("past", before.path("kind").asText(), "a fresh branch reads its ancestor's commits: " + before);

        RawHttp.Resp r = s.storcon.put(base + "/detach_ancestor", null);
        assertEquals(200, r.status(), r.body());
        assertEquals(Set.of(earlier.toString()), reparented(r), "the sibling branched before the branch point is reparented");

        JsonNode after = info(s, tenant, detached);
        assertTrue(after.path("ancestor_timeline_id").isNull(), after.toString());
        assertTrue(after.path("ancestor_lsn").isNull(), after.toString());
        assertEquals(second.toString(), after.path("last_record_lsn").asText());
        assertEquals(before, s.storcon.get(base + "/get_lsn_by_timestamp?timestamp=" + between).json(),
                "the ancestor's commits up to the branch point are still read on the detached timeline");
        assertEquals(detached.toString(), info(s, tenant, earlier).path("ancestor_timeline_id").asText());
        assertEquals(first.toString(), info(s, tenant, earlier).path("ancestor_lsn").asText(), "a reparented branch keeps its LSN");
        assertEquals(main.toString(), info(s, tenant, later).path("ancestor_timeline_id").asText(), "a later sibling stays");

        RawHttp.Resp again = s.storcon.put(base + "/detach_ancestor", null);
        assertEquals(200, again.status(), "a repeated detach answers again");
        assertEquals(Set.of(earlier.toString()), reparented(again));
        assertEquals(409, s.storcon.put("/v1/tenant/" + tenant + "/timeline/" + main + "/detach_ancestor", null).status(), "no ancestors");
    }

    @Test
    void aBranchOfABranch_needsTheMultiLevelBehaviour_whichReparentsNothing(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId main = s.createTimeline(tenant);
        Lsn at = cluster.write(tenant, main, 1000);
        TimelineId snapshot = branch(s, tenant, main, at);
        TimelineId sibling = branch(s, tenant, main, at);
        TimelineId restored = branch(s, tenant, snapshot, at);
        String base = "/v1/tenant/" + tenant + "/timeline/" + restored + "/detach_ancestor";

        RawHttp.Resp one = s.storcon.put(base, null);
        assertEquals(400, one.status(), one.body());
        assertTrue(one.msg().contains("too many ancestors"), one.body());
        assertEquals(400, s.storcon.put(base + "?detach_behavior=v3", null).status());

        RawHttp.Resp multi = s.storcon.put(base + "?detach_behavior=multi_level_and_no_reparent", null);
        assertEquals(200, multi.status(), multi.body());
        assertEquals(Set.of(), reparented(multi));
        assertTrue(info(s, tenant, restored).path("ancestor_timeline_id").isNull());
        assertEquals(at.toString(), info(s, tenant, restored).path("last_record_lsn").asText());
        assertEquals(main.toString(), info(s, tenant, sibling).path("ancestor_timeline_id").asText());
        assertEquals(main.toString(), info(s, tenant, snapshot).path("ancestor_timeline_id").asText(), "the snapshot is unchanged");
    }
}
