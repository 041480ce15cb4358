package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code POST …/timeline/TL/download_heatmap_layers}: the controller fans it out to the attached pageservers and ignores
 * their answers (storage_controller/src/service.rs tenant_timeline_download_heatmap_layers); a pageserver starts one
 * background download per timeline, 202, and refuses another while it runs, 409 (pageserver/src/http/routes.rs,
 * tenant/timeline/heatmap_layers_downloader.rs). A download takes the cluster's {@code secondaryWarmup}.
 */
class HeatmapLayersIT {

    private static String path(Object tenantOrShard, TimelineId timeline) {
        return "/v1/tenant/" + tenantOrShard + "/timeline/" + timeline + "/download_heatmap_layers";
    }

    /** A cluster whose downloads take an hour upstream (36 s here), so that "running" is observable. */
    private static NeonTestCluster slowDownloads(int pageservers) {
        return NeonTestCluster.builder().pageservers(pageservers).secondaryWarmup(Duration.ofHours(1)).build().start();
    }

    private static RawHttp attachedPageserver(Scenario s, TenantShardId shard) {
        long node = s.storcon.get("/control/v1/tenant/" + shard.tenantId()).json().path("shards")
                .get(shard.shardNumber()).path("node_attached").asLong();
        return s.pageserver(node);
    }

    private static void assertRunning(RawHttp pageserver, TenantShardId shard, TimelineId timeline) {
        RawHttp.Resp again = pageserver.post(path(shard, timeline), null);
        assertEquals(409, again.status(), again.body());
        assertEquals("Conflict: Already running", again.msg());
    }

    @Test
    void theControllerStartsDownloadsOnTheAttachedShards_andPageserversRefuseASecondOne() {
        try (NeonTestCluster cluster = slowDownloads(2)) {
            Scenario s = new Scenario(cluster);
            s.registerNodes();
            TenantId tenant = s.createTenant(2, 0);
            TimelineId timeline = s.createTimeline(tenant);
            TenantShardId s0 = TenantShardId.of(tenant, ShardIndex.of(0, 2));
            TenantShardId s1 = TenantShardId.of(tenant, ShardIndex.of(1, 2));
            RawHttp ps0 = attachedPageserver(s, s0);
            RawHttp ps1 = attachedPageserver(s, s1);

            RawHttp.Resp all = s.storcon.post(path(tenant, timeline), null);
            assertEquals(200, all.status(), all.body());
            assertEquals("null", all.body());
            assertRunning(ps0, s0, timeline);
            assertRunning(ps1, s1, timeline);

            RawHttp.Resp stopped = ps0.delete(path(s0, timeline));
            assertEquals(200, stopped.status(), stopped.body());
            assertEquals("null", stopped.body());
            RawHttp.Resp started = ps0.post(path(s0, timeline) + "?concurrency=4&recurse=true", null);
            assertEquals(202, started.status(), started.body());
            assertEquals("null", started.body());
            assertEquals(200, ps0.delete(path(s0, timeline)).status());
            assertEquals(200, ps1.delete(path(s1, timeline)).status());

            // A shard id targets that shard only.
            assertEquals(200, s.storcon.post(path(s1, timeline) + "?concurrency=4&recurse=false", null).status());
            assertEquals(409, ps1.post(path(s1, timeline), null).status());
            assertEquals(202, ps0.post(path(s0, timeline), null).status());

            // The controller drops the pageservers' answers: unknown tenants and timelines are a 200 too.
            assertEquals("null", s.storcon.post(path(TenantId.generate(), timeline), null).body());
            RawHttp.Resp unknownTimeline = s.storcon.post(path(tenant, TimelineId.generate()), null);
            assertEquals(200, unknownTimeline.status(), unknownTimeline.body());

            RawHttp.Resp badConcurrency = s.storcon.post(path(tenant, timeline) + "?concurrency=many", null);
            assertEquals(400, badConcurrency.status());
            assertEquals("cannot parse query param concurrency: invalid digit found in string", badConcurrency.msg());
            RawHttp.Resp badRecurse = s.storcon.post(path(tenant, timeline) + "?recurse=yes", null);
            assertEquals(400, badRecurse.status());
            assertEquals("cannot parse query param recurse: provided string was not `true` or `false`", badRecurse.msg());
            assertEquals(400, s.storcon.post(path("nope", timeline), null).status());
        }
    }

