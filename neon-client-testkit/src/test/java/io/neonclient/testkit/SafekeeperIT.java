package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A safekeeper's timeline routes over raw HTTP: create, list, delete (timeline and tenant, tombstones), membership
 * switch, copy and pull_timeline, with upstream's statuses and {@code {"msg"}} errors.
 */
@NeonCluster(pageservers = 1, safekeepers = 3, registerNodes = true)
class SafekeeperIT {

    static String mconf(long generation, long... ids) {
        List<String> members = new ArrayList<>();
        for (long id : ids) {
            members.add("{\"id\": " + id + ", \"host\": \"127.0.0.1\", \"pg_port\": 5454}");
        }
        return "{\"generation\": " + generation + ", \"members\": [" + String.join(", ", members) + "], \"new_members\": null}";
    }

    static String createBody(TenantId tenant, TimelineId timeline, String mconf, String startLsn) {
        return "{\"tenant_id\": \"" + tenant + "\", \"timeline_id\": \"" + timeline + "\", \"mconf\": " + mconf
                + ", \"pg_version\": 160000, \"start_lsn\": \"" + startLsn + "\"}";
    }

    static RawHttp sk(NeonTestCluster cluster, long id) {
        return RawHttp.safekeeper(cluster.safekeeper(id), cluster.authEnabled() ? cluster.token(Scope.SAFEKEEPER_DATA) : null);
    }

    static String path(TenantId tenant, TimelineId timeline) {
        return "/v1/tenant/" + tenant + "/timeline/" + timeline;
    }

    @Test
    void createListStatusDelete_withTombstones(NeonTestCluster cluster) {
        RawHttp sk1 = sk(cluster, 1);
        RawHttp sk2 = sk(cluster, 2);
        assertEquals("[]", sk1.get("/v1/tenant/timeline").body());
        TenantId tenant = TenantId.generate();
        TimelineId tl = TimelineId.generate();

        RawHttp.Resp created = sk1.post("/v1/tenant/timeline", createBody(tenant, tl, mconf(1, 1, 2, 3), "0/1000000"));
        assertEquals(200, created.status(), created.body());
        assertEquals("null", created.body());
        JsonNode status = sk1.get(path(tenant, tl)).json();
        assertEquals(1, status.path("mconf").path("generation").asInt());
        assertEquals(3, status.path("mconf").path("members").size());
        assertEquals(0, status.path("acceptor_state").path("term").asInt());
        assertEquals(0, status.path("acceptor_state").path("epoch").asInt());
        assertEquals("0/1000000", status.path("acceptor_state").path("term_history").get(0).path("lsn").asText());
        assertEquals("0/1000000", status.path("flush_lsn").asText());
        assertEquals("0/1000000", status.path("commit_lsn").asText());
        assertEquals("0/0", status.path("remote_consistent_lsn").asText());
        assertEquals(160000, status.path("pg_info").path("pg_version").asInt());
        assertEquals(16 * 1024 * 1024, status.path("pg_info").path("wal_seg_size").asInt());
        JsonNode list = sk1.get("/v1/tenant/timeline").json();
        assertEquals(1, list.size());
        assertEquals(tenant.toString(), list.get(0).path("tenant_id").asText());
        assertEquals(tl.toString(), list.get(0).path("timeline_id").asText());
        assertEquals(1, sk1.get("/v1/utilization").json().path("timeline_count").asInt());
        RawHttp.Resp elsewhere = sk2.get(path(tenant, tl));
        assertEquals(404, elsewhere.status(), "created on safekeeper 1 only");
        assertEquals("NotFound: timeline " + tenant + "/" + tl + " not found", elsewhere.msg());
        assertEquals(200, sk1.post("/v1/tenant/timeline", createBody(tenant, tl, mconf(1, 1, 2, 3), "0/1000000")).status(),
                "an existing timeline is left as is");

        TimelineId bad = TimelineId.generate();
        RawHttp.Resp behind = sk1.post("/v1/tenant/timeline", "{\"tenant_id\": \"" + tenant + "\", \"timeline_id\": \"" + bad
                + "\", \"mconf\": " + mconf(1, 1) + ", \"pg_version\": 160000, \"start_lsn\": \"0/2000000\", \"commit_lsn\": \"0/1000000\"}");
        assertEquals(500, behind.status());
        assertEquals("commit_lsn 0/1000000 is smaller than start_lsn 0/2000000", behind.msg());
        RawHttp.Resp noMconf = sk1.post("/v1/tenant/timeline", "{\"tenant_id\": \"" + tenant + "\", \"timeline_id\": \"" + bad
                + "\", \"pg_version\": 160000, \"start_lsn\": \"0/2000000\"}");
        assertEquals(400, noMconf.status());
        assertEquals("Failed to parse json request: missing field `mconf`", noMconf.msg());

        RawHttp.Resp deleted = sk1.delete(path(tenant, tl));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("{\"dir_existed\":true}", deleted.body());
        RawHttp.Resp gone = sk1.get(path(tenant, tl));
        assertEquals(404, gone.status());
        assertEquals("NotFound: timeline " + tenant + "/" + tl + " deleted", gone.msg());
        assertEquals("[]", sk1.get("/v1/tenant/timeline").body());
        assertEquals(0, sk1.get("/v1/utilization").json().path("timeline_count").asInt());
        assertEquals("{\"dir_existed\":false}", sk1.delete(path(tenant, tl)).body(), "already deleted");
        assertEquals("{\"dir_existed\":false}", sk1.delete(path(tenant, TimelineId.generate())).body(), "never there");
        RawHttp.Resp recreate = sk1.post("/v1/tenant/timeline", createBody(tenant, tl, mconf(2, 1, 2, 3), "0/1000000"));
        assertEquals(500, recreate.status());
        assertEquals("Timeline " + tenant + "/" + tl + " has been deleted", recreate.msg());
        RawHttp.Resp badFlag = sk1.delete(path(tenant, tl) + "?only_local=yes");
        assertEquals(400, badFlag.status());
        assertEquals("cannot parse query param only_local: provided string was not `true` or `false`", badFlag.msg());
    }

