package io.neonclient.testkit.internal.storcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.pageserver.Timelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's load counts: a batch scheduled with one count ({@code scheduleAll}) places every shard where
 * scheduling them one at a time would, and the least loaded node takes each new attachment.
 */
class SchedulerTest {

    private static Storcon controllerWithActiveNodes(int nodes) {
        Duration s = Duration.ofSeconds(1);
        Timing timing = new Timing(100, s, s, s, s, s, s);
        Storcon sc = new Storcon(timing, new ConcurrentHashMap<>(), new Timelines(new RemoteStorage(), timing),
                new ComputeHook(null, null, timing));
        StorconNodes registry = new StorconNodes(sc, new Heartbeats(sc), new NodeOperations(sc));
        for (long id = 1; id <= nodes; id++) {
            registry.nodeRegister(id, new StorconNode.Registration("127.0.0.1", 6400, "127.0.0.1", 9898, null, null, null, "az-a", null));
            registry.nodeConfigure(id, Optional.of(NodeAvailability.ACTIVE), Optional.empty());
        }
        return sc;
    }

    private static TenantState tenant(Storcon sc, int index, int shards) {
        TenantState t = new TenantState(TenantId.parse(String.format("%032x", index + 1)));
        t.setPolicy(PlacementPolicy.attached(1));
        t.setShardCount(shards);
        for (int i = 0; i < shards; i++) {
            t.addShard(new ShardState(TenantShardId.of(t.id(), ShardIndex.of(i, shards))));
        }
        synchronized (sc) {
            sc.putTenant(t);
        }
        return t;
    }

    /** Shard id to "attached/secondaries", for every shard of the controller. */
    private static Map<String, String> placements(Storcon sc) {
        Map<String, String> out = new TreeMap<>();
        synchronized (sc) {
            for (ShardState s : sc.allShards()) {
                out.put(s.id().toString(), s.attached() + "/" + s.secondaries());
            }
        }
        return out;
    }

    @Test
    void scheduleAll_placesEachShardWhereOneAtATimeWould() {
        Storcon batched = controllerWithActiveNodes(3);
        Storcon single = controllerWithActiveNodes(3);
        for (int i = 0; i < 25; i++) {
            TenantState a = tenant(batched, i, 4);
            TenantState b = tenant(single, i, 4);
            synchronized (batched) {
                List<String> errors = batched.scheduler().scheduleAll(a.policy(), a.shards());
                errors.forEach(e -> assertNull(e, "every shard placed"));
            }
            synchronized (single) {
                for (ShardState s : b.shards()) {
                    assertNull(single.scheduler().schedule(b.policy(), s));
                }
            }
        }
        assertEquals(placements(single), placements(batched));
    }

    @Test
    void newAttachments_goToTheLeastLoadedNode_withASecondaryElsewhere() {
        Storcon sc = controllerWithActiveNodes(3);
        List<ShardState> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TenantState t = tenant(sc, i, 3);
            synchronized (sc) {
                sc.scheduler().scheduleAll(t.policy(), t.shards());
            }
            all.addAll(t.shards());
        }
        synchronized (sc) {
            int[] attached = new int[4];
            for (ShardState s : all) {
                attached[Math.toIntExact(s.attached())]++;
                assertEquals(1, s.secondaries().size(), s.id() + " has one secondary");
                assertFalse(s.secondaries().contains(s.attached()), s.id() + "'s secondary is on another node");
            }
            assertEquals(List.of(10, 10, 10), List.of(attached[1], attached[2], attached[3]), "30 attachments spread evenly");
            assertEquals(10, sc.scheduler().attachedCount(2));
        }
    }
}
