package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.MetadataExport;
import io.neonclient.core.PlacementPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataExportIT {

    @Test
    void export_writesNodesTenantsShardLayoutTimelinesAndTheCatalog_andReadsBack(@TempDir Path dir) throws Exception {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.write(4096);
            BackupCatalog catalog = BackupCatalog.inMemory();
            CatalogEntry e = BackupSnapshotIT.snapshot(env, catalog).named("nightly").run(x -> { }).value(io.neonclient.admin.backup.BackupSnapshot.RECORD);
            Path file = MetadataExport.read(env.storcon, catalog, env.clock()).write(dir.resolve("meta.json"));
            String json = Files.readString(file);
            assertTrue(json.contains("\"stripe_size\""), "snake_case wire names");
            assertTrue(json.contains("compute registry"), "says what it leaves out");

            MetadataExport back = MetadataExport.readFile(file);
            assertEquals(2, back.nodes().size());
            assertEquals(1, back.tenants().size());
            var t = back.tenants().get(0);
            assertEquals(env.tenant, t.description().tenantId());
            assertEquals(PlacementPolicy.attached(1), t.description().policy());
            assertEquals(2, t.description().shards().size());
            assertEquals(2, t.timelines().size(), "the timeline and its snapshot branch");
            assertEquals(List.of(e), back.catalog());
            assertFalse(back.exportedAt().isAfter(env.now()), "the simulated clock's time");
            assertThrows(IllegalArgumentException.class, () -> MetadataExport.readFile(Files.writeString(dir.resolve("bad.json"), "[]")));
        }
    }
}
