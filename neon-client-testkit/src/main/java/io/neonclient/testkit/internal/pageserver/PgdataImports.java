package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.storcon.ShardState;
import io.neonclient.testkit.internal.storcon.Storcon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An {@code import_pgdata} job as the pageservers run it (pageserver/src/tenant/timeline/import_pgdata.rs {@code doit},
 * {@code prepare_import}) and the controller finishes it (storage_controller/src/service.rs
 * {@code finalize_timeline_import}, {@code notify_cplane_and_delete_import}):
 * <ol>
 *   <li>wait, every (scaled) 10 s and for ever, until the location's {@code status/pgdata} object reads
 *   {@code {"done": true}};</li>
 *   <li>read {@code pgdata/global/pg_control}; without it the job ends with an error;</li>
 *   <li>import, which takes the cluster's import duration of work; while the pageserver of a shard is down the work
 *   pauses, and it resumes where it stopped when the pageserver is back (the controller keeps the shards' progress,
 *   {@code put_timeline_import_status});</li>
 *   <li>success activates the timeline (it answers on every shard); an error leaves it unactivated (404). Either way
 *   every shard's {@code is_importing} clears and {@code PUT import_complete} reports the outcome.</li>
 * </ol>
 * The location {@code {"AwsS3": {"bucket", "key"}}} is read from {@link Storcon#importBucketRoot} as
 * {@code <root>/<bucket>/<key>/…}, the layout of an S3-compatible server's filesystem backend (upstream points the
 * pageservers at one with {@code import_pgdata_aws_endpoint_url}). Without a root, the bucket is not looked at and the
 * job only takes its duration.
 */
public final class PgdataImports {
    private final Storcon sc;

    public PgdataImports(Storcon sc) {
        this.sc = sc;
    }

    /** Starts the job unless it already ran or runs (a repeated create with the same idempotency key is the same import). */
    public void start(TenantId id, TimelineId timeline, JsonNode location, List<ShardState> shards) {
        TimelineData data = timeline(id, timeline);
        if (data == null) {
            return;
        }
        if (!data.startImportJob()) {
            return;
        }
        synchronized (sc) {
            shards.forEach(s -> s.setImporting(true));
        }
        Thread.ofVirtual().name("import-" + timeline).start(() -> {
            String error = run(id, timeline, location, shards);
            if (error == null) {
                TimelineData t = timeline(id, timeline);
                if (t != null) {
                    t.finishImport();
                }
            }
            ObjectNode body = Json.MAPPER.createObjectNode().put("tenant_id", id.toString()).put("timeline_id", timeline.toString());
            if (error == null) {
                body.putNull("error");
            } else {
                body.put("error", error);
            }
            sc.hook().importComplete(Json.encodeToString(body), () -> sc.tenantOrNull(id) != null);
            synchronized (sc) {
                shards.forEach(s -> s.setImporting(false));
                sc.notifyAll();
            }
        });
    }

    /** Runs the job; null on success, else the error the shards report. */
    private String run(TenantId id, TimelineId timeline, JsonNode location, List<ShardState> shards) {
        Path prefix = prefix(location);
        if (prefix != null) {
            while (!statusDone(prefix.resolve("status").resolve("pgdata"))) {
                if (timeline(id, timeline) == null) {
                    return "cancelled while waiting for pgdata";
                }
                Router.sleep(Math.max(1, sc.timing().millis(Duration.ofSeconds(10))));
            }
            if (!Files.isRegularFile(prefix.resolve("pgdata").resolve("global").resolve("pg_control"))) {
                return "import error: get control file: NotFound: pgdata/global/pg_control";
            }
        }
        long work = Math.max(1, sc.timing().importMillis());
        long tick = Math.max(1, work / 20);
        long done = 0;
        while (done < work) {
            Router.sleep(tick);
            if (shards.stream().allMatch(this::pageserverUp)) {
                done += tick;
            }
        }
        return null;
    }

    private boolean pageserverUp(ShardState s) {
        Long node = s.attached();
        PageserverNode ps = node == null ? null : sc.pageserver(node);
        return ps != null && ps.running();
    }

    private Path prefix(JsonNode location) {
        Path root = sc.importBucketRoot();
        JsonNode s3 = location == null ? null : location.get("AwsS3");
        if (root == null || s3 == null) {
            return null;
        }
        String key = s3.path("key").asText();
        while (key.startsWith("/")) {
            key = key.substring(1);
        }
        return root.resolve(s3.path("bucket").asText()).resolve(key);
    }

    /** {@code PgdataStatus} (import_pgdata/importbucket_format.rs): absent or unreadable counts as not done. */
    private static boolean statusDone(Path status) {
        try {
            if (!Files.isRegularFile(status)) {
                return false;
            }
            return Json.tree(Files.readAllBytes(status)).path("done").asBoolean(false);
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private TimelineData timeline(TenantId id, TimelineId timeline) {
        RemoteStorage.TenantData data = sc.timelines().remote().existing(id);
        if (data == null) {
            return null;
        }
        synchronized (data) {
            return data.timeline(timeline);
        }
    }
}