    @Test
    void tenantDelete_hidesTheTenantsTimelinesOnThatSafekeeperOnly(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId a = s.createTimeline(tenant);
        TimelineId b = s.createTimeline(tenant);
        TimelineId own = TimelineId.generate();
        RawHttp sk1 = sk(cluster, 1);
        assertEquals(200, sk1.post("/v1/tenant/timeline", createBody(tenant, own, mconf(1, 1), "0/1000000")).status());
        assertEquals(3, sk1.get("/v1/tenant/timeline").json().size());

        JsonNode deleted = sk1.delete("/v1/tenant/" + tenant).json();
        assertEquals(3, deleted.size(), deleted.toString());
        for (TimelineId tl : new TimelineId[] {a, b, own}) {
            assertTrue(deleted.path(tl.toString()).path("dir_existed").asBoolean(), deleted.toString());
            assertEquals(404, sk1.get(path(tenant, tl)).status());
        }
        assertEquals(0, sk1.get("/v1/utilization").json().path("timeline_count").asInt());
        assertEquals(200, sk(cluster, 2).get(path(tenant, a)).status(), "other safekeepers keep it");
        assertEquals(500, sk1.post("/v1/tenant/timeline", createBody(tenant, TimelineId.generate(), mconf(1, 1), "0/1000000")).status(),
                "the tenant tombstone refuses new timelines");
        assertEquals("{}", sk1.delete("/v1/tenant/" + tenant).body());
    }

    @Test
    void membership_switchesToHigherGenerations(NeonTestCluster cluster) {
        RawHttp sk1 = sk(cluster, 1);
        TenantId tenant = TenantId.generate();
        TimelineId tl = TimelineId.generate();
        assertEquals(200, sk1.post("/v1/tenant/timeline", createBody(tenant, tl, mconf(1, 1, 2, 3), "0/1000000")).status());
        String membership = path(tenant, tl) + "/membership";

        RawHttp.Resp joint = sk1.put(membership, "{\"generation\": 2, \"members\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"pg_port\": 5454}], "
                + "\"new_members\": [{\"id\": 4, \"host\": \"127.0.0.1\", \"pg_port\": 5454}]}");
        assertEquals(200, joint.status(), joint.body());
        JsonNode sw = joint.json();
        assertEquals(1, sw.path("previous_conf").path("generation").asInt());
        assertEquals(2, sw.path("current_conf").path("generation").asInt());
        assertEquals(4, sw.path("current_conf").path("new_members").get(0).path("id").asInt());
        assertEquals(0, sw.path("last_log_term").asInt());
        assertEquals("0/1000000", sw.path("flush_lsn").asText());
        assertEquals(2, sk1.get(path(tenant, tl)).json().path("mconf").path("generation").asInt());
        assertEquals(200, sk1.put(membership, mconf(2, 1, 2)).status(), "the same generation is current: 200, unchanged");
        assertEquals(1, sk1.get(path(tenant, tl)).json().path("mconf").path("members").size());

        RawHttp.Resp older = sk1.put(membership, mconf(1, 1, 2, 3));
        assertEquals(409, older.status());
        assertEquals("Conflict: request to switch into 1 ignored, current generation 2", older.msg());
        RawHttp.Resp notMember = sk1.put(membership, mconf(3, 2, 3));
        assertEquals(403, notMember.status());
        assertEquals("Forbidden: refused to switch into gen=3, members=([id=2, ep=127.0.0.1:5454], [id=3, ep=127.0.0.1:5454]), "
                + "new_members=none, node 1 is not a member of it", notMember.msg());
        assertEquals(404, sk1.put(path(tenant, TimelineId.generate()) + "/membership", mconf(3, 1)).status());
        assertEquals(400, sk1.put(membership, "{\"generation\": 3}").status());

        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId placed = s.createTenant(0, 0);
        TimelineId fromStorcon = s.createTimeline(placed);
        assertEquals(200, sk1.put(path(placed, fromStorcon) + "/membership", mconf(5, 1, 2, 3)).status());
        assertEquals(5, sk1.get(path(placed, fromStorcon)).json().path("mconf").path("generation").asInt());
        assertEquals(1, sk(cluster, 2).get(path(placed, fromStorcon)).json().path("mconf").path("generation").asInt());
    }

