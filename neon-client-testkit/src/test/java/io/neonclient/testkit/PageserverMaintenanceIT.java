package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pageserver's tenant config (get, legacy put/patch), compact, checkpoint, preserve_initdb_archive and
 * import_basebackup routes over raw HTTP, with upstream's statuses and {@code {"msg"}} errors.
 */
@NeonCluster(pageservers = 1, safekeepers = 1, registerNodes = true)
class PageserverMaintenanceIT {
    /** The initdb end of a freshly bootstrapped timeline. */
    private static final String INITDB_LSN = "0/14EE150";

    private static String configBody(TenantId tenant, String fields) {
        return "{\"tenant_id\": \"" + tenant + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}";
    }

    @Test
    void tenantConfig_putReplacesAndPatchUpserts_theLocationsConfig(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        RawHttp ps = s.pageserver(1);
        String config = "/v1/tenant/" + tenant + "/config";

        JsonNode initial = ps.get(config).json();
        assertEquals("{\"gc_period\":\"1h\"}", initial.path("tenant_specific_overrides").toString());
        JsonNode effective = initial.path("effective_config");
        assertEquals("1h", effective.path("gc_period").asText());
        assertEquals("7days", effective.path("pitr_interval").asText(), "TenantConfigToml default");
        assertEquals(64L * 1024 * 1024, effective.path("gc_horizon").asLong());
        assertEquals("legacy", effective.path("compaction_algorithm").path("kind").asText());
        assertTrue(effective.path("l0_flush_delay_threshold").isNull());
        assertFalse(effective.has("basebackup_cache_enabled"), "skipped while false");

        RawHttp.Resp put = ps.put("/v1/tenant/config", configBody(tenant, "\"pitr_interval\": \"60m\", \"gc_horizon\": 1024"));
        assertEquals(200, put.status(), put.body());
        assertEquals("null", put.body());
        JsonNode replaced = ps.get(config).json();
        assertEquals("{\"pitr_interval\":\"1h\",\"gc_horizon\":1024}", replaced.path("tenant_specific_overrides").toString(),
                "PUT replaces the overrides; durations come back as humantime prints them");
        assertEquals("1h", replaced.path("effective_config").path("gc_period").asText(), "back to the default");
        assertEquals(replaced.path("tenant_specific_overrides"),
                ps.get("/v1/location_config/" + tenant).json().path("tenant_conf"), "the location carries the same config");

        RawHttp.Resp patch = ps.patch("/v1/tenant/config", configBody(tenant, "\"gc_horizon\": null, \"checkpoint_distance\": 4096"));
        assertEquals(200, patch.status(), patch.body());
        assertEquals("{\"pitr_interval\":\"1h\",\"checkpoint_distance\":4096}",
                ps.get(config).json().path("tenant_specific_overrides").toString(), "null removes, a value upserts");

        RawHttp.Resp unknown = ps.put("/v1/tenant/config", configBody(tenant, "\"gc_perod\": \"1h\""));
        assertEquals(400, unknown.status());
        assertEquals("Failed to parse json request: unknown field `gc_perod`", unknown.msg());
        RawHttp.Resp badDuration = ps.put("/v1/tenant/config", configBody(tenant, "\"pitr_interval\": \"soon\""));
        assertEquals(400, badDuration.status());
        assertTrue(badDuration.msg().startsWith("Failed to parse json request: pitr_interval: invalid value"), badDuration.body());
        assertEquals(400, ps.patch("/v1/tenant/config", configBody(tenant, "\"gc_period\": \"soon\"")).status());
        assertEquals(400, ps.put("/v1/tenant/config", "{\"gc_period\": \"1h\"}").status(), "tenant_id is required");
        assertEquals(404, ps.put("/v1/tenant/config", configBody(TenantId.generate(), "")).status());
        assertEquals(404, ps.get("/v1/tenant/" + TenantId.generate() + "/config").status());
        assertEquals("{\"pitr_interval\":\"1h\",\"checkpoint_distance\":4096}",
                ps.get(config).json().path("tenant_specific_overrides").toString(), "rejected requests change nothing");
    }

    @Test
    void tenantConfig_addressesUnshardedTenantsOnly(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId sharded = s.createTenant(2, 0);
        RawHttp ps = s.pageserver(1);
        RawHttp.Resp r = ps.put("/v1/tenant/config", configBody(sharded, "\"gc_horizon\": 1"));
        assertEquals(404, r.status(), r.body());
        JsonNode shard1 = ps.get("/v1/tenant/" + sharded + "-0102/config").json();
        assertEquals("1h", shard1.path("tenant_specific_overrides").path("gc_period").asText(), "GET takes any shard");
    }

    @Test
    void gcAndLeases_followTheTenantsConfig(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        RawHttp ps = s.pageserver(1);
        String base = "/v1/tenant/" + tenant + "/timeline/" + tl;
        cluster.write(tenant, tl, 4096);
        Lsn end = cluster.write(tenant, tl, 4096);
        assertEquals(200, ps.patch("/v1/tenant/config", configBody(tenant, "\"gc_horizon\": 0, \"lsn_lease_length\": \"1h\"")).status());

        JsonNode lease = ps.post(base + "/lsn_lease", "{\"lsn\": \"" + end + "\"}").json();
        java.time.Instant until = java.time.Instant.parse(lease.path("valid_until").asText());
        assertTrue(until.isAfter(cluster.now().plusSeconds(59 * 60)), "the configured lsn_lease_length (1h), not 10 min: " + until);
        assertEquals(200, ps.put(base + "/do_gc", "{}").status());
        assertEquals(end.toString(), ps.get(base).json().path("applied_gc_cutoff_lsn").asText(), "gc_horizon 0 from the config");
    }

    @Test
    void compactAndCheckpoint_checkFlagsAndTheTimeline(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        RawHttp ps = s.pageserver(1);
        String base = "/v1/tenant/" + tenant + "/timeline/" + tl;

        RawHttp.Resp compact = ps.put(base + "/compact?force_image_layer_creation=true&dry_run=true", null);
        assertEquals(200, compact.status(), compact.body());
        assertEquals("null", compact.body());
        assertEquals(200, ps.put(base + "/compact", "{\"scheduled\": true, \"compact_lsn_range\": {\"start\": \"0/0\", \"end\": \"0/14EE150\"}}").status());
        RawHttp.Resp badFlag = ps.put(base + "/compact?dry_run=yes", null);
        assertEquals(400, badFlag.status());
        assertEquals("cannot parse query param dry_run: provided string was not `true` or `false`", badFlag.msg());
        assertEquals(400, ps.put(base + "/compact", "{\"scheduled\": \"soon\"}").status());
        RawHttp.Resp noTimeline = ps.put("/v1/tenant/" + tenant + "/timeline/" + TimelineId.generate() + "/compact", null);
        assertEquals(404, noTimeline.status());
        assertTrue(noTimeline.msg().startsWith("NotFound: Timeline"), noTimeline.body());
        assertEquals(404, ps.put("/v1/tenant/" + TenantId.generate() + "/timeline/" + tl + "/compact", null).status());

        RawHttp.Resp checkpoint = ps.put(base + "/checkpoint?compact=false&wait_until_uploaded=true", null);
        assertEquals(200, checkpoint.status(), checkpoint.body());
        assertEquals("null", checkpoint.body());
        assertEquals(400, ps.put(base + "/checkpoint?wait_until_flushed=1", null).status());
        assertEquals(404, ps.put("/v1/tenant/" + tenant + "/timeline/" + TimelineId.generate() + "/checkpoint", null).status());
    }

    @Test
    void preservedInitdbArchive_letsADeletedTimelineBeRecreatedUnderItsId(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId kept = s.createTimeline(tenant);
        TimelineId lost = s.createTimeline(tenant);
        RawHttp ps = s.pageserver(1);
        String timelines = "/v1/tenant/" + tenant + "/timeline";

        RawHttp.Resp preserved = ps.post(timelines + "/" + kept + "/preserve_initdb_archive", null);
        assertEquals(200, preserved.status(), preserved.body());
        assertEquals("null", preserved.body());
        assertEquals(404, ps.post(timelines + "/" + TimelineId.generate() + "/preserve_initdb_archive", null).status());
        TimelineId branch = TimelineId.generate();
        assertEquals(201, ps.post(timelines, "{\"new_timeline_id\": \"" + branch + "\", \"ancestor_timeline_id\": \"" + kept + "\"}").status());
        RawHttp.Resp noArchive = ps.post(timelines + "/" + branch + "/preserve_initdb_archive", null);
        assertEquals(500, noArchive.status(), "a branch has no initdb archive");
        assertTrue(noArchive.msg().startsWith("preserving initdb archive:"), noArchive.body());

        RawHttp.Resp fromOther = ps.post(timelines, "{\"new_timeline_id\": \"" + TimelineId.generate()
                + "\", \"existing_initdb_timeline_id\": \"" + kept + "\", \"pg_version\": 16}");
        assertEquals(201, fromOther.status(), "another live timeline's archive is copied: " + fromOther.body());
        assertEquals(202, ps.delete(timelines + "/" + branch).status());
        Await.until("branch gone", () -> ps.get(timelines + "/" + branch).status(), st -> st == 404);
        for (TimelineId tl : new TimelineId[] {kept, lost}) {
            assertEquals(202, ps.delete(timelines + "/" + tl).status());
            Await.until(tl + " gone", () -> ps.get(timelines + "/" + tl).status(), st -> st == 404);
        }

        RawHttp.Resp recreated = ps.post(timelines, "{\"new_timeline_id\": \"" + kept + "\", \"existing_initdb_timeline_id\": \""
                + kept + "\", \"pg_version\": 16}");
        assertEquals(201, recreated.status(), recreated.body());
        assertEquals(INITDB_LSN, recreated.json().path("last_record_lsn").asText());
        RawHttp.Resp notPreserved = ps.post(timelines, "{\"new_timeline_id\": \"" + lost + "\", \"existing_initdb_timeline_id\": \""
                + lost + "\", \"pg_version\": 16}");
        assertEquals(500, notPreserved.status(), notPreserved.body());
        assertTrue(notPreserved.msg().startsWith("download initdb tar:"), notPreserved.body());
        assertEquals(404, ps.get(timelines + "/" + lost).status());
    }

    @Test
    void importBasebackup_createsTheTimelineAtBaseLsn(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        RawHttp ps = s.pageserver(1);
        TimelineId tl = TimelineId.generate();
        String path = "/v1/tenant/" + tenant + "/timeline/" + tl + "/import_basebackup";
        String query = "?base_lsn=0/2000028&end_lsn=0/2000100&pg_version=16";

        RawHttp.Resp imported = ps.putBytes(path + query, Tars.basebackup(), "application/x-tar");
        assertEquals(200, imported.status(), imported.body());
        assertEquals("null", imported.body());
        JsonNode info = ps.get("/v1/tenant/" + tenant + "/timeline/" + tl).json();
        assertEquals("0/2000028", info.path("initdb_lsn").asText());
        assertEquals("0/2000028", info.path("last_record_lsn").asText());
        assertTrue(info.path("ancestor_timeline_id").isNull());
        assertEquals(16, info.path("pg_version").asInt());
        assertEquals("Active", info.path("state").asText());

        RawHttp.Resp again = ps.putBytes(path + query, Tars.basebackup(), "application/x-tar");
        assertEquals(500, again.status(), "create_empty_timeline fails with conflict");
        assertEquals("timeline already exists with different parameters", again.msg());

        TimelineId other = TimelineId.generate();
        String otherPath = "/v1/tenant/" + tenant + "/timeline/" + other + "/import_basebackup";
        Map<String, byte[]> noControl = new LinkedHashMap<>();
        noControl.put("PG_VERSION", "16\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        RawHttp.Resp missing = ps.putBytes(otherPath + query, Tars.archive(noControl, true), "application/x-tar");
        assertEquals(500, missing.status());
        assertEquals("pg_control file not found", missing.msg());
        Map<String, byte[]> control = new LinkedHashMap<>();
        control.put("global/pg_control", new byte[100]);
        RawHttp.Resp noEof = ps.putBytes(otherPath + query, Tars.archive(control, false), "application/x-tar");
        assertEquals(500, noEof.status(), noEof.body());
        assertEquals(404, ps.get("/v1/tenant/" + tenant + "/timeline/" + other).status(), "a failed import leaves no timeline");

        RawHttp.Resp noBase = ps.putBytes(otherPath + "?end_lsn=0/2000100&pg_version=16", Tars.basebackup(), "application/x-tar");
        assertEquals(400, noBase.status());
        assertEquals("no base_lsn specified in query parameters", noBase.msg());
        RawHttp.Resp oldPg = ps.putBytes(otherPath + "?base_lsn=0/2000028&end_lsn=0/2000100&pg_version=13", Tars.basebackup(),
                "application/x-tar");
        assertEquals(400, oldPg.status());
        assertEquals(404, ps.putBytes("/v1/tenant/" + TenantId.generate() + "/timeline/" + other + "/import_basebackup" + query,
                Tars.basebackup(), "application/x-tar").status());
    }
}
