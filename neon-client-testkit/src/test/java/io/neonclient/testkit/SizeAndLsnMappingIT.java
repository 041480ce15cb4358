package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.SyntheticSize;
import io.neonclient.model.Timeline;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * get_lsn_by_timestamp with leases and on fresh branches (test_runner/regress/test_lsn_mapping.py test_lsn_mapping;
 * behaviour from pageserver/src/pgdatadir_mapping.rs find_lsn_for_timestamp and pageserver/src/http/routes.rs
 * get_lsn_by_timestamp_handler), and the synthetic size (test_runner/regress/test_tenant_size.py; routes.rs
 * tenant_size_handler, pageserver/src/tenant/size.rs), directly and through the controller's passthrough.
 */
@NeonCluster(pageservers = 2)
class SizeAndLsnMappingIT {

    private record Setup(Scenario s, TenantId tenant, TimelineId main, PageserverClient pageserver, TenantShardId shard0) {}

    private static Setup unshardedTenant(NeonTestCluster cluster, StorageControllerClient storcon) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId main = s.createTimeline(tenant);
        TenantShardId shard0 = storcon.tenant(tenant).describe().shards().get(0).id();
        NodeId node = storcon.tenant(tenant).describe().shards().get(0).attachedNode().orElseThrow();
        return new Setup(s, tenant, main, cluster.pageserverClient(node.value()), shard0);
    }

    @Test
    void lsnByTimestamp_withLease_leasesEveryKind(NeonTestCluster cluster, StorageControllerClient storcon) {
        Setup x = unshardedTenant(cluster, storcon);
        var timeline = x.pageserver().timeline(x.shard0(), x.main());
        LsnForTimestamp nodata = timeline.lsnByTimestamp(cluster.now(), true);
        assertEquals(LsnForTimestamp.Kind.NODATA, nodata.kind());
        assertTrue(nodata.validUntil().isPresent(), "nodata is leased too: " + nodata);

        Instant before = cluster.now().minus(Duration.ofHours(10));
        cluster.advanceClock(Duration.ofSeconds(10));
        Lsn first = cluster.write(x.tenant(), x.main(), 4096);
        cluster.advanceClock(Duration.ofSeconds(10));
        Instant between = cluster.now();
        cluster.advanceClock(Duration.ofSeconds(10));
        cluster.write(x.tenant(), x.main(), 4096);

        // test_lsn_mapping: "future", "past" and the valid range, each with valid_until when a lease is asked for
        LsnForTimestamp future = timeline.lsnByTimestamp(cluster.now().plus(Duration.ofHours(1)), true);
        assertEquals(LsnForTimestamp.Kind.FUTURE, future.kind());
        assertTrue(future.validUntil().isPresent(), "a future answer is leased too: " + future);
        LsnForTimestamp past = timeline.lsnByTimestamp(before, true);
        assertEquals(LsnForTimestamp.Kind.PAST, past.kind());
        assertTrue(past.validUntil().isPresent(), past.toString());
        LsnForTimestamp present = timeline.lsnByTimestamp(between, true);
        assertEquals(new LsnForTimestamp(first, LsnForTimestamp.Kind.PRESENT, present.validUntil()), present);
        assertTrue(present.validUntil().isPresent());
        assertEquals(Optional.empty(), timeline.lsnByTimestamp(between).validUntil(), "no lease unless asked for");
        // the controller passes through to shard zero and keeps the lease in the answer
        assertTrue(storcon.tenant(x.tenant()).timeline(x.main()).lsnByTimestamp(before, true).validUntil().isPresent());
    }

    @Test
    void lsnByTimestamp_onAFreshBranch_countsInheritedCommits(NeonTestCluster cluster, StorageControllerClient storcon) {
        Setup x = unshardedTenant(cluster, storcon);
        Instant before = cluster.now().minus(Duration.ofHours(10));
        cluster.advanceClock(Duration.ofSeconds(10));
        cluster.write(x.tenant(), x.main(), 4096);
        cluster.advanceClock(Duration.ofSeconds(10));
        Instant betweenParentCommits = cluster.now();
        cluster.advanceClock(Duration.ofSeconds(10));
        Lsn lastFlush = cluster.write(x.tenant(), x.main(), 4096);
        cluster.advanceClock(Duration.ofSeconds(10));

        TimelineId child = TimelineId.generate();
        Timeline created = storcon.tenant(x.tenant()).timelines().create(CreateTimelineRequest.branch(child, x.main()));
        assertEquals(Optional.of(lastFlush), created.ancestorLsn());
        var onChild = x.pageserver().timeline(x.shard0(), child);
        // test_lsn_mapping: "Do the 'past' check again at a new branch"; the branch has no commit of its own
        for (Instant probe : List.of(before, betweenParentCommits)) {
            LsnForTimestamp r = onChild.lsnByTimestamp(probe, true);
            assertEquals(LsnForTimestamp.Kind.PAST, r.kind(), "probed at " + probe);
            assertTrue(r.lsn().compareTo(lastFlush) >= 0, "not before the branch point: " + r);
            assertTrue(r.validUntil().isPresent(), r.toString());
        }
        // after every inherited commit the search runs to the branch's last record
        LsnForTimestamp later = onChild.lsnByTimestamp(cluster.now(), false);
        assertEquals(new LsnForTimestamp(lastFlush, LsnForTimestamp.Kind.FUTURE, Optional.empty()), later);
    }

    @Test
    void syntheticSize_growsWithWalOnEveryBranch_andPassesThroughTheController(NeonTestCluster cluster,
            StorageControllerClient storcon) {
        Setup x = unshardedTenant(cluster, storcon);
        SyntheticSize empty = x.pageserver().tenant(x.shard0()).syntheticSize();
        assertEquals(x.tenant(), empty.tenantId());
        long base = empty.size().orElseThrow();
        assertTrue(base > 0, "an empty tenant's size is its initdb logical size: " + base);

        Lsn end = cluster.write(x.tenant(), x.main(), 8192);
        long afterWrite = x.pageserver().tenant(x.shard0()).syntheticSize().size().orElseThrow();
        assertTrue(afterWrite >= base + 8192, base + " then " + afterWrite);

        TimelineId child = TimelineId.generate();
        storcon.tenant(x.tenant()).timelines().create(CreateTimelineRequest.branch(child, x.main()));
        cluster.write(x.tenant(), child, 8192);
        SyntheticSize withBranch = storcon.tenant(x.tenant()).syntheticSize();
        assertTrue(withBranch.size().orElseThrow() >= afterWrite + 8192, "the branch's WAL counts: " + withBranch.size());
        SyntheticSize.Inputs childInputs = withBranch.timelines().stream().filter(t -> t.timelineId().equals(child))
                .findFirst().orElseThrow();
        assertEquals(Optional.of(x.main()), childInputs.ancestorId());
        assertEquals(end, childInputs.ancestorLsn());
        assertEquals(withBranch, x.pageserver().tenant(x.shard0()).syntheticSize(), "the passthrough answers shard zero's size");

        SyntheticSize inputsOnly = x.pageserver().tenant(x.shard0()).syntheticSizeInputs();
        assertEquals(Optional.empty(), inputsOnly.size());
        assertEquals(withBranch.timelines(), inputsOnly.timelines());
    }

    @Test
    void syntheticSize_onlyShardZeroAnswers(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(2, 0);
        TenantShardId second = TenantShardId.parse(tenant + "-0102");
        long node = cluster.storageControllerClient().tenant(tenant).describe().shards().get(1).attachedNode().orElseThrow().value();
        RawHttp.Resp r = s.pageserver(node).get("/v1/tenant/" + second + "/synthetic_size");
        assertEquals(400, r.status(), r.body());
        assertEquals("Size calculations are only available on shard zero", r.msg());
        assertThrows(IllegalArgumentException.class, () -> cluster.pageserverClient(node).tenant(second).syntheticSize());
    }
}
