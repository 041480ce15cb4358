package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.AuthException;
import io.neonclient.core.ConflictException;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.safekeeper.CreateSafekeeperTimelineRequest;
import io.neonclient.safekeeper.Membership;
import io.neonclient.safekeeper.MembershipSwitch;
import io.neonclient.safekeeper.PullTimelineRequest;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.safekeeper.SafekeeperMember;
import io.neonclient.safekeeper.SafekeeperTimeline;
import io.neonclient.safekeeper.TenantTimelineId;
import io.neonclient.safekeeper.TimelineDeleteResult;
import io.neonclient.safekeeper.TimelineStatus;
import io.neonclient.testkit.NeonCluster;
import io.neonclient.testkit.NeonTestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SafekeeperClient} against the testkit's safekeepers with the cluster's tokens: a timeline created without a
 * storage controller, its membership switched, copied, pulled onto another safekeeper and deleted.
 */
@NeonCluster(pageservers = 1, safekeepers = 3, auth = true)
class SafekeeperClientIT {
    private static final Lsn START = Lsn.parse("0/1000000");

    static SafekeeperClient client(NeonTestCluster cluster, long id) {
        return SafekeeperClient.builder().baseUri(cluster.safekeeper(id)).config(cluster.clientConfig()).build();
    }

    static Membership membership(long generation, long... ids) {
        List<SafekeeperMember> members = new ArrayList<>();
        for (long id : ids) {
            members.add(new SafekeeperMember(NodeId.of(id), "127.0.0.1", 5454));
        }
        return new Membership(generation, members, Optional.empty());
    }

    @Test
    void timelineLifecycle_createSwitchCopyDelete(NeonTestCluster cluster) {
        SafekeeperClient sk1 = client(cluster, 1);
        TenantId tenant = TenantId.generate();
        TimelineId tl = TimelineId.generate();
        sk1.createTimeline(CreateSafekeeperTimelineRequest.of(tenant, tl, membership(1, 1, 2, 3), 160000, START));
        sk1.createTimeline(CreateSafekeeperTimelineRequest.of(tenant, tl, membership(1, 1, 2, 3), 160000, START));
        assertEquals(List.of(new TenantTimelineId(tenant, tl)), sk1.timelines());
        assertEquals(1, sk1.utilization().timelineCount());

        SafekeeperTimeline timeline = sk1.timeline(tenant, tl);
        TimelineStatus status = timeline.status();
        assertEquals(1, status.mconf().generation());
        assertEquals(START, status.commitLsn());
        assertEquals(160000, status.pgInfo().pgVersion());
        assertEquals(0, status.acceptorState().term());

        MembershipSwitch sw = timeline.membership(membership(2, 1, 2));
        assertEquals(1, sw.previousConf().generation());
        assertEquals(2, sw.currentConf().generation());
        assertEquals(START, sw.flushLsn());
        assertThrows(ConflictException.class, () -> timeline.membership(membership(1, 1, 2, 3)));
        assertThrows(AuthException.class, () -> timeline.membership(membership(3, 2, 3)), "403: safekeeper 1 is not a member");

        TimelineId copy = TimelineId.generate();
        timeline.copyTo(copy, START);
        assertEquals(0, sk1.timeline(tenant, copy).status().mconf().generation());
        assertThrows(ServerErrorException.class, () -> timeline.copyTo(TimelineId.generate(), Lsn.parse("0/2000000")),
                "beyond the end of the timeline");

        assertEquals(new TimelineDeleteResult(true), timeline.delete());
        assertThrows(NotFoundException.class, timeline::status);
        assertEquals(new TimelineDeleteResult(false), timeline.delete(true));
        assertThrows(ServerErrorException.class,
                () -> sk1.createTimeline(CreateSafekeeperTimelineRequest.of(tenant, tl, membership(3, 1), 160000, START)), "a tombstone");
        Map<TimelineId, TimelineDeleteResult> tenantDeleted = sk1.tenant(tenant).delete();
        assertEquals(Map.of(copy, new TimelineDeleteResult(true)), tenantDeleted);
        assertEquals(0, sk1.utilization().timelineCount());
    }

    @Test
    void pullTimeline_copiesATimelineFromAPeer(NeonTestCluster cluster) {
        SafekeeperClient sk1 = client(cluster, 1);
        SafekeeperClient sk3 = client(cluster, 3);
        TenantId tenant = TenantId.generate();
        TimelineId tl = TimelineId.generate();
        sk1.createTimeline(CreateSafekeeperTimelineRequest.of(tenant, tl, membership(1, 1, 3), 170000, START));
        assertThrows(NotFoundException.class, () -> sk3.timeline(tenant, tl).status());

        var pulled = sk3.pullTimeline(new PullTimelineRequest(tenant, tl, List.of(cluster.safekeeper(1).toString()),
                Optional.of(membership(2, 1, 3))));
        assertEquals(Optional.of(cluster.safekeeper(1).toString()), pulled.safekeeperHost());
        TimelineStatus status = sk3.timeline(tenant, tl).status();
        assertEquals(2, status.mconf().generation());
        assertEquals(170000, status.pgInfo().pgVersion());
        assertTrue(sk3.pullTimeline(new PullTimelineRequest(tenant, tl, List.of(cluster.safekeeper(1).toString()), Optional.empty()))
                .safekeeperHost().isEmpty(), "already there");
        assertThrows(io.neonclient.core.BadRequestException.class, () -> sk3.pullTimeline(new PullTimelineRequest(tenant,
                TimelineId.generate(), List.of(cluster.safekeeper(1).toString()), Optional.of(membership(2, 1, 2)))),
                "safekeeper 3 is not in the mconf");
    }
}
