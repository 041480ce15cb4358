package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulation under WAL-replay recovery and PGDATA import: the safekeepers' WAL outlives a pageserver deletion (and
 * not a controller deletion when the controller manages safekeepers), a bootstrap from the timeline's own preserved
 * initdb replays it, safekeeper copy and digest, pageserver {@code wait_lsn}, and the import job's shape.
 */
class WalReplaySimulationIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, String body) {
        JsonNode json() {
            return Json.tree(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static Answer send(URI base, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String skTimeline(TenantId t, TimelineId tl) {
        return "/v1/tenant/" + t + "/timeline/" + tl;
    }

    /** An unsharded tenant on one pageserver with one timeline holding some WAL. */
    record Setup(Scenario s, TenantId tenant, TimelineId timeline, String end) {
        static Setup of(NeonTestCluster cluster) {
            Scenario s = new Scenario(cluster);
            s.registerNodes();
            TenantId tenant = s.createTenant(0, 0);
            TimelineId timeline = s.createTimeline(tenant);
            String end = cluster.write(tenant, timeline, 64 * 1024).toString();
            return new Setup(s, tenant, timeline, end);
        }
    }

    @Test
    void pageserverDeletion_keepsTheSafekeepersWal_andARecreateFromThePreservedInitdbReplaysIt() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(1).build().start()) {
            Setup x = Setup.of(cluster);
            URI ps = cluster.pageserver(1);
            URI sk = cluster.safekeeper(1);
            String tl = "/v1/tenant/" + x.tenant() + "/timeline/" + x.timeline();
            assertEquals(200, send(ps, "POST", tl + "/preserve_initdb_archive", null).status());
            assertEquals(202, send(ps, "DELETE", tl, null).status());
            Await.until("deleted", () -> send(ps, "GET", tl, null).status(), st -> st == 404);
            assertEquals(x.end(), send(sk, "GET", skTimeline(x.tenant(), x.timeline()), null).json().path("commit_lsn").asText(),
                    "the safekeeper keeps the WAL");

            Answer created = send(cluster.storageController(), "POST", "/v1/tenant/" + x.tenant() + "/timeline", """
                    {"new_timeline_id": "%s", "pg_version": 16, "existing_initdb_timeline_id": "%s"}""".formatted(x.timeline(), x.timeline()));
            assertEquals(201, created.status(), created.body());
            Await.until("replayed", () -> send(ps, "GET", tl, null).json().path("last_record_lsn").asText(), x.end()::equals);

            Answer waited = send(ps, "POST", "/v1/tenant/" + x.tenant() + "/wait_lsn", """
                    {"%s": "%s", "timeout": {"secs": 1, "nanos": 0}}""".formatted(x.timeline(), x.end()));
            assertEquals(200, waited.status(), waited.body());
            Answer unknown = send(ps, "POST", "/v1/tenant/" + x.tenant() + "/wait_lsn", """
                    {"%s": "0/1", "timeout": {"secs": 1, "nanos": 0}}""".formatted(TimelineId.generate()));
            assertEquals(404, unknown.status(), unknown.body());
            Answer ahead = send(ps, "POST", "/v1/tenant/" + x.tenant() + "/wait_lsn", """
                    {"%s": "FF/0", "timeout": {"secs": 0, "nanos": 100000000}}""".formatted(x.timeline()));
            assertEquals(202, ahead.status(), ahead.body());
        }
    }

    @Test
    void recreateFromInitdb_withoutAPreservedArchive_is500() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(1).build().start()) {
            Setup x = Setup.of(cluster);
            URI ps = cluster.pageserver(1);
            String tl = "/v1/tenant/" + x.tenant() + "/timeline/" + x.timeline();
            assertEquals(202, send(ps, "DELETE", tl, null).status());
            Await.until("deleted", () -> send(ps, "GET", tl, null).status(), st -> st == 404);
            Answer created = send(cluster.storageController(), "POST", "/v1/tenant/" + x.tenant() + "/timeline", """
                    {"new_timeline_id": "%s", "existing_initdb_timeline_id": "%s"}""".formatted(x.timeline(), x.timeline()));
            assertEquals(500, created.status(), created.body());
            assertTrue(created.body().contains("initdb"), created.body());
        }
    }

    @Test
    void controllerDeletion_withManagedSafekeepers_deletesTheWalToo() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(3).registerNodes(true)
                .timelinesOntoSafekeepers(true).build().start()) {
            Scenario s = new Scenario(cluster);
            for (long id : cluster.pageservers().keySet()) {
                s.awaitNode(id, "Active", "Active");
            }
            TenantId tenant = s.createTenant(0, 0);
            TimelineId timeline = s.createTimeline(tenant);
            assertEquals(200, send(cluster.safekeeper(1), "GET", skTimeline(tenant, timeline), null).status());
            Answer deleted = send(cluster.storageController(), "DELETE", "/v1/tenant/" + tenant + "/timeline/" + timeline, null);
            assertEquals(200, deleted.status(), deleted.body());
            assertEquals(404, send(cluster.safekeeper(1), "GET", skTimeline(tenant, timeline), null).status());
        }
    }

    @Test
    void copyAndDigest_theCopyHasTheSourcesBytes_anotherTimelineDoesNot() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(1).build().start()) {
            Setup x = Setup.of(cluster);
            URI sk = cluster.safekeeper(1);
            String src = skTimeline(x.tenant(), x.timeline());
            String start = send(sk, "GET", src, null).json().path("timeline_start_lsn").asText();
            TimelineId copy = TimelineId.generate();
            Answer copied = send(sk, "POST", src + "/copy", "{\"target_timeline_id\": \"%s\", \"until_lsn\": \"%s\"}".formatted(copy, x.end()));
            assertEquals(200, copied.status(), copied.body());
            String range = "/digest?from_lsn=" + start + "&until_lsn=" + x.end();
            Answer a = send(sk, "GET", src + range, null);
            Answer b = send(sk, "GET", skTimeline(x.tenant(), copy) + range, null);
            assertEquals(200, a.status(), a.body());
            assertEquals(a.json().path("sha256").asText(), b.json().path("sha256").asText());
            assertEquals(64, a.json().path("sha256").asText().length());

            TimelineId other = x.s().createTimeline(x.tenant());
            cluster.write(x.tenant(), other, 64 * 1024);
            Answer c = send(sk, "GET", skTimeline(x.tenant(), other) + range, null);
            assertNotEquals(a.json().path("sha256").asText(), c.json().path("sha256").asText());

            assertEquals(400, send(sk, "GET", src + "/digest?from_lsn=" + start, null).status());
            assertEquals(500, send(sk, "GET", src + "/digest?from_lsn=" + x.end() + "&until_lsn=" + start, null).status());
            assertEquals(500, send(sk, "GET", src + "/digest?from_lsn=" + start + "&until_lsn=FF/0", null).status());
        }
    }

    @Test
    void importPgdata_waitsForTheStatusObject_thenFailsWithoutPgControl(@TempDir Path root) throws IOException {
        try (ControlPlaneStub cp = new ControlPlaneStub();
             NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(1).controlPlane(cp.uri(), null)
                     .importBucketRoot(root).build().start()) {
            Scenario s = new Scenario(cluster);
            s.registerNodes();
            TenantId tenant = s.createTenant(0, 0);
            TimelineId tl = TimelineId.generate();
            Answer created = send(cluster.storageController(), "POST", "/v1/tenant/" + tenant + "/timeline", """
                    {"new_timeline_id": "%s", "import_pgdata": {"idempotency_key": "k1",
                     "location": {"AwsS3": {"region": "us-east-1", "bucket": "b", "key": "p/"}}}}""".formatted(tl));
            assertEquals(201, created.status(), created.body());
            Answer conflict = send(cluster.storageController(), "POST", "/v1/tenant/" + tenant + "/timeline", """
                    {"new_timeline_id": "%s", "import_pgdata": {"idempotency_key": "k2",
                     "location": {"AwsS3": {"region": "us-east-1", "bucket": "b", "key": "p/"}}}}""".formatted(tl));
            assertEquals(409, conflict.status(), conflict.body());
            String tlPath = "/v1/tenant/" + tenant + "/timeline/" + tl;
            assertEquals(404, send(cluster.pageserver(1), "GET", tlPath, null).status(), "an importing timeline is not served yet");
            assertTrue(s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0).path("is_importing").asBoolean());

            Files.createDirectories(root.resolve("b/p/status"));
            Files.writeString(root.resolve("b/p/status/pgdata"), "{\"done\": true}");
            var completion = Await.until("import_complete", () -> cp.calls("/import_complete"), l -> !l.isEmpty());
            JsonNode body = Json.tree(completion.get(0).body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(body.path("error").asText().contains("pg_control"), body.toString());
            Await.until("is_importing cleared", () -> s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0),
                    sh -> !sh.path("is_importing").asBoolean());
            assertEquals(404, send(cluster.pageserver(1), "GET", tlPath, null).status(), "a failed import is never activated");
        }
    }
}
