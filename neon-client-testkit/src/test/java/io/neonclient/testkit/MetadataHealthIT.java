package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.AuthException;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.Scope;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.MetadataHealthRecord;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The scrubber's metadata health records on the controller (storage_controller/src/http.rs handle_metadata_health_*,
 * service.rs metadata_health_*, persistence.rs): created healthy with each shard, upserted by the scrubber (shards
 * not in memory skipped), listed unhealthy or not scrubbed for a while, and gone with their shard rows.
 */
@NeonCluster(pageservers = 2)
class MetadataHealthIT {
    private static final String UPDATE = "/control/v1/metadata_health/update";
    private static final String UNHEALTHY = "/control/v1/metadata_health/unhealthy";
    private static final String OUTDATED = "/control/v1/metadata_health/outdated";

    private static String update(List<?> healthy, List<?> unhealthy) {
        return "{\"healthy_tenant_shards\": " + quoted(healthy) + ", \"unhealthy_tenant_shards\": " + quoted(unhealthy) + "}";
    }

    private static String quoted(List<?> ids) {
        List<String> q = new ArrayList<>();
        ids.forEach(i -> q.add("\"" + i + "\""));
        return "[" + String.join(", ", q) + "]";
    }

    private static String outdated(String notScrubbedFor) {
        return "{\"not_scrubbed_for\": \"" + notScrubbedFor + "\"}";
    }

