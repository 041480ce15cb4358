package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PgdataImport on the testkit, whose import jobs read the same directory an s3proxy (filesystem backend) serves: the
 * job waits for {@code status/pgdata}, fails without {@code pg_control}, pauses while a pageserver is down and resumes,
 * and reports through {@code import_complete} to a receiver the test runs.
 */
class PgdataImportIT {
    static final String BUCKET = "imports";
    static final CreateTimelineRequest.S3Location LOCATION = new CreateTimelineRequest.S3Location("us-east-1", BUCKET, "t/pgdata-1");

    /** An S3 server, a receiver, and a testkit cluster (2 pageservers, a 2-shard tenant) reading the server's directory. */
    static final class Env implements AutoCloseable {
        final S3TestServer s3;
        final ImportReceiver receiver = ImportReceiver.start();
        final NeonTestCluster cluster;
        final StorageControllerClient storcon;
        final TenantId tenant = TenantId.generate();
        final TimelineId timeline = TimelineId.generate();
        final TimelineId imported = TimelineId.generate();

        Env(Path dir) {
            s3 = S3TestServer.start(dir);
            s3.createBucket(BUCKET);
            cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).controlPlane(receiver.uri(), null)
                    .importBucketRoot(dir).importDuration(Duration.ofSeconds(20)).build().start();
            storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
        }

        void upload(boolean done, boolean controlFile) {
            if (controlFile) {
                s3.put(BUCKET, "t/pgdata-1/pgdata/global/pg_control", "control");
            }
            s3.put(BUCKET, "t/pgdata-1/status/pgdata", "{\"done\": " + done + "}");
        }

        PgdataImport recipe(String key) {
            return PgdataImport.of(storcon, tenant, imported, key, LOCATION).withWaitPolicy(RecipeHarness.WAIT);
        }

