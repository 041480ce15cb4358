package io.neonclient.samples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.Journal;
import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.TestPostgres;
import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.BackupPrune;
import io.neonclient.admin.backup.BackupSnapshot;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.CatalogReconciliation;
import io.neonclient.admin.backup.DumpRecord;
import io.neonclient.admin.backup.LogicalDump;
import io.neonclient.admin.backup.MetadataExport;
import io.neonclient.admin.backup.OncePer;
import io.neonclient.admin.backup.RestoreInPlace;
import io.neonclient.admin.backup.RestoreToBranch;
import io.neonclient.admin.backup.RetentionDecision;
import io.neonclient.admin.backup.RetentionPolicy;
import io.neonclient.admin.backup.SnapshotDump;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.Lsn;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.TestCompute;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/backups-and-restores.md: each {@code tag::} region is copied into the guide verbatim
 * (DocsSnippetsTest checks that they agree), and this class runs it on the testkit, whose clock follows this machine's.
 */
class BackupsGuideIT {

    @Test
    void theGuide(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(0).registerNodes(true).build().start()) {
            StorageControllerClient storcon = cluster.storageControllerClient();
            TestkitGuideIT.awaitNodesActive(storcon);
            TenantId tenant = TenantId.generate();
            TimelineId main = TimelineId.generate();
            storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                    .await(Duration.ofSeconds(30));
            storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(main, 16));
            Lsn before = cluster.write(tenant, main, 8192);
            Path catalogFile = dir.resolve("catalog.json");

            // tag::snapshot[]
            BackupCatalog catalog = BackupCatalog.file(catalogFile); // or BackupCatalog.on(Journal.postgres(url, password))
            BackupSnapshot nightly = BackupSnapshot.of(storcon, catalog, tenant, main)
                    .named("nightly-2025-01-01").label("kind", "nightly")
                    .oncePer(OncePer.DAY)   // a second run the same UTC day is a no-op that says so
                    .archived();            // offloaded: costs nothing on the pageservers
            nightly.steps().forEach(System.out::println);   // the plan, nothing sent yet
            CatalogEntry taken = nightly.run(System.out::println).value(BackupSnapshot.RECORD);
            taken.manifest().doesNotCover().forEach(gap -> System.out.println("not covered: " + gap));
            // end::snapshot[]
            assertEquals(before, taken.lsn());

            // tag::reconcile[]
            CatalogReconciliation check = catalog.reconcile(storcon, tenant);
            check.gone().forEach(e -> System.out.println("branch gone: " + e.name()));
            check.strays().forEach(s -> System.out.println("not in the catalog: " + s));
            // end::reconcile[]
            assertTrue(check.clean());

            BackupSnapshot.of(storcon, catalog, tenant, main).named("adhoc").run(e -> { });
            // tag::retention[]
            BackupPrune prune = BackupPrune.of(storcon, catalog, tenant, RetentionPolicy.keepLast(2).withKeepDaily(7).withKeepMonthly(12));
            for (RetentionDecision d : prune.preview()) {    // the dry run: what goes and why, nothing deleted
                System.out.println(d);
            }
            List<String> deleted = prune.run(System.out::println).value(BackupPrune.DELETE);
            // end::retention[]
            assertEquals(List.of(), deleted, "two snapshots, both among the last two");

            Lsn after = cluster.write(tenant, main, 8192);
            // tag::restore-branch[]
            RecipeResult copy = RestoreToBranch.of(storcon, catalog, tenant, "nightly-2025-01-01")
                    .withJournal(Journal.file(dir.resolve("restore-branch.json")))
                    .run(System.out::println);
            TimelineId restored = copy.value(RestoreToBranch.BRANCH);   // start a compute on it, or re-point yours
            // end::restore-branch[]
            assertEquals(before, storcon.tenant(tenant).timeline(restored).describe().ancestorLsn().orElseThrow());

            // tag::restore-in-place[]
            RestoreInPlace inPlace = RestoreInPlace.repointingTimeline(storcon, catalog, tenant, "nightly-2025-01-01")
                    .confirmedBy(tenant.toString())   // what the operator typed; anything else is refused
                    .assumingNoComputes()             // or withComputes(fleet) to stop and re-point them
                    .withJournal(Journal.file(dir.resolve("restore-in-place.json")));
            RecipeResult result = inPlace.run(System.out::println);
            System.out.println(result.value(RestoreInPlace.UNDO));
            // end::restore-in-place[]
            assertEquals(after, result.value(RestoreInPlace.PRE_RESTORE).snapshot().lsn());
            assertTrue(result.value(RestoreInPlace.UNDO).contains("Undo"));

            try (TestPostgres pg = TestPostgres.start()) {
                String password = TestPostgres.PASSWORD;
                String computePostgres = "postgresql://" + TestPostgres.USER + "@127.0.0.1:" + pg.port + "/postgres";
                // tag::dump[]
                LogicalDump dump = LogicalDump.of(catalog, tenant, "nightly-2025-01-01", LogicalDump.Target.parse(computePostgres), password);
                System.out.println(dump.checkVersions().advice());   // which pg_dump to use when the versions differ
                DumpRecord file = dump.to(dir.resolve("nightly.dump"));   // recorded against the snapshot
                // end::dump[]
                assertTrue(file.bytes() > 0);
                assertFalse(catalog.find(tenant, "nightly-2025-01-01").orElseThrow().dumps().isEmpty());

                TestCompute running = cluster.startCompute(tenant, main);
                try (ComputeStore registry = ComputeStore.file(dir.resolve("registry.json"))) {
                    registry.put(ComputeRecord.of("compute-1", running.uri(), ComputeSpec.parse(running.specJson())));
                    // tag::dump-compute[]
                    ComputeRecord registered = registry.find("compute-1").orElseThrow();
                    ComputeClient compute = ComputeClient.builder().baseUri(registered.computeCtlUrl()).build();
                    SnapshotDump atLsn = SnapshotDump.of(storcon, catalog, tenant, "nightly-2025-01-01", compute,
                                    LogicalDump.Target.parse(computePostgres), password, dir.resolve("nightly-static.dump"))
                            .puttingBack(registered.spec())   // its registered spec again afterwards
                            .withJournal(Journal.file(dir.resolve("dump.json")));
                    RecipeResult dumped = atLsn.run(System.out::println);
                    // end::dump-compute[]
                    assertEquals("registered spec", dumped.value(SnapshotDump.PUT_BACK));
                    assertTrue(running.specJson().contains("\"Primary\""), running.specJson());

                    // tag::export[]
                    MetadataExport metadata = MetadataExport.read(storcon, catalog, registry, Clock.systemUTC());
                    metadata.write(dir.resolve("meta.json"));   // the computes' specs without tokens
                    // end::export[]
                    assertEquals(List.of("compute-1"), metadata.computes().stream().map(ComputeRecord::computeId).toList());
                }
            }
        }
    }
}
