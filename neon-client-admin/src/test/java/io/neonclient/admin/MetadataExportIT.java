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
            assertTrue(json.contains("\"computes\" : [ ]"), json);

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

    @Test
    void export_withTheComputeRegistry_writesEachComputeAndItsSpec_neverAToken(@TempDir Path dir) throws Exception {
        ComputeStore store = ComputeStore.inMemory();
        try (ComputeCluster env = ComputeCluster.start(2, false, b -> b, store)) {
            io.neonclient.compute.ComputeClient running = env.startCompute();
            String runningId = ComputeRegistry.idOf(running);
            var spec = io.neonclient.compute.ComputeSpec.minimal(env.tenant, env.timeline).withStorageAuthToken("eyJ.secret-storage-token.sig");
            store.put(ComputeRecord.of("by-hand", java.net.URI.create("http://10.0.0.7:3080"), spec));

            Path file = MetadataExport.read(env.storcon, BackupCatalog.inMemory(), store, env.clock()).write(dir.resolve("meta.json"));
            String json = Files.readString(file);
            assertFalse(json.contains("secret-storage-token"), "no token in the file");
            assertTrue(json.contains("\"compute_ctl_url\" : \"http://10.0.0.7:3080\""), json);

            MetadataExport back = MetadataExport.readFile(file);
            assertEquals(List.of(runningId, "by-hand"), back.computes().stream().map(ComputeRecord::computeId).toList());
            ComputeRecord first = back.computes().get(0);
            assertEquals(env.tenant, first.tenantId());
            assertEquals(env.timeline, first.timelineId());
            assertEquals(store.find(runningId).orElseThrow().spec().pageserverConnectionInfo(), first.spec().pageserverConnectionInfo(),
                    "the last applied spec, with its shard placement");
            assertEquals(java.util.Optional.empty(), back.computes().get(1).spec().storageAuthToken());
            assertTrue(store.find("by-hand").orElseThrow().spec().storageAuthToken().isPresent(), "the registry itself is unchanged");
            assertFalse(back.notIncluded().stream().anyMatch(n -> n.startsWith("the compute registry")), back.notIncluded().toString());
            assertThrows(NullPointerException.class, () -> MetadataExport.read(env.storcon, BackupCatalog.inMemory(), null, env.clock()));
        }
    }
}
