package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.model.CreateTimelineRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PgdataBucket against a real S3-compatible server (s3proxy, filesystem backend), path-style with an endpoint override. */
class PgdataBucketIT {
    static final CreateTimelineRequest.S3Location LOCATION = new CreateTimelineRequest.S3Location("us-east-1", "imports", "tenant-a/pgdata-1");

    @Test
    void aFinishedUpload_isReady(@TempDir Path dir) {
        try (S3TestServer s3 = S3TestServer.start(dir); PgdataBucket bucket = s3.bucket()) {
            s3.createBucket("imports");
            s3.put("imports", "tenant-a/pgdata-1/pgdata/global/pg_control", "control");
            s3.put("imports", "tenant-a/pgdata-1/status/pgdata", "{\"done\": true}");
            var contents = bucket.read(LOCATION);
            assertEquals(new PgdataBucket.Contents("s3://imports/tenant-a/pgdata-1", true, true), contents);
            assertTrue(contents.ready());
            assertTrue(s3.fileExists("imports", "tenant-a/pgdata-1/status/pgdata"), "the filesystem backend keeps keys as paths");
        }
    }

    @Test
    void anUploadStillRunning_isNotReady(@TempDir Path dir) {
        try (S3TestServer s3 = S3TestServer.start(dir); PgdataBucket bucket = s3.bucket()) {
            s3.createBucket("imports");
            s3.put("imports", "tenant-a/pgdata-1/pgdata/global/pg_control", "control");
            s3.put("imports", "tenant-a/pgdata-1/status/pgdata", "{\"done\": false}");
            assertEquals(new PgdataBucket.Contents("s3://imports/tenant-a/pgdata-1", false, true), bucket.read(LOCATION));
        }
    }

    @Test
    void aMissingPrefix_hasNothing(@TempDir Path dir) {
        try (S3TestServer s3 = S3TestServer.start(dir); PgdataBucket bucket = s3.bucket()) {
            s3.createBucket("imports");
            assertFalse(bucket.read(LOCATION).ready());
            assertEquals(new PgdataBucket.Contents("s3://imports/tenant-a/pgdata-1", false, false), bucket.read(LOCATION));
        }
    }

    @Test
    void aMissingBucket_saysWhereItLooked(@TempDir Path dir) {
        try (S3TestServer s3 = S3TestServer.start(dir); PgdataBucket bucket = s3.bucket()) {
            var e = assertThrows(IllegalStateException.class, () -> bucket.read(LOCATION));
            assertTrue(e.getMessage().contains("s3://imports/tenant-a/pgdata-1") && e.getMessage().contains(s3.endpoint().toString()),
                    e.getMessage());
        }
    }

    @Test
    void wrongKeys_areRefusedByTheServer(@TempDir Path dir) {
        try (S3TestServer s3 = S3TestServer.start(dir);
             PgdataBucket bucket = PgdataBucket.builder().endpoint(s3.endpoint()).pathStyle(true).credentials("other", "keys").build()) {
            s3.createBucket("imports");
            var e = assertThrows(IllegalStateException.class, () -> bucket.read(LOCATION));
            assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
        }
    }

    @Test
    void builder_rejectsBadSettingsBeforeAnyRequest() {
        var endpoint = assertThrows(IllegalArgumentException.class, () -> PgdataBucket.builder().endpoint(java.net.URI.create("minio:9000")));
        assertTrue(endpoint.getMessage().contains("endpoint"), endpoint.getMessage());
        var region = assertThrows(IllegalArgumentException.class, () -> PgdataBucket.builder().region(" "));
        assertTrue(region.getMessage().contains("region"), region.getMessage());
        assertThrows(NullPointerException.class, () -> PgdataBucket.builder().credentials(null, "x"));
    }
}
