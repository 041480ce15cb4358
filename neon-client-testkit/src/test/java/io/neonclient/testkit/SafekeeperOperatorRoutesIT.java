package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.AuthException;
import io.neonclient.core.ConflictException;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.safekeeper.DebugDumpOptions;
import io.neonclient.safekeeper.Membership;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.safekeeper.SafekeeperDebugDump;
import io.neonclient.safekeeper.SafekeeperMember;
import io.neonclient.safekeeper.SafekeeperTimeline;
import io.neonclient.safekeeper.TenantTimelineId;
import io.neonclient.safekeeper.TermBump;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * term_bump, exclude, snapshot and debug_dump on simulated safekeepers, through the SDK's {@link SafekeeperClient}
 * (safekeeper/src/http/routes.rs; term arithmetic from state.rs {@code term_bump}, exclusion from
 * timelines_global_map.rs {@code delete_or_exclude}).
 */
@NeonCluster(pageservers = 1, safekeepers = 3, registerNodes = true, auth = true)
class SafekeeperOperatorRoutesIT {

    private static SafekeeperClient sk(NeonTestCluster cluster, long id) {
        return SafekeeperClient.builder().baseUri(cluster.safekeeper(id)).config(cluster.clientConfig()).build();
    }

    private static TenantTimelineId timeline(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        cluster.write(tenant, tl, 40_000);
        return new TenantTimelineId(tenant, tl);
    }

    private static Membership members(long generation, long... ids) {
        List<SafekeeperMember> set = new ArrayList<>();
        for (long id : ids) {
            set.add(new SafekeeperMember(NodeId.of(id), "safekeeper-" + id, 5454));
        }
        return new Membership(generation, set, Optional.empty());
    }

    @Test
    void termBump_raisesByOneOrToTheGivenTerm_neverLowers(NeonTestCluster cluster) {
        TenantTimelineId id = timeline(cluster);
        SafekeeperTimeline t = sk(cluster, 1).timeline(id.tenantId(), id.timelineId());
        long start = t.status().acceptorState().term();
        assertEquals(new TermBump(start, start + 1), t.termBump());
        assertEquals(new TermBump(start + 1, start + 10), t.termBump(start + 10));
        TermBump lower = t.termBump(start);
        assertFalse(lower.bumped());
        assertEquals(start + 10, lower.currentTerm());
        assertEquals(start + 10, t.status().acceptorState().term());
        assertEquals(start, sk(cluster, 2).timeline(id.tenantId(), id.timelineId()).status().acceptorState().term(),
                "terms are per safekeeper");
    }

    @Test
    void exclude_removesANonMembersCopy_refusesAMember_andANewerGeneration(NeonTestCluster cluster) {
        TenantTimelineId id = timeline(cluster);
        SafekeeperTimeline onOne = sk(cluster, 1).timeline(id.tenantId(), id.timelineId());
        long generation = onOne.status().mconf().generation();

        assertThrows(AuthException.class, () -> onOne.exclude(members(generation + 1, 1, 2)), "a member is not excluded");
        assertTrue(onOne.exclude(members(generation + 1, 2, 3)).dirExisted());
        assertThrows(NotFoundException.class, onOne::status);
        assertFalse(sk(cluster, 1).timelines().contains(id));
        assertFalse(onOne.exclude(members(generation + 1, 2, 3)).dirExisted(), "a tombstone: nothing left to do");

        SafekeeperTimeline onTwo = sk(cluster, 2).timeline(id.tenantId(), id.timelineId());
        onTwo.membership(members(generation + 5, 1, 2, 3));
        assertThrows(ConflictException.class, () -> onTwo.exclude(members(generation + 2, 1, 3)));
        assertEquals(generation + 5, onTwo.status().mconf().generation(), "the refused exclusion left it in place");
    }

    @Test
    void snapshot_isATarOfControlFileAndWalSegments(NeonTestCluster cluster) {
        TenantTimelineId id = timeline(cluster);
        SafekeeperTimeline t = sk(cluster, 3).timeline(id.tenantId(), id.timelineId());
        byte[] tar = t.snapshot(NodeId.of(2));
        assertEquals(0, tar.length % 512);
        List<String> names = new ArrayList<>();
        long flushInSegment = t.status().flushLsn().value() % (16L << 20);
        long lastSize = -1;
        for (int pos = 0; pos + 512 <= tar.length && tar[pos] != 0; ) {
            String name = new String(tar, pos, 100, StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(tar, pos + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            names.add(name);
            lastSize = size;
            pos += 512 + (int) ((size + 511) / 512 * 512);
        }
        assertEquals("safekeeper.control", names.get(0));
        assertTrue(names.get(names.size() - 1).endsWith(".partial"), names.toString());
        assertEquals(flushInSegment, lastSize, "the partial segment ends at the flush LSN");
        assertThrows(NotFoundException.class,
                () -> sk(cluster, 3).timeline(id.tenantId(), TimelineId.generate()).snapshot(NodeId.of(2)));
    }

    @Test
    void debugDump_listsTimelines_andControlFilesOnRequest(NeonTestCluster cluster) {
        TenantTimelineId id = timeline(cluster);
        SafekeeperClient one = sk(cluster, 1);
        one.timeline(id.tenantId(), id.timelineId()).termBump(42);

        SafekeeperDebugDump plain = one.debugDump();
        assertEquals(one.timelines().size(), plain.timelinesCount());
        assertTrue(plain.timelines().stream().allMatch(t -> t.controlFile().isEmpty()));
        assertEquals(NodeId.of(1), plain.config().id());

        SafekeeperDebugDump only = one.debugDump(DebugDumpOptions.defaults().withControlFile(true).withDiskContent(true).withTimeline(id));
        assertEquals(1, only.timelines().size());
        SafekeeperDebugDump.Timeline t = only.timelines().get(0);
        SafekeeperDebugDump.ControlFile cf = t.controlFile().orElseThrow();
        assertEquals(42, cf.acceptorState().term());
        assertEquals(one.timeline(id.tenantId(), id.timelineId()).status().commitLsn(), cf.commitLsn());
        assertEquals("safekeeper.control", t.diskContent().orElseThrow().files().get(0).name());
        assertTrue(t.diskContent().orElseThrow().files().get(1).name().endsWith(".partial"));
    }

    @Test
    void filesystemUsage_grows_checkpointAnswers_andPartialResetDeletesOnce(NeonTestCluster cluster) {
        TenantTimelineId id = timeline(cluster);
        SafekeeperClient one = sk(cluster, 1);
        long before = one.filesystemUsage().usageBytes();
        cluster.write(id.tenantId(), id.timelineId(), 100_000);
        assertTrue(one.filesystemUsage().usageBytes() >= before + 100_000);
        SafekeeperTimeline t = one.timeline(id.tenantId(), id.timelineId());
        t.checkpoint();
        java.util.List<String> deleted = t.backupPartialReset();
        assertEquals(1, deleted.size());
        assertTrue(deleted.get(0).endsWith("_sk1.partial"), deleted.get(0));
        assertEquals(java.util.List.of(), t.backupPartialReset(), "already reset");
        cluster.write(id.tenantId(), id.timelineId(), 10);
        assertEquals(1, t.backupPartialReset().size(), "new WAL, a new partial segment");
        assertThrows(NotFoundException.class, () -> one.timeline(id.tenantId(), TimelineId.generate()).checkpoint());
    }
}