    /** health_records by shard id, each checked to carry exactly the three fields of MetadataHealthRecord. */
    private static Map<String, JsonNode> records(RawHttp.Resp r) {
        assertEquals(200, r.status(), r.body());
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode rec : r.json().path("health_records")) {
            assertEquals(3, rec.size(), rec.toString());
            Rfc3339.parse(rec.path("last_scrubbed_at").asText());
            out.put(rec.path("tenant_shard_id").asText(), rec);
        }
        return out;
    }

    private static List<String> unhealthy(Scenario s) {
        RawHttp.Resp r = s.storcon.get(UNHEALTHY);
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        r.json().path("unhealthy_tenant_shards").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void recordsAreCreatedHealthy_updatedByTheScrubber_andFollowTheShardRows(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        Instant before = cluster.now();
        TenantId tenant = s.createTenant(2, 0);
        String s0 = TenantShardId.of(tenant, ShardIndex.of(0, 2)).toString();
        String s1 = TenantShardId.of(tenant, ShardIndex.of(1, 2)).toString();

        Map<String, JsonNode> created = records(s.storcon.post(OUTDATED, outdated("0s")));
        assertEquals(List.of(s0, s1), List.copyOf(created.keySet()));
        for (JsonNode rec : created.values()) {
            assertTrue(rec.path("healthy").asBoolean());
            Instant at = Rfc3339.parse(rec.path("last_scrubbed_at").asText());
            assertFalse(at.isBefore(before.minusMillis(1)) || at.isAfter(cluster.now()), at + " is the creation time");
        }
        assertTrue(records(s.storcon.post(OUTDATED, outdated("1h"))).isEmpty(), "scrubbed (created) less than an hour ago");
        assertEquals("{\"unhealthy_tenant_shards\":[]}", s.storcon.get(UNHEALTHY).body());

        TenantShardId unknown = TenantShardId.unsharded(TenantId.generate());
        RawHttp.Resp updated = s.storcon.post(UPDATE, update(List.of(s0), List.of(s1, unknown)));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("{}", updated.body());
        assertEquals(List.of(s1), unhealthy(s), "the shard the controller does not manage is skipped");

        cluster.advanceClock(Duration.ofHours(2));
        Map<String, JsonNode> old = records(s.storcon.post(OUTDATED, outdated("1h 30m")));
        assertEquals(List.of(s0, s1), List.copyOf(old.keySet()));
        assertTrue(old.get(s0).path("healthy").asBoolean());
        assertFalse(old.get(s1).path("healthy").asBoolean());
        assertTrue(records(s.storcon.post(OUTDATED, outdated("3h"))).isEmpty());

        assertEquals(200, s.storcon.post(UPDATE, update(List.of(s0), List.of(s0))).status());
        assertEquals(List.of(s0, s1), unhealthy(s), "listed as both: the unhealthy upsert runs second");
        assertEquals(List.of(s1), List.copyOf(records(s.storcon.post(OUTDATED, outdated("1h"))).keySet()), "s0 was just scrubbed");

        // A split's children get no record (begin_shard_split inserts no metadata_health rows); the parents' go.
        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/shard_split", "{\"new_shard_count\": 4}").status());
        s.awaitIdle(tenant);
        assertTrue(records(s.storcon.post(OUTDATED, outdated("0s"))).isEmpty());
        assertEquals(List.of(), unhealthy(s));
        String child = TenantShardId.of(tenant, ShardIndex.of(3, 4)).toString();
        assertEquals(200, s.storcon.post(UPDATE, update(List.of(), List.of(child))).status());
        assertEquals(List.of(child), unhealthy(s));

        assertEquals(200, s.storcon.delete("/v1/tenant/" + tenant).status());
        assertEquals(List.of(), unhealthy(s), "deleting the tenant cascades to its records");
    }

    @Test
    void aTenantDroppedAfterDetach_keepsItsRecord_butUpdatesSkipIt(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        assertEquals(200, s.storcon.post(UPDATE, update(List.of(), List.of(tenant))).status());
        Instant scrubbed = Rfc3339.parse(records(s.storcon.post(OUTDATED, outdated("0s"))).get(tenant.toString())
                .path("last_scrubbed_at").asText());

        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": \"Detached\"}").status());
        Await.until("tenant dropped after detach", () -> s.storcon.get("/control/v1/tenant/" + tenant).status(), st -> st == 404);
        assertEquals(List.of(tenant.toString()), unhealthy(s), "the row stays in the database");
        assertEquals(200, s.storcon.post(UPDATE, update(List.of(tenant), List.of())).status());
        JsonNode rec = records(s.storcon.post(OUTDATED, outdated("0s"))).get(tenant.toString());
        assertFalse(rec.path("healthy").asBoolean(), "a shard not in memory is not updated");
        assertEquals(scrubbed, Rfc3339.parse(rec.path("last_scrubbed_at").asText()));

        // Attaching reloads the tenant; the scrubber's reports count again.
        assertEquals(200, s.storcon.put("/control/v1/tenant/" + tenant + "/policy", "{\"placement\": {\"Attached\": 0}}").status());
        assertEquals(200, s.storcon.post(UPDATE, update(List.of(tenant), List.of())).status());
        assertEquals(List.of(), unhealthy(s));
    }

    @Test
    void badBodies_areSerdesErrors(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        RawHttp.Resp empty = s.storcon.post(UPDATE, null);
        assertEquals(400, empty.status());
        assertEquals("missing request body", empty.msg());
        RawHttp.Resp missing = s.storcon.post(UPDATE, "{\"healthy_tenant_shards\": []}");
        assertEquals(400, missing.status());
        assertEquals("Failed to parse json request: missing field `unhealthy_tenant_shards`", missing.msg());
        RawHttp.Resp badId = s.storcon.post(UPDATE, "{\"healthy_tenant_shards\": [\"nope\"], \"unhealthy_tenant_shards\": []}");
        assertEquals(400, badId.status());
        assertTrue(badId.msg().startsWith("Failed to parse json request: healthy_tenant_shards[0]: "), badId.msg());
        RawHttp.Resp notAList = s.storcon.post(UPDATE, "{\"healthy_tenant_shards\": {}, \"unhealthy_tenant_shards\": []}");
        assertEquals(400, notAList.status());

        RawHttp.Resp noDuration = s.storcon.post(OUTDATED, "{}");
        assertEquals(400, noDuration.status());
        assertEquals("Failed to parse json request: missing field `not_scrubbed_for`", noDuration.msg());
        RawHttp.Resp badDuration = s.storcon.post(OUTDATED, outdated("soon"));
        assertEquals(400, badDuration.status());
        assertEquals("Failed to parse json request: not_scrubbed_for: expected number at 0", badDuration.msg());
        assertEquals(400, s.storcon.post(OUTDATED, outdated("5 fortnights")).status());
        assertEquals(400, s.storcon.post(OUTDATED, "{\"not_scrubbed_for\": 60}").status());
        assertEquals(404, s.storcon.get("/control/v1/metadata_health/update").status(), "update is a POST");
    }

    @Test
    @NeonCluster(pageservers = 1, registerNodes = true, auth = true)
    void throughTheClient_withScopes(NeonTestCluster cluster, StorageControllerClient storcon) {
        new Scenario(cluster).awaitNode(1, "Active", "Active");
        TenantId tenant = TenantId.generate();
        storcon.tenants().create(CreateTenantRequest.unsharded(tenant));
        TenantShardId shard = TenantShardId.unsharded(tenant);
        List<MetadataHealthRecord> fresh = storcon.metadataHealth().outdated(Duration.ZERO);
        assertEquals(1, fresh.size());
        assertEquals(shard, fresh.get(0).tenantShardId());
        assertTrue(fresh.get(0).healthy());
        assertEquals(List.of(), storcon.metadataHealth().unhealthy());

        storcon.metadataHealth().update(List.of(), List.of(shard));
        assertEquals(List.of(shard), storcon.metadataHealth().unhealthy());
        assertEquals(List.of(), storcon.metadataHealth().outdated(Duration.ofHours(1)));
        cluster.advanceClock(Duration.ofHours(2));
        List<MetadataHealthRecord> stale = storcon.metadataHealth().outdated(Duration.ofHours(1));
        assertEquals(1, stale.size());
        assertFalse(stale.get(0).healthy());
        assertTrue(stale.get(0).lastScrubbedAt().isBefore(cluster.now().minus(Duration.ofHours(1))));

        // The scrubber's token may report but not read; reading needs admin.
        StorageControllerClient scrubber = storcon.toBuilder().configure(c -> c.withBearerToken(cluster.token(Scope.SCRUBBER))).build();
        scrubber.metadataHealth().update(List.of(shard), List.of());
        assertThrows(AuthException.class, () -> scrubber.metadataHealth().unhealthy());
        assertThrows(AuthException.class, () -> scrubber.metadataHealth().outdated(Duration.ofHours(1)));
        assertEquals(List.of(), storcon.metadataHealth().unhealthy());
        RawHttp asPageserver = RawHttp.storcon(cluster.storageController(), cluster.token(Scope.PAGESERVER_API));
        RawHttp.Resp refused = asPageserver.post(UPDATE, update(List.of(), List.of()));
        assertEquals(403, refused.status());
        assertEquals("Forbidden: JWT authentication error", refused.msg());
    }
}