    @Test
    void copy_makesANewTimelineOfTheSourcesWal(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId source = s.createTimeline(tenant);
        Lsn mid = cluster.write(tenant, source, 8192);
        Lsn end = cluster.write(tenant, source, 8192);
        RawHttp sk1 = sk(cluster, 1);
        TimelineId target = TimelineId.generate();
        String copy = path(tenant, source) + "/copy";

        RawHttp.Resp copied = sk1.post(copy, "{\"target_timeline_id\": \"" + target + "\", \"until_lsn\": \"" + mid + "\"}");
        assertEquals(200, copied.status(), copied.body());
        assertEquals("null", copied.body());
        JsonNode t = sk1.get(path(tenant, target)).json();
        assertEquals(mid.toString(), t.path("commit_lsn").asText());
        assertEquals(mid.toString(), t.path("flush_lsn").asText());
        assertEquals(0, t.path("mconf").path("generation").asInt());
        assertEquals(0, t.path("mconf").path("members").size());
        assertEquals(sk1.get(path(tenant, source)).json().path("timeline_start_lsn"), t.path("timeline_start_lsn"));
        assertEquals(200, sk1.post(copy, "{\"target_timeline_id\": \"" + target + "\", \"until_lsn\": \"" + end + "\"}").status(),
                "an existing target is left as is");
        assertEquals(mid.toString(), sk1.get(path(tenant, target)).json().path("commit_lsn").asText());

        RawHttp.Resp beyond = sk1.post(copy, "{\"target_timeline_id\": \"" + TimelineId.generate() + "\", \"until_lsn\": \""
                + Lsn.of(end.value() + 8) + "\"}");
        assertEquals(500, beyond.status());
        assertEquals("requested LSN " + Lsn.of(end.value() + 8) + " is beyond the end of the timeline " + end, beyond.msg());
        TimelineId unknown = TimelineId.generate();
        RawHttp.Resp noSource = sk1.post(path(tenant, unknown) + "/copy", "{\"target_timeline_id\": \"" + TimelineId.generate()
                + "\", \"until_lsn\": \"" + end + "\"}");
        assertEquals(500, noSource.status(), "copy_timeline's errors are all internal");
        assertEquals("Timeline " + tenant + "/" + unknown + " was not found in global map", noSource.msg());
        assertEquals(400, sk1.post(copy, "{\"until_lsn\": \"" + end + "\"}").status());
    }