        @Override
        public void close() {
            try (s3; receiver) {
                cluster.close();
            }
        }
    }

    static void assertActiveEverywhere(Env env) {
        for (var s : env.storcon.tenant(env.tenant).describe().shards()) {
            assertFalse(s.isImporting(), "shard " + s.id());
            var n = env.storcon.nodes().list().stream().filter(x -> x.id().equals(s.attachedNode().orElseThrow())).findFirst().orElseThrow();
            var t = Placements.pageserver(env.storcon, n).timeline(s.id(), env.imported).describe();
            assertInstanceOf(io.neonclient.model.TimelineState.Active.class, t.state(), "shard " + s.id());
        }
    }

    @Test
    void aFinishedUpload_isCheckedImportedAndNotified(@TempDir Path dir) {
        try (Env env = new Env(dir); PgdataBucket bucket = env.s3.bucket()) {
            env.upload(true, true);
            PgdataImport imp = env.recipe("key-1").withBucket(bucket).withOutcomes(env.receiver);
            assertEquals(List.of("check", "start", "await", "verify"), imp.steps().stream().map(Step::name).toList());
            List<RecipeEvent> events = new java.util.ArrayList<>();

            RecipeResult r = imp.run(events::add);

            assertEquals(new PgdataImport.Precheck("s3://imports/t/pgdata-1", true, 2), r.value(PgdataImport.CHECK));
            assertEquals(env.imported, r.value(PgdataImport.START));
            assertTrue(r.value(PgdataImport.AWAIT).notified());
            assertEquals(2, r.value(PgdataImport.VERIFY).shards());
            assertTrue(env.receiver.find(env.tenant, env.imported).orElseThrow().succeeded());
            assertTrue(events.stream().anyMatch(e -> e instanceof StillWaiting w && w.reason().contains("shards importing")),
                    "progress names the shards importing: " + events);
            assertActiveEverywhere(env);
        }
    }

    @Test
    void withoutANotificationSource_completionComesFromTheCluster(@TempDir Path dir) {
        try (Env env = new Env(dir)) {
            env.upload(true, true);
            RecipeResult r = env.recipe("key-1").run(e -> { });
            assertFalse(r.value(PgdataImport.AWAIT).notified());
            assertFalse(r.value(PgdataImport.CHECK).bucketChecked());
            assertActiveEverywhere(env);
        }
    }

    @Test
    void anUnfinishedUpload_isRefusedByThePrecheck(@TempDir Path dir) {
        try (Env env = new Env(dir); PgdataBucket bucket = env.s3.bucket()) {
            env.upload(false, true);
            var failure = assertThrows(RecipeFailedException.class, () -> env.recipe("key-1").withBucket(bucket).run(e -> { }));
            assertEquals("check", failure.step());
            assertTrue(failure.getMessage().contains("wait for it for ever"), failure.getMessage());
            assertTrue(env.storcon.tenant(env.tenant).describe().shards().stream().noneMatch(s -> s.isImporting()), "nothing started");
        }
    }

    @Test
    void withoutTheCheck_theJobWaitsForTheStatusObject_thenImports(@TempDir Path dir) {
        try (Env env = new Env(dir)) {
            env.upload(false, true);
            AtomicInteger waits = new AtomicInteger();
            Consumer<RecipeEvent> finishUploadLater = e -> {
                if (e instanceof StillWaiting w && w.step().name().equals("await") && waits.incrementAndGet() == 5) {
                    env.upload(true, true);
                }
            };
            RecipeResult r = env.recipe("key-1").withOutcomes(env.receiver).run(finishUploadLater);
            assertTrue(waits.get() >= 5, "the import was still waiting when the upload finished");
            assertTrue(r.value(PgdataImport.AWAIT).notified());
            assertActiveEverywhere(env);
        }
    }

    @Test
    void aMissingControlFile_failsWithTheNotifiedError(@TempDir Path dir) {
        try (Env env = new Env(dir)) {
            env.upload(true, false);
            var failure = assertThrows(RecipeFailedException.class, () -> env.recipe("key-1").withOutcomes(env.receiver).run(e -> { }));
            assertEquals("await", failure.step());
            assertTrue(failure.getMessage().contains("pg_control"), failure.getMessage());
            assertFalse(env.receiver.find(env.tenant, env.imported).orElseThrow().succeeded());
        }
    }

    @Test
    void aMissingControlFile_withoutNotifications_failsOnThe404(@TempDir Path dir) {
        try (Env env = new Env(dir)) {
            env.upload(true, false);
            var failure = assertThrows(RecipeFailedException.class, () -> env.recipe("key-1").run(e -> { }));
            assertEquals("await", failure.step());
            assertTrue(failure.getMessage().contains("answers 404"), failure.getMessage());
        }
    }

    @Test
    void aRepeatWithTheSameKey_isTheSameImport_anotherKeyIsExplained(@TempDir Path dir) {
        try (Env env = new Env(dir)) {
            env.upload(true, true);
            env.recipe("key-1").run(e -> { });
            RecipeResult again = env.recipe("key-1").run(e -> { });
            assertEquals(env.imported, again.value(PgdataImport.START));
            var failure = assertThrows(RecipeFailedException.class, () -> env.recipe("key-2").run(e -> { }));
            assertEquals("start", failure.step());
            assertTrue(failure.getMessage().contains("another idempotency key is another import"), failure.getMessage());
        }
    }

    @Test
    void aPageserverRestartMidImport_resumesIt(@TempDir Path dir) {
        try (Env env = new Env(dir)) {
            env.upload(true, true);
            AtomicInteger waits = new AtomicInteger();
            Consumer<RecipeEvent> restart = e -> {
                if (e instanceof StillWaiting w && w.step().name().equals("await")) {
                    int n = waits.incrementAndGet();
                    if (n == 2) {
                        env.cluster.stopPageserver(1);
                    } else if (n == 6) {
                        env.cluster.startPageserver(1);
                    }
                }
            };
            RecipeResult r = env.recipe("key-1").withOutcomes(env.receiver).run(restart);
            assertTrue(waits.get() >= 6, "the pageserver came back before the import finished");
            assertTrue(env.cluster.pageserverRunning(1));
            assertTrue(r.value(PgdataImport.AWAIT).notified());
            assertActiveEverywhere(env);
        }
    }

    @Test
    void aBlankKey_isRejectedBeforeAnyRequest() {
        var e = assertThrows(IllegalArgumentException.class, () -> PgdataImport.of(
                StorageControllerClient.create("http://127.0.0.1:9"), TenantId.generate(), TimelineId.generate(), " ", LOCATION));
        assertTrue(e.getMessage().contains("idempotencyKey"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "start", "await", "verify"})
    void killedAtAnyStep_resumes(String step, @TempDir Path dir) {
        try (Env env = new Env(dir)) {
            env.upload(true, true);
            Path file = dir.resolve("import.json");
            RecipeHarness.runUntilCrash(env.recipe("key-1").withOutcomes(env.receiver).withJournal(Journal.file(file)),
                    new RecipeHarness.Crash(RecipeHarness.midStep(step)));
            RecipeResult r = env.recipe("key-1").withOutcomes(env.receiver).withJournal(Journal.file(file)).run(e -> { });
            assertEquals(env.imported, r.value(PgdataImport.START));
            assertActiveEverywhere(env);
        }
    }
}
