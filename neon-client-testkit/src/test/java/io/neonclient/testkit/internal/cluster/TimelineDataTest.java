package io.neonclient.testkit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.Lsn;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The changes a timeline records now that its fields are private (index_part and in-memory state of a timeline). */
class TimelineDataTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final TimelineData t = new TimelineData(TimelineId.generate(), null, null, 17, T0);

    @Test
    void gc_isHeldBackByALiveLease_andAnExpiredLeaseIsDropped() {
        t.write(1 << 20, T0.plusSeconds(1));
        Lsn leased = t.lastRecordLsn();
        t.write(1 << 20, T0.plusSeconds(2));
        Instant until = t.lease(leased, T0.plusSeconds(60));
        assertEquals(T0.plusSeconds(60), until);
        assertEquals(T0.plusSeconds(60), t.lease(leased, T0.plusSeconds(30)), "a shorter lease does not shorten it");

        t.gc(0, T0.plusSeconds(10));
        assertEquals(leased, t.gcCutoff(), "the cutoff stops at the leased LSN");

        t.gc(0, T0.plusSeconds(61));
        assertEquals(t.lastRecordLsn(), t.gcCutoff(), "once the lease expired, the cutoff reaches the last record");
        assertFalse(t.isLeased(leased));
    }

    @Test
    void unarchiving_loadsAnOffloadedTimelineAgain() {
        TenantShardId shard = TenantShardId.of(TenantId.generate(), ShardIndex.of(0, 2));
        t.archive(true, T0.plusSeconds(5));
        t.offload(shard, T0.plusSeconds(6));
        assertTrue(t.archived());
        assertEquals(T0.plusSeconds(5), t.archivedAt());
        assertTrue(t.offloadedBy(shard));

        t.archive(false, T0.plusSeconds(7));
        assertFalse(t.archived());
        assertNull(t.archivedAt());
        assertFalse(t.offloadedBy(shard), "unarchiving undoes the offload");
    }

    @Test
    void detachFrom_keepsTheAncestorsCommits_andRecordsTheLineage() {
        TimelineId parent = TimelineId.generate();
        TimelineData child = new TimelineData(TimelineId.generate(), parent, Lsn.parse("0/1500000"), 17, T0);
        TimelineData.Commit inherited = new TimelineData.Commit(Lsn.parse("0/14F0000"), T0.plusSeconds(1));

        child.detachFrom(parent, Lsn.parse("0/1500000"), List.of(inherited));

        assertNull(child.ancestor());
        assertNull(child.ancestorLsn());
        assertEquals(parent, child.detachedFrom());
        assertEquals(Lsn.parse("0/1500000"), child.detachedFromLsn());
        assertEquals(List.of(inherited), child.inherited());
        assertThrows(UnsupportedOperationException.class, () -> child.inherited().clear(), "callers get a read-only view");
    }

    @Test
    void safekeeperMembership_movesThroughTheJointGenerationToTheNewSet() {
        assertEquals(0, t.skGeneration(), "not placed");
        t.placeOnSafekeepers(List.of(1L, 2L, 3L));
        t.nextSafekeeperGeneration(null);
        assertEquals(new TimelineData.Membership(2, List.of(1L, 2L, 3L)), t.membership(), "the joint step keeps the set");
        t.nextSafekeeperGeneration(List.of(2L, 3L, 4L));
        assertEquals(new TimelineData.Membership(3, List.of(2L, 3L, 4L)), t.membership());

        TimelineData copy = t.copy();
        assertEquals(t.membership(), copy.membership(), "an object version keeps the membership");
    }

    @Test
    void snapshot_showsWhatTimelineInfoReads_andRewindForgetsLaterCommits() {
        t.write(8192, T0.plusSeconds(1));
        Lsn first = t.lastRecordLsn();
        t.write(8192, T0.plusSeconds(3));
        t.patchIndexPart("migrated", first, null, null);
        t.markInvisible(true);

        TimelineData.Snapshot s = t.snapshot();
        assertEquals(t.lastRecordLsn(), s.lastRecordLsn());
        assertEquals("migrated", s.relSizeMigration());
        assertEquals(first, s.relSizeMigratedAt());
        assertTrue(s.invisible());

        t.rewindTo(T0.plusSeconds(2));
        assertEquals(first, t.lastRecordLsn());
        assertEquals(1, t.commits().size());
        assertTrue(t.leases().isEmpty());
        assertEquals(Duration.ofSeconds(1), Duration.between(T0, t.commits().get(0).at()));
    }
}
