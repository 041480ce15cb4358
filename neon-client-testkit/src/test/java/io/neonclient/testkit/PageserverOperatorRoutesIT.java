package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.BadRequestException;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.pageserver.DiskUsageEviction;
import io.neonclient.pageserver.LayerMap;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.pageserver.PageserverTimeline;
import io.neonclient.pageserver.PageserverUtilization;
import io.neonclient.pageserver.TenantSorting;
import io.neonclient.pageserver.TopTenantShards;
import io.neonclient.pageserver.TimelinesAndOffloaded;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Layers follow the WAL written, eviction and download change residency and the utilization they add up to, reset
 * with drop_cache empties the disk, and offloaded timelines move from the timeline list to the offloaded list
 * (pageserver/src/http/routes.rs handlers, through the SDK's {@link PageserverClient}, auth on).
 */
@NeonCluster(pageservers = 1, safekeepers = 1, registerNodes = true, auth = true)
class PageserverOperatorRoutesIT {

    @Test
    void layers_evictDownloadAndDiskUsageEviction_moveBytesOffAndOntoDisk(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        cluster.write(tenant, tl, 100_000);
        cluster.write(tenant, tl, 300_000);
        PageserverClient ps = cluster.pageserverClient(1);
        TenantShardId shard = TenantShardId.unsharded(tenant);
        PageserverTimeline timeline = ps.timeline(shard, tl);

        LayerMap map = timeline.layers();
        assertEquals(3, map.historicLayers().size(), "the initdb image and one delta per commit");
        LayerMap.Historic.Image image = assertInstanceOf(LayerMap.Historic.Image.class, map.historicLayers().get(0));
        LayerMap.Historic.Delta second = assertInstanceOf(LayerMap.Historic.Delta.class, map.historicLayers().get(2));
        assertTrue(second.l0());
        assertTrue(second.layerFileSize() > 300_000);
        assertEquals(List.of(), map.evicted());
        long total = map.historicLayers().stream().mapToLong(LayerMap.Historic::layerFileSize).sum();
        PageserverUtilization before = ps.utilization();
        assertEquals(total, before.diskWantedBytes());
        assertEquals(1, before.shardCount());

        assertTrue(timeline.evictLayer(second.layerFileName()));
        assertFalse(timeline.evictLayer(second.layerFileName()), "already evicted: 304");
        assertEquals(List.of(second.layerFileName()),
                timeline.layers().evicted().stream().map(LayerMap.Historic::layerFileName).toList());
        assertEquals(before.diskUsageBytes() - second.layerFileSize(), ps.utilization().diskUsageBytes());
        assertTrue(timeline.downloadLayer(second.layerFileName()));
        assertFalse(timeline.downloadLayer(second.layerFileName()), "already resident: 304");
        assertEquals(before.diskUsageBytes(), ps.utilization().diskUsageBytes());
        String unknown = image.layerFileName().substring(0, image.layerFileName().length() - 1) + "F";
        assertThrows(BadRequestException.class, () -> timeline.evictLayer(unknown));

        assertEquals(new DiskUsageEviction.NoPressure(), ps.diskUsageEvictionRun(0));
        DiskUsageEviction.Finished run = assertInstanceOf(DiskUsageEviction.Finished.class, ps.diskUsageEvictionRun(1));
        assertEquals(image.layerFileSize(), run.freedBytes(), "the least recently accessed layer goes first");
        assertEquals(List.of(image.layerFileName()),
                timeline.layers().evicted().stream().map(LayerMap.Historic::layerFileName).toList());
    }

    @Test
    void reset_dropCacheEvictsEverything_andAShardNotHereIs500(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        cluster.write(tenant, tl, 50_000);
        PageserverClient ps = cluster.pageserverClient(1);
        TenantShardId shard = TenantShardId.unsharded(tenant);

        ps.tenant(shard).reset();
        assertEquals(List.of(), ps.timeline(shard, tl).layers().evicted(), "a plain reset keeps local files");
        assertEquals("Active", ps.tenant(shard).describe().state().toString());
        ps.tenant(shard).reset(true);
        LayerMap after = ps.timeline(shard, tl).layers();
        assertEquals(after.historicLayers(), after.evicted());
        assertEquals(0, ps.utilization().diskUsageBytes() - otherTenantsUsage(ps, shard));

        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> ps.tenant(TenantShardId.unsharded(TenantId.generate())).reset());
        assertEquals(500, e.status());
    }

    /** Bytes resident for the other tests' tenants on the shared pageserver. */
    private static long otherTenantsUsage(PageserverClient ps, TenantShardId except) {
        long sum = 0;
        for (var info : ps.tenants()) {
            TenantShardId shard = info.id();
            if (shard.equals(except)) {
                continue;
            }
            for (Timeline t : ps.tenant(shard).timelines().list()) {
                sum += ps.timeline(shard, t.timelineId()).layers().resident().stream().mapToLong(LayerMap.Historic::layerFileSize).sum();
            }
        }
        return sum;
    }

    @Test
    void offload_movesAnArchivedTimelineToTheOffloadedList_andUnarchiveBringsItBack(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        PageserverClient ps = cluster.pageserverClient(1);
        TenantShardId shard = TenantShardId.unsharded(tenant);
        RawHttp raw = RawHttp.pageserver(cluster.pageserver(1), cluster.token(io.neonclient.core.Scope.PAGESERVER_API));
        String offload = "/v1/tenant/" + shard + "/timeline/" + tl + "/offload";

        assertEquals(412, raw.put(offload, "").status(), "not archived yet");
        ps.timeline(shard, tl).archivalConfig(TimelineArchivalState.ARCHIVED);
        assertEquals(200, raw.put(offload, "").status());
        assertEquals(200, raw.put(offload, "").status(), "already offloaded");

        TimelinesAndOffloaded both = ps.tenant(shard).timelines().listWithOffloaded();
        assertEquals(List.of(tl), both.offloaded().stream().map(o -> o.timelineId()).toList());
        assertEquals(shard, both.offloaded().get(0).tenantId());
        assertFalse(both.timelines().stream().anyMatch(t -> t.timelineId().equals(tl)));
        assertFalse(ps.tenant(shard).timelines().list().stream().anyMatch(t -> t.timelineId().equals(tl)));

        ps.timeline(shard, tl).archivalConfig(TimelineArchivalState.UNARCHIVED);
        TimelinesAndOffloaded back = ps.tenant(shard).timelines().listWithOffloaded();
        assertEquals(List.of(), back.offloaded());
        assertTrue(back.timelines().stream().anyMatch(t -> t.timelineId().equals(tl)));
    }

    @Test
    void topTenants_ordersByResidentSize_andVisibilityAndHeatmapDownloadGoThroughTheClient(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId small = s.createTenant(0, 0);
        TimelineId smallTl = s.createTimeline(small);
        TenantId big = s.createTenant(0, 0);
        TimelineId bigTl = s.createTimeline(big);
        cluster.write(big, bigTl, 2_000_000);
        cluster.write(small, smallTl, 1_000);
        PageserverClient ps = cluster.pageserverClient(1);

        TopTenantShards top = ps.topTenants(TenantSorting.RESIDENT_SIZE, 100, 0, 0);
        List<TenantShardId> order = top.shards().stream().map(TopTenantShards.Shard::id).toList();
        assertTrue(order.indexOf(TenantShardId.unsharded(big)) < order.indexOf(TenantShardId.unsharded(small)), order.toString());
        long smallResident = top.shards().get(order.indexOf(TenantShardId.unsharded(small))).residentSize();
        TopTenantShards bigOnly = ps.topTenants(TenantSorting.RESIDENT_SIZE, 100, 0, smallResident);
        assertFalse(bigOnly.shards().stream().anyMatch(sh -> sh.id().equals(TenantShardId.unsharded(small))));
        assertEquals(1, ps.topTenants(TenantSorting.MAX_LOGICAL_SIZE, 1, 0, 0).shards().size());
        java.util.Map<TenantShardId, Long> visible = ps.tenantVisibleSizes();
        assertEquals(top.shards().get(order.indexOf(TenantShardId.unsharded(big))).physicalSize(), visible.get(TenantShardId.unsharded(big)));
        ps.deletionQueueFlush(true);

        PageserverTimeline t = ps.timeline(TenantShardId.unsharded(big), bigTl);
        t.markInvisible();
        assertEquals(java.util.Optional.of(true), t.describe().isInvisible());
        t.markVisible();
        assertEquals(java.util.Optional.of(false), t.describe().isInvisible());
        t.downloadHeatmapLayers(4, false);
        t.stopHeatmapLayersDownload();
        t.downloadHeatmapLayers();
        t.stopHeatmapLayersDownload();
        assertThrows(BadRequestException.class, () -> ps.tenant(TenantShardId.unsharded(big)).timeTravelRemoteStorage(
                java.time.Instant.parse("2024-05-01T12:00:00Z"), java.time.Instant.parse("2024-05-01T13:00:00Z")),
                "an attached shard is not rewound");
    }

    @Test
    void downloadRemoteLayers_bringsEvictedLayersBack(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        cluster.write(tenant, tl, 20_000);
        PageserverClient ps = cluster.pageserverClient(1);
        TenantShardId shard = TenantShardId.unsharded(tenant);
        PageserverTimeline timeline = ps.timeline(shard, tl);
        assertThrows(io.neonclient.core.NotFoundException.class, timeline::remoteLayersDownload, "none ran yet");
        ps.tenant(shard).reset(true);
        int evicted = timeline.layers().evicted().size();
        assertTrue(evicted >= 2, "reset with drop_cache evicted the image and the delta");
        var done = timeline.downloadRemoteLayers(2).await(java.time.Duration.ofSeconds(30));
        assertEquals(io.neonclient.pageserver.RemoteLayersDownloadState.COMPLETED, done.state());
        assertEquals(evicted, done.successfulDownloadCount());
        assertEquals(List.of(), timeline.layers().evicted());
        ps.ioEngine(io.neonclient.pageserver.IoEngineKind.STD_FS);
        ps.ioMode(io.neonclient.pageserver.IoMode.DIRECT);
        assertThrows(BadRequestException.class, () -> ps.ioMode(io.neonclient.pageserver.IoMode.fromWire("mmap")));
    }
}