    @Test
    void pageserverErrors_andARestartEndsTheDownload() {
        try (NeonTestCluster cluster = slowDownloads(2)) {
            Scenario s = new Scenario(cluster);
            s.registerNodes();
            TenantId tenant = s.createTenant(0, 0);
            TimelineId timeline = s.createTimeline(tenant);
            TenantShardId shard = TenantShardId.unsharded(tenant);
            long node = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0).path("node_attached").asLong();
            RawHttp attached = s.pageserver(node);
            RawHttp other = s.pageserver(node == 1 ? 2 : 1);

            RawHttp.Resp noTimeline = attached.post(path(shard, TimelineId.generate()), null);
            assertEquals(404, noTimeline.status());
            RawHttp.Resp notHere = other.post(path(shard, timeline), null);
            assertEquals(404, notHere.status());
            assertEquals("NotFound: Tenant " + shard + " not found", notHere.msg());
            assertEquals(404, other.delete(path(shard, timeline)).status());
            RawHttp.Resp tooBig = attached.post(path(shard, timeline) + "?concurrency=99999999999999999999", null);
            assertEquals(400, tooBig.status());
            assertEquals("cannot parse query param concurrency: number too large to fit in target type", tooBig.msg());

            assertEquals(202, attached.post(path(shard, timeline), null).status());
            assertEquals(409, attached.post(path(shard, timeline), null).status());
            cluster.stopPageserver(node);
            cluster.startPageserver(node);
            Await.until("re-attached without the old download", () -> attached.post(path(shard, timeline), null).status(),
                    st -> st == 202);
        }
    }

    @Test
    void aFinishedDownload_makesRoomForTheNext() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().registerNodes(true).build().start()) {
            Scenario s = new Scenario(cluster);
            s.awaitNode(1, "Active", "Active");
            TenantId tenant = s.createTenant(0, 0);
            TimelineId timeline = s.createTimeline(tenant);
            assertEquals(200, s.storcon.post(path(tenant, timeline), null).status());
            Await.until("download finished (secondaryWarmup, 100 ms)", () -> s.pageserver(1).post(path(tenant, timeline), null).status(),
                    st -> st == 202);
        }
    }

    @Test
    void throughTheClient() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().registerNodes(true).auth(true).secondaryWarmup(Duration.ofHours(1))
                .build().start()) {
            Scenario s = new Scenario(cluster);
            s.awaitNode(1, "Active", "Active");
            TenantId tenant = s.createTenant(0, 0);
            TimelineId timeline = s.createTimeline(tenant);
            StorageControllerClient storcon = cluster.storageControllerClient();
            TenantShardId shard = TenantShardId.unsharded(tenant);

            storcon.shard(shard).downloadHeatmapLayers(timeline);
            RawHttp.Resp running = s.pageserver(1).post(path(shard, timeline), null);
            assertEquals(409, running.status(), "the client's call started a download");
            assertEquals(200, s.pageserver(1).delete(path(shard, timeline)).status());

            storcon.shard(shard).downloadHeatmapLayers(timeline, 4, true);
            assertEquals(409, s.pageserver(1).post(path(shard, timeline), null).status());
            // Upstream's controller ignores the pageservers' answers: no error for a running download or an unknown tenant.
            storcon.shard(shard).downloadHeatmapLayers(timeline);
            storcon.shard(TenantShardId.unsharded(TenantId.generate())).downloadHeatmapLayers(timeline, 1, false);
        }
    }
}
