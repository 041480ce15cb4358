package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.BadRequestException;
import io.neonclient.core.Lsn;
import io.neonclient.core.ServerErrorException;
import io.neonclient.model.RelSizeMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction queue, index part patch, touchpage, keyspace, import_wal, feature flags and key reload
 * (pageserver/src/http/routes.rs): exact request bytes and the answers upstream's serde types write.
 */
class PageserverRepairRoutesTest extends PageserverTestBase {
    static final String KEY_A = "000000067F000032BE0000400000000070B6";
    static final String KEY_B = "000000067F000032BE0000400000000080B6";

    @Test
    void scheduleCompaction_sendsScheduledCompactRequest_andCompactionJobsReadTheQueue() {
        server.stubFor(put(tl(SHARD0, MAIN) + "/compact").willReturn(okJson("null")));
        ps.timeline(SHARD0, MAIN).scheduleCompaction(true);
        server.verify(putRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/compact"))
                .withRequestBody(equalToJson("{\"scheduled\":true,\"sub_compaction\":true}")));
        server.stubFor(get(tl(SHARD0, MAIN) + "/compact").willReturn(okJson("""
                [{"compact_key_range":null,"compact_lsn_range":{"start":"0/0","end":"FFFFFFFF/FFFFFFFF"},"sub_compaction":false,
                  "running":true,"job_id":3},
                 {"compact_key_range":{"start":"%s","end":"%s"},"compact_lsn_range":null,"sub_compaction":true,
                  "running":false,"job_id":4}]""".formatted(KEY_A, KEY_B))));
        List<CompactionJob> jobs = ps.timeline(SHARD0, MAIN).compactionJobs();
        assertEquals(2, jobs.size());
        assertTrue(jobs.get(0).running());
        assertEquals(Optional.empty(), jobs.get(0).compactKeyRange());
        assertEquals(Lsn.parse("FFFFFFFF/FFFFFFFF"), jobs.get(0).compactLsnRange().orElseThrow().end());
        assertEquals(new KeyRange(KEY_A, KEY_B), jobs.get(1).compactKeyRange().orElseThrow());
        assertEquals(4, jobs.get(1).jobId());
        assertTrue(jobs.get(1).subCompaction());
    }