    @Test
    void pullTimeline_copiesFromTheMostAdvancedPeer(NeonTestCluster cluster) {
        TenantId tenant = TenantId.generate();
        TimelineId tl = TimelineId.generate();
        RawHttp sk1 = sk(cluster, 1);
        RawHttp sk2 = sk(cluster, 2);
        RawHttp sk3 = sk(cluster, 3);
        assertEquals(200, sk1.post("/v1/tenant/timeline", createBody(tenant, tl, mconf(1, 1, 2, 3), "0/1000000")).status());
        assertEquals(200, sk2.post("/v1/tenant/timeline", "{\"tenant_id\": \"" + tenant + "\", \"timeline_id\": \"" + tl
                + "\", \"mconf\": " + mconf(1, 1, 2, 3) + ", \"pg_version\": 160000, \"start_lsn\": \"0/1000000\", \"commit_lsn\": \"0/1000100\"}")
                .status());
        String hosts = "[\"" + cluster.safekeeper(1) + "\", \"" + cluster.safekeeper(2) + "\"]";
        String pull = "{\"tenant_id\": \"" + tenant + "\", \"timeline_id\": \"" + tl + "\", \"http_hosts\": " + hosts;

        RawHttp.Resp notMember = sk3.post("/v1/pull_timeline", pull + ", \"mconf\": " + mconf(2, 1, 2) + "}");
        assertEquals(400, notMember.status());
        assertTrue(notMember.msg().startsWith("refused to pull timeline with gen=2"), notMember.body());
        RawHttp.Resp pulled = sk3.post("/v1/pull_timeline", pull + ", \"mconf\": " + mconf(2, 1, 2, 3) + "}");
        assertEquals(200, pulled.status(), pulled.body());
        assertEquals(cluster.safekeeper(2).toString(), pulled.json().path("safekeeper_host").asText(), "the peer with the higher flush_lsn");
        JsonNode status = sk3.get(path(tenant, tl)).json();
        assertEquals("0/1000100", status.path("commit_lsn").asText());
        assertEquals(2, status.path("mconf").path("generation").asInt(), "switched to the request's mconf");
        RawHttp.Resp again = sk3.post("/v1/pull_timeline", pull + "}");
        assertEquals(200, again.status());
        assertTrue(again.json().path("safekeeper_host").isNull(), "already here");

        assertEquals(200, sk1.put(path(tenant, tl) + "/membership", mconf(5, 1, 2, 3)).status());
        assertEquals("{\"dir_existed\":true}", sk3.delete(path(tenant, tl)).body());
        RawHttp.Resp newer = sk3.post("/v1/pull_timeline", pull + ", \"mconf\": " + mconf(3, 1, 2, 3) + "}");
        assertEquals(409, newer.status());
        assertEquals("Conflict: cannot pull timeline with generation 3: timeline " + tl + " already exists with generation 5 on "
                + cluster.safekeeper(1), newer.msg());
        RawHttp.Resp deleted = sk3.post("/v1/pull_timeline", pull + "}");
        assertEquals(409, deleted.status());
        assertEquals("Conflict: Timeline " + tenant + "/" + tl + " deleted", deleted.msg());
        RawHttp.Resp unreachable = sk3.post("/v1/pull_timeline", "{\"tenant_id\": \"" + tenant + "\", \"timeline_id\": \""
                + TimelineId.generate() + "\", \"http_hosts\": [\"http://127.0.0.1:1\"]}");
        assertEquals(500, unreachable.status());
        assertEquals("only got 0 successful status responses. required: 1", unreachable.msg());
    }

    @Test
    @NeonCluster(pageservers = 1, safekeepers = 2, auth = true)
    void auth_tenantTokensOpenTheirTenantsTimelinesOnly(NeonTestCluster cluster) {
        TenantId tenant = TenantId.generate();
        TimelineId tl = TimelineId.generate();
        RawHttp asTenant = RawHttp.safekeeper(cluster.safekeeper(1), cluster.tenantToken(tenant));
        RawHttp asOther = RawHttp.safekeeper(cluster.safekeeper(1), cluster.tenantToken(TenantId.generate()));
        assertEquals(403, asOther.post("/v1/tenant/timeline", createBody(tenant, tl, mconf(1, 1), "0/1000000")).status());
        assertEquals(200, asTenant.post("/v1/tenant/timeline", createBody(tenant, tl, mconf(1, 1), "0/1000000")).status());
        assertEquals(200, asTenant.get(path(tenant, tl)).status());
        assertEquals(403, asTenant.get("/v1/tenant/timeline").status(), "the list needs safekeeperdata");
        assertEquals(403, asTenant.post(path(tenant, tl) + "/copy", "{\"target_timeline_id\": \"" + TimelineId.generate()
                + "\", \"until_lsn\": \"0/1000000\"}").status(), "copy needs safekeeperdata");
        assertEquals(403, RawHttp.safekeeper(cluster.safekeeper(1), cluster.token(Scope.PAGESERVER_API)).get(path(tenant, tl)).status());
        assertEquals(1, sk(cluster, 1).get("/v1/tenant/timeline").json().size());
        assertEquals("{\"dir_existed\":true}", asTenant.delete(path(tenant, tl)).body());
    }
}
