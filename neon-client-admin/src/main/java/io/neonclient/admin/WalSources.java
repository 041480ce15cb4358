package io.neonclient.admin;

import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.Timeline;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.safekeeper.TimelineStatus;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the WAL-replay recipes ({@link WalRecovery}, {@link WalReplayCheck}) ask of the pageservers and safekeepers:
 * each shard's pageserver, a timeline there or its 404, the safekeepers' WAL positions, and the wait until a timeline
 * has ingested WAL up to an LSN.
 */
final class WalSources {
    private final StorageControllerClient storcon;
    private final Function<Node, PageserverClient> pageservers;
    private final List<SafekeeperClient> safekeepers;

    WalSources(StorageControllerClient storcon, Function<Node, PageserverClient> pageservers, List<SafekeeperClient> safekeepers) {
        this.storcon = storcon;
        this.pageservers = pageservers;
        this.safekeepers = safekeepers;
    }

    /** A shard and the pageserver it is attached to. */
    record ShardOn(TenantShardId shard, PageserverClient pageserver, NodeId node) {}

    /** Every shard of {@code tenant} with its attached pageserver; refuses when one is not attached. */
    List<ShardOn> shards(TenantId tenant) {
        Map<NodeId, Node> nodes = storcon.nodes().list().stream().collect(Collectors.toMap(Node::id, n -> n));
        List<ShardOn> out = new ArrayList<>();
        for (ShardDescription s : storcon.tenant(tenant).describe().shards()) {
            NodeId node = s.attachedNode().orElseThrow(() -> new IllegalStateException("shard " + s.id() + " is not attached to any"
                    + " pageserver; attach the tenant first"));
            Node n = nodes.get(node);
            if (n == null) {
                throw new IllegalStateException("shard " + s.id() + " is attached to node " + node + ", which the controller does not list");
            }
            out.add(new ShardOn(s.id(), pageservers.apply(n), node));
        }
        return out;
    }

    /** The timeline on that shard's pageserver, or empty on 404. */
    static Optional<Timeline> describe(ShardOn s, TimelineId timeline) {
        try {
            return Optional.of(s.pageserver().timeline(s.shard(), timeline).describe());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    /** One safekeeper's view of the timeline's WAL. */
    record SafekeeperWal(String safekeeper, Lsn timelineStart, Lsn localStart, Lsn flush, Lsn commit, Lsn backup) {
        /** Whether the WAL from the timeline's start is on this safekeeper's disk or already offloaded. */
        boolean complete() {
            return !localStart.isAfter(timelineStart) || !backup.isBefore(localStart);
        }

        @Override
        public String toString() {
            return safekeeper + ": start " + timelineStart + ", local from " + localStart + ", flush " + flush + ", commit " + commit
                    + ", backup " + backup;
        }
    }

    /** Every given safekeeper's WAL for the timeline; refuses when there is none or one does not hold it. */
    List<SafekeeperWal> wal(TenantId tenant, TimelineId timeline) {
        if (safekeepers.isEmpty()) {
            throw new IllegalArgumentException("no safekeepers given: name the safekeepers that hold the WAL of " + timeline
                    + " with withSafekeepers(..)");
        }
        List<SafekeeperWal> out = new ArrayList<>();
        for (SafekeeperClient sk : safekeepers) {
            TimelineStatus st;
            try {
                st = sk.timeline(tenant, timeline).status();
            } catch (NotFoundException missing) {
                throw new IllegalStateException("safekeeper " + sk.baseUri() + " does not hold timeline " + tenant + "/" + timeline
                        + ": its WAL is not there to replay", missing);
            }
            out.add(new SafekeeperWal(sk.baseUri().toString(), st.timelineStartLsn(), st.localStartLsn(), st.flushLsn(), st.commitLsn(),
                    st.backupLsn()));
        }
        return out;
    }

    List<SafekeeperClient> safekeepers() {
        return safekeepers;
    }

    Function<Node, PageserverClient> pageservers() {
        return pageservers;
    }

    /**
     * Waits until the timeline's {@code last_record_lsn} reaches {@code lsn} on every shard: the pageserver's own
     * {@code POST /v1/tenant/{tenant_shard_id}/wait_lsn} in rounds of up to 10 s, or polling the timeline where a
     * pageserver lacks that route (404 on the route).
     */
    static void awaitIngested(List<ShardOn> shards, TimelineId timeline, Lsn lsn, WaitPolicy wait, StepContext ctx) {
        for (ShardOn s : shards) {
            Waiter.await("timeline " + timeline + " on shard " + s.shard() + " at " + lsn, wait, () -> {
                Optional<Timeline> t = describe(s, timeline);
                if (t.isPresent() && t.get().lastRecordLsn().isBefore(lsn)) {
                    try {
                        s.pageserver().shard(s.shard()).waitLsn(Map.of(timeline, lsn), Duration.ofSeconds(10));
                    } catch (NotFoundException noRoute) {
                        // an older pageserver: the poll below does the waiting
                    }
                    t = describe(s, timeline);
                }
                return t;
            }, t -> t.isEmpty() ? WaitVerdict.failed("timeline " + timeline + " is gone from shard " + s.shard())
                    : t.get().isBroken() ? WaitVerdict.failed("timeline " + timeline + " on shard " + s.shard() + " is Broken")
                    : t.get().lastRecordLsn().isBefore(lsn)
                            ? WaitVerdict.pending("shard " + s.shard() + " at " + t.get().lastRecordLsn() + " of " + lsn)
                            : WaitVerdict.done(), ctx.progress());
        }
    }
}
