package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.AuthException;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.RelSizeMigration;
import io.neonclient.model.TenantConfig;
import io.neonclient.model.Timeline;
import io.neonclient.pageserver.CompactionJob;
import io.neonclient.pageserver.FeatureFlagEvaluation;
import io.neonclient.pageserver.FeatureFlagType;
import io.neonclient.pageserver.ImportBasebackupRequest;
import io.neonclient.pageserver.IndexPartPatch;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.pageserver.PageserverTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled-compaction queue, patch_index_part, touchpage, import_wal and feature flags on the simulated pageserver
 * (pageserver/src/http/routes.rs handlers), through the SDK's {@link PageserverClient}, auth on.
 */
@NeonCluster(pageservers = 1, safekeepers = 1, registerNodes = true, auth = true)
class PageserverRepairRoutesIT {
    static final String KEY = "000000067F000032BE0000400000000070B6";

    @Test
    void scheduledCompactions_queueUntilTheLoopTakesThem_andCancelEmptiesTheQueue(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        PageserverClient ps = cluster.pageserverClient(1);
        // ten hours upstream are 6 minutes at the cluster's time scale (100): the queue stays put while the test looks
        ps.tenant(TenantShardId.unsharded(tenant)).patchConfig(TenantConfig.empty().with("compaction_period", Duration.ofHours(10)), List.of());
        PageserverTimeline timeline = ps.timeline(TenantShardId.unsharded(tenant), tl);
        assertEquals(List.of(), timeline.compactionJobs());

        timeline.scheduleCompaction(false);
        timeline.scheduleCompaction(true);
        List<CompactionJob> queued = timeline.compactionJobs();
        assertEquals(List.of(0L, 1L), queued.stream().map(CompactionJob::jobId).toList());
        assertEquals(List.of(false, true), queued.stream().map(CompactionJob::subCompaction).toList());
        assertFalse(queued.get(0).running());
        assertEquals(Optional.empty(), queued.get(0).compactKeyRange());

        cluster.advanceClock(Duration.ofSeconds(361));
        assertEquals(List.of(1L), timeline.compactionJobs().stream().map(CompactionJob::jobId).toList(),
                "the compaction loop takes one job per compaction_period");
        timeline.cancelScheduledCompaction();
        assertEquals(List.of(), timeline.compactionJobs());
        timeline.scheduleCompaction(false);
        assertEquals(List.of(2L), timeline.compactionJobs().stream().map(CompactionJob::jobId).toList(), "ids keep counting");

        RawHttp.Resp waited = s.pageserver(1).put("/v1/tenant/" + tenant + "/timeline/" + tl
                + "/compact?wait_until_scheduled_compaction_done=true", "{\"scheduled\": true}");
        assertEquals(200, waited.status(), waited.body());
        assertEquals(List.of(), timeline.compactionJobs(), "a waiting request runs the queue through its job");
    }