    @Test
    void cancelScheduledCompaction_sendsDelete_andAnEmptyQueueReadsEmpty() {
        server.stubFor(delete(tl(SHARD0, MAIN) + "/compact").willReturn(okJson("null")));
        server.stubFor(get(tl(SHARD0, MAIN) + "/compact").willReturn(okJson("[]")));
        ps.timeline(SHARD0, MAIN).cancelScheduledCompaction();
        assertEquals(List.of(), ps.timeline(SHARD0, MAIN).compactionJobs());
        server.verify(deleteRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/compact")));
    }

    @Test
    void patchIndexPart_writesEveryFieldAsSerdeDoes() {
        server.stubFor(post(tl(SHARD0, MAIN) + "/patch_index_part").willReturn(okJson("null")));
        ps.timeline(SHARD0, MAIN).patchIndexPart(IndexPartPatch.none()
                .withRelSizeMigration(RelSizeMigration.MIGRATED, Lsn.parse("0/16B5A50"))
                .withForceIndexUpdate(true));
        server.verify(postRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/patch_index_part")).withRequestBody(equalToJson("""
                {"rel_size_migration":"migrated","rel_size_migrated_at":"0/16B5A50","gc_compaction_last_completed_lsn":null,
                 "applied_gc_cutoff_lsn":null,"force_index_update":true}""")));
        server.stubFor(post(tl(SHARD0, MAIN) + "/patch_index_part").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"msg\":\"Tenant not found\"}")));
        assertThrows(BadRequestException.class, () -> ps.timeline(SHARD0, MAIN).patchIndexPart(IndexPartPatch.none()
                .withAppliedGcCutoffLsn(Lsn.parse("0/1"))));
    }

    @Test
    void indexPartPatch_migratedAtWithoutMigration_isRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new IndexPartPatch(Optional.empty(),
                Optional.of(Lsn.parse("0/1")), Optional.empty(), Optional.empty(), false));
        assertTrue(e.getMessage().startsWith("relSizeMigratedAt needs relSizeMigration"), e.getMessage());
        assertThrows(NullPointerException.class, () -> ps.timeline(SHARD0, MAIN).patchIndexPart(null));
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void touchpage_sendsKeyAndLsn() {
        server.stubFor(get(urlPathEqualTo(tl(SHARD0, MAIN) + "/touchpage")).willReturn(okJson("null")));
        ps.timeline(SHARD0, MAIN).touchpage(KEY_A);
        ps.timeline(SHARD0, MAIN).touchpage(KEY_A, Lsn.parse("0/16B5A50"));
        server.verify(getRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/touchpage?key=" + KEY_A)));
        server.verify(getRequestedFor(urlPathEqualTo(tl(SHARD0, MAIN) + "/touchpage")).withQueryParam("key", equalTo(KEY_A))
                .withQueryParam("lsn", equalTo("0/16B5A50")));
    }

    @Test
    void touchpage_aKeyThatIsNotHex_isRefusedBeforeSending() {
        var e = assertThrows(IllegalArgumentException.class, () -> ps.timeline(SHARD0, MAIN).touchpage("rel 1663/5/1259"));
        assertEquals("key must be a key of 36 hex digits, got 'rel 1663/5/1259'", e.getMessage());
        assertThrows(NullPointerException.class, () -> ps.timeline(SHARD0, MAIN).touchpage(KEY_A, null));
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void keyspace_readsPartitioningPairs() {
        server.stubFor(get(urlPathEqualTo(tl(SHARD0, MAIN) + "/keyspace")).willReturn(okJson("""
                {"keys":[["%s","%s"]],"sparse_keys":[],"at_lsn":"0/16B5A50"}""".formatted(KEY_A, KEY_B))));
        Keyspace ks = ps.timeline(SHARD0, MAIN).keyspace(Lsn.parse("0/16B5A50"));
        assertEquals(List.of(new KeyRange(KEY_A, KEY_B)), ks.keys());
        assertEquals(List.of(), ks.sparseKeys());
        assertEquals(Lsn.parse("0/16B5A50"), ks.atLsn());
        server.verify(getRequestedFor(urlPathEqualTo(tl(SHARD0, MAIN) + "/keyspace")).withQueryParam("at_lsn", equalTo("0/16B5A50")));
        ps.timeline(SHARD0, MAIN).keyspace();
        server.verify(getRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/keyspace")));
    }

    @Test
    void importWal_streamsTheTar_withBothLsns(@TempDir Path dir) throws Exception {
        Path tar = Files.write(dir.resolve("wal.tar"), new byte[1024]);
        String path = "/v1/tenant/" + UNSHARDED.tenantId() + "/timeline/" + MAIN + "/import_wal";
        server.stubFor(put(urlPathEqualTo(path)).willReturn(okJson("null")));
        ps.timeline(UNSHARDED, MAIN).importWal(tar, Lsn.parse("0/16B5A50"), Lsn.parse("0/2000000"));
        server.verify(putRequestedFor(urlPathEqualTo(path)).withQueryParam("start_lsn", equalTo("0/16B5A50"))
                .withQueryParam("end_lsn", equalTo("0/2000000"))
                .withHeader("Content-Type", equalTo("application/x-tar")).withRequestBody(binaryEqualTo(new byte[1024])));
        server.stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"msg\":\"Cannot import WAL from Lsn 0/16B5A50 because timeline does not start from the same lsn: 0/16B5B00\"}")));
        var e = assertThrows(ServerErrorException.class,
                () -> ps.timeline(UNSHARDED, MAIN).importWal(tar, Lsn.parse("0/16B5A50"), Lsn.parse("0/2000000")));
        assertTrue(e.serverMessage().contains("does not start from the same lsn"), e.serverMessage());
    }

    @Test
    void importWal_refusesShardedTenantsBackwardsRangesAndMissingFiles(@TempDir Path dir) {
        var sharded = assertThrows(IllegalArgumentException.class,
                () -> ps.timeline(SHARD0, MAIN).importWal(dir.resolve("x.tar"), Lsn.parse("0/1"), Lsn.parse("0/2")));
        assertTrue(sharded.getMessage().startsWith("import_wal works on unsharded tenants only"), sharded.getMessage());
        var backwards = assertThrows(IllegalArgumentException.class,
                () -> ps.timeline(UNSHARDED, MAIN).importWal(dir.resolve("x.tar"), Lsn.parse("0/2"), Lsn.parse("0/1")));
        assertEquals("endLsn (0/1) must not be before startLsn (0/2)", backwards.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> ps.timeline(UNSHARDED, MAIN).importWal(dir.resolve("x.tar"), Lsn.parse("0/1"), Lsn.parse("0/2")));
        assertTrue(missing.getMessage().startsWith("tarFile must be a readable file"), missing.getMessage());
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void featureFlag_readsOkAndErrResults_withProperties() {
        String path = "/v1/tenant/" + SHARD0 + "/feature_flag/test-remote-size-flag";
        server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("""
                {"result":{"Ok":true},"properties":{"tenant_id":"%s","tenant_remote_size_mb":12.5,"region":"eu-west-1"}}"""
                .formatted(SHARD0.tenantId()))));
        FeatureFlagEvaluation on = ps.tenant(SHARD0).featureFlag("test-remote-size-flag", FeatureFlagType.BOOLEAN);
        assertTrue(on.matched());
        assertEquals(Optional.of("true"), on.value());
        assertEquals(12.5, on.properties().get("tenant_remote_size_mb"));
        server.verify(getRequestedFor(urlEqualTo(path + "?as=boolean")));
        server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"result\":{\"Err\":\"No condition group is matched\"},\"properties\":{}}")));
        FeatureFlagEvaluation off = ps.tenant(SHARD0).featureFlag("test-remote-size-flag");
        assertFalse(off.matched());
        assertEquals(Optional.of("No condition group is matched"), off.error());
        server.verify(getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void featureFlag_multivariateGivesTheVariant_andBadKeysAreRefused() {
        String path = "/v1/tenant/" + SHARD0 + "/feature_flag/gc-compaction-mode";
        server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"result\":{\"Ok\":\"aggressive\"},\"properties\":{}}")));
        assertEquals(Optional.of("aggressive"), ps.tenant(SHARD0).featureFlag("gc-compaction-mode", FeatureFlagType.MULTIVARIATE).value());
        server.verify(getRequestedFor(urlEqualTo(path + "?as=multivariate")));
        var e = assertThrows(IllegalArgumentException.class, () -> ps.tenant(SHARD0).featureFlag("a/b"));
        assertEquals("flagKey must be letters, digits, '_', '-' or '.', got 'a/b'", e.getMessage());
        assertEquals(1, server.getAllServeEvents().size());
    }

    @Test
    void forceRefreshFeatureFlag_posts() {
        String path = "/v1/tenant/" + SHARD0 + "/force_refresh_feature_flag";
        server.stubFor(post(path).willReturn(okJson("null")));
        ps.tenant(SHARD0).forceRefreshFeatureFlag();
        server.verify(postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void reloadAuthValidationKeys_postsWithTheToken() {
        server.stubFor(post("/v1/reload_auth_validation_keys").willReturn(aResponse().withStatus(200)));
        ps.reloadAuthValidationKeys();
        server.verify(postRequestedFor(urlEqualTo("/v1/reload_auth_validation_keys")).withHeader("Authorization", equalTo("Bearer test-token")));
    }
}
