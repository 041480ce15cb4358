package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.BadRequestException;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.TenantConfig;
import io.neonclient.model.TenantConfigView;
import io.neonclient.model.Timeline;
import io.neonclient.pageserver.CheckpointOptions;
import io.neonclient.pageserver.CompactOptions;
import io.neonclient.pageserver.ImportBasebackupRequest;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.pageserver.PageserverTenant;
import io.neonclient.pageserver.PageserverTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same routes through the SDK's {@link PageserverClient}, with the cluster's tokens (auth on). */
@NeonCluster(pageservers = 1, safekeepers = 1, registerNodes = true, auth = true)
class PageserverMaintenanceClientIT {

    @Test
    void tenantConfig_readUpdatePatch(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        PageserverClient ps = cluster.pageserverClient(1);
        PageserverTenant t = ps.tenant(TenantShardId.unsharded(tenant));

        TenantConfigView initial = t.config();
        assertEquals(Map.of("gc_period", "1h"), initial.tenantSpecificOverrides().settings());
        assertEquals("7days", initial.effectiveConfig().get("pitr_interval").orElseThrow());

        t.updateConfig(TenantConfig.empty().with("pitr_interval", "2days").with("gc_horizon", 1024));
        assertEquals(Map.of("pitr_interval", "2days", "gc_horizon", 1024), t.config().tenantSpecificOverrides().settings());
        t.patchConfig(TenantConfig.empty().with("image_creation_threshold", 5), List.of("gc_horizon"));
        TenantConfigView patched = t.config();
        assertEquals(Map.of("pitr_interval", "2days", "image_creation_threshold", 5), patched.tenantSpecificOverrides().settings());
        assertEquals(5, patched.effectiveConfig().get("image_creation_threshold").orElseThrow());
        assertEquals(64 * 1024 * 1024, patched.effectiveConfig().get("gc_horizon").orElseThrow(), "back to the default");

        assertThrows(BadRequestException.class, () -> t.updateConfig(TenantConfig.empty().with("no_such_setting", 1)));
        assertThrows(NotFoundException.class, () -> ps.tenant(TenantShardId.unsharded(TenantId.generate())).config());
        assertThrows(NotFoundException.class,
                () -> ps.tenant(TenantShardId.unsharded(TenantId.generate())).patchConfig(TenantConfig.empty().with("gc_horizon", 1), List.of()));
    }

    @Test
    void compactCheckpointAndPreserveInitdb(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        PageserverClient ps = cluster.pageserverClient(1);
        PageserverTimeline timeline = ps.timeline(TenantShardId.unsharded(tenant), tl);

        timeline.compact(CompactOptions.defaults().withForceImageLayerCreation(true).withWaitUntilUploaded(true));
        timeline.checkpoint(CheckpointOptions.defaults().withCompact(false));
        timeline.preserveInitdbArchive();
        PageserverTimeline missing = ps.timeline(TenantShardId.unsharded(tenant), TimelineId.generate());
        assertThrows(NotFoundException.class, () -> missing.compact(CompactOptions.defaults()));
        assertThrows(NotFoundException.class, () -> missing.checkpoint(CheckpointOptions.defaults()));
        assertThrows(NotFoundException.class, missing::preserveInitdbArchive);
    }

    @Test
    void importBasebackup_streamsATarFile(NeonTestCluster cluster, @TempDir Path dir) throws IOException {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        PageserverClient ps = cluster.pageserverClient(1);
        Path tar = Files.write(dir.resolve("base.tar"), Tars.basebackup());
        TimelineId tl = TimelineId.generate();
        PageserverTimeline timeline = ps.timeline(TenantShardId.unsharded(tenant), tl);
        Lsn base = Lsn.parse("0/3000028");

        timeline.importBasebackup(new ImportBasebackupRequest(tar, base, Lsn.parse("0/3000100"), 15));
        Timeline info = timeline.describe();
        assertEquals(base, info.lastRecordLsn());
        assertEquals(15, info.pgVersion());
        assertFalse(info.ancestorTimelineId().isPresent());
        ServerErrorException conflict = assertThrows(ServerErrorException.class,
                () -> timeline.importBasebackup(new ImportBasebackupRequest(tar, base, base, 15)));
        assertTrue(conflict.getMessage().contains("already exists"), conflict.getMessage());

        Path broken = Files.write(dir.resolve("broken.tar"), Tars.archive(Map.of("PG_VERSION", new byte[3]), true));
        PageserverTimeline other = ps.timeline(TenantShardId.unsharded(tenant), TimelineId.generate());
        ServerErrorException noControl = assertThrows(ServerErrorException.class,
                () -> other.importBasebackup(new ImportBasebackupRequest(broken, base, base, 15)));
        assertTrue(noControl.getMessage().contains("pg_control file not found"), noControl.getMessage());
        assertThrows(NotFoundException.class, other::describe);
    }
}