    @Test
    void patchIndexPart_recordsTheMigrationAndCutoff_andNeedsAPageserverWideToken(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        Lsn end = cluster.write(tenant, tl, 100_000);
        PageserverTimeline timeline = cluster.pageserverClient(1).timeline(TenantShardId.unsharded(tenant), tl);

        timeline.patchIndexPart(IndexPartPatch.none().withRelSizeMigration(RelSizeMigration.MIGRATING, end)
                .withAppliedGcCutoffLsn(end).withForceIndexUpdate(true));
        Timeline info = timeline.describe();
        assertEquals(RelSizeMigration.MIGRATING, info.relSizeMigration().orElseThrow());
        assertEquals(end, info.relSizeMigratedAt().orElseThrow());
        assertEquals(end, info.appliedGcCutoffLsn());

        PageserverClient tenantScoped = cluster.pageserverClient(1).toBuilder()
                .config(ClientConfig.defaults().withBearerToken(cluster.tenantToken(tenant))).build();
        assertThrows(AuthException.class, () -> tenantScoped.timeline(TenantShardId.unsharded(tenant), tl)
                .patchIndexPart(IndexPartPatch.none().withForceIndexUpdate(true)));
        RawHttp.Resp refused = s.pageserver(1).post("/v1/tenant/" + tenant + "/timeline/" + tl + "/patch_index_part",
                "{\"rel_size_migrated_at\": \"0/1\"}");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("without rel_size_migration is not allowed"), refused.body());
    }

    @Test
    void touchpage_checksKeyAndTimeline_only(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        PageserverClient ps = cluster.pageserverClient(1);
        ps.timeline(TenantShardId.unsharded(tenant), tl).touchpage(KEY);
        ps.timeline(TenantShardId.unsharded(tenant), tl).touchpage(KEY, Lsn.parse("0/14EE150"));
        assertThrows(NotFoundException.class, () -> ps.timeline(TenantShardId.unsharded(tenant), TimelineId.generate()).touchpage(KEY));
        RawHttp.Resp noKey = s.pageserver(1).get("/v1/tenant/" + tenant + "/timeline/" + tl + "/touchpage");
        assertEquals(400, noKey.status());
        assertTrue(noKey.body().contains("missing 'key' query parameter"), noKey.body());
    }

    @Test
    void importWal_appendsTheSegmentsToAnImportedTimeline(NeonTestCluster cluster, @TempDir Path dir) throws IOException {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        PageserverClient ps = cluster.pageserverClient(1);
        TimelineId tl = TimelineId.generate();
        PageserverTimeline timeline = ps.timeline(TenantShardId.unsharded(tenant), tl);
        Lsn base = Lsn.parse("0/3000028");
        timeline.importBasebackup(new ImportBasebackupRequest(Files.write(dir.resolve("base.tar"), Tars.basebackup()),
                base, base, 16));

        Map<String, byte[]> segments = new LinkedHashMap<>();
        segments.put("pg_wal/", null);
        segments.put("pg_wal/000000010000000000000003", new byte[512]);
        segments.put("pg_wal/000000010000000000000004", new byte[512]);
        Path wal = Files.write(dir.resolve("wal.tar"), Tars.archive(segments, true));
        Lsn end = Lsn.parse("0/4000100");
        timeline.importWal(wal, base, end);
        assertEquals(end, timeline.describe().lastRecordLsn());

        ServerErrorException notAtStart = assertThrows(ServerErrorException.class, () -> timeline.importWal(wal, base, end));
        assertTrue(notAtStart.getMessage().contains("does not start from the same lsn: " + end), notAtStart.getMessage());
        Map<String, byte[]> short1 = new LinkedHashMap<>();
        short1.put("000000010000000000000004", new byte[512]);
        Path tooShort = Files.write(dir.resolve("short.tar"), Tars.archive(short1, true));
        ServerErrorException missing = assertThrows(ServerErrorException.class,
                () -> timeline.importWal(tooShort, end, Lsn.parse("0/5000000")));
        assertTrue(missing.getMessage().contains("expected more wal"), missing.getMessage());
        assertEquals(end, timeline.describe().lastRecordLsn(), "a failed import changes nothing");
    }

    @Test
    void featureFlags_evaluateTestOverridesOnly_andRefreshCollectsTheRemoteSize(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        s.createTimeline(tenant);
        TenantShardId shard = TenantShardId.unsharded(tenant);
        PageserverClient ps = cluster.pageserverClient(1);

        FeatureFlagEvaluation unset = ps.tenant(shard).featureFlag("test-remote-size-flag", FeatureFlagType.BOOLEAN);
        assertFalse(unset.matched());
        assertTrue(unset.error().orElseThrow().contains("PostHog integration is not enabled"), unset.error().orElseThrow());
        assertEquals(tenant.toString(), unset.properties().get("tenant_id"));
        assertFalse(unset.properties().containsKey("tenant_remote_size_mb"));
        ServerErrorException infer = assertThrows(ServerErrorException.class, () -> ps.tenant(shard).featureFlag("test-remote-size-flag"));
        assertTrue(infer.getMessage().contains("cannot auto-determine the flag type"), infer.getMessage());

        assertEquals(200, s.pageserver(1).put("/v1/feature_flag/test-remote-size-flag?value=true", "").status());
        assertEquals(200, s.pageserver(1).put("/v1/feature_flag/compaction-mode?value=aggressive", "").status());
        assertEquals(Optional.of("true"), ps.tenant(shard).featureFlag("test-remote-size-flag", FeatureFlagType.BOOLEAN).value());
        assertEquals(Optional.of("aggressive"), ps.tenant(shard).featureFlag("compaction-mode", FeatureFlagType.MULTIVARIATE).value());
        assertEquals(200, s.pageserver(1).delete("/v1/feature_flag/test-remote-size-flag").status());
        assertFalse(ps.tenant(shard).featureFlag("test-remote-size-flag", FeatureFlagType.BOOLEAN).matched());

        ps.tenant(shard).forceRefreshFeatureFlag();
        Object size = ps.tenant(shard).featureFlag("compaction-mode", FeatureFlagType.MULTIVARIATE).properties().get("tenant_remote_size_mb");
        assertTrue(size instanceof Number n && n.doubleValue() > 20, "the initdb image is about 24 MB, got " + size);
        assertThrows(NotFoundException.class, () -> ps.tenant(TenantShardId.unsharded(TenantId.generate())).forceRefreshFeatureFlag());
    }
}
