package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.TenantDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TimeTravel's guards read from the cluster: the shard-count history of a split tenant comes from remote storage, and a
 * travel time before a timeline existed is refused unless erasing it is intended.
 */
class TimeTravelGuardsIT {

    /** A tenant created unsharded with a timeline, a good write, then a split to 4 and a bad write. */
    record Split(TenantId tenant, TimelineId timeline, Lsn good, Instant goodTime, Lsn bad) {}

    static Split splitTenant(ComputeCluster env) {
        TenantId tenant = TenantId.generate();
        TimelineId timeline = TimelineId.generate();
        env.storcon.tenants().create(CreateTenantRequest.unsharded(tenant).withPlacement(PlacementPolicy.attached(1)))
                .await(Duration.ofSeconds(60));
        env.storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(timeline, 16));
        env.advance(Duration.ofMinutes(1));
        Lsn good = env.cluster.write(tenant, timeline, 16 * 1024);
        env.advance(Duration.ofMinutes(1));
        Instant goodTime = env.now();
        env.advance(Duration.ofMinutes(1));
        env.storcon.tenant(tenant).split(4).await(Duration.ofSeconds(60));
        io.neonclient.core.Waiter.await("split settled", RecipeHarness.WAIT, () -> env.storcon.tenant(tenant).describe(),
                Conditions::settled, p -> { });
        Lsn bad = env.cluster.write(tenant, timeline, 1024 * 1024);
        env.advance(Duration.ofMinutes(1));
        return new Split(tenant, timeline, good, goodTime, bad);
    }

    static TimeTravel travel(ComputeCluster env, TenantId tenant, Instant to) {
        return TimeTravel.of(env.storcon, tenant).to(to).assumingNoComputes().withClock(env.clock()).withWaitPolicy(RecipeHarness.WAIT);
    }

    static Lsn lastRecordLsn(ComputeCluster env, TenantId tenant, TimelineId timeline) {
        return env.storcon.tenant(tenant).timeline(timeline).describe().lastRecordLsn();
    }

    @Test
    void aTenantSplitAfterCreation_isRewoundUnderEveryShardCountRemoteStorageHolds() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Split s = splitTenant(env);
            assertEquals(List.of(0, 4), env.cluster.pageserverClient(1).scanRemoteStorage(s.tenant()).shardCounts(),
                    "the testkit keeps the unsharded prefix written before the split");

            RecipeResult r = travel(env, s.tenant(), s.goodTime()).run(e -> { });

            assertEquals(List.of(0, 4), r.value(TimeTravel.CHECK).shardCounts(), "found in remote storage, not given by the caller");
            assertEquals(List.of(0, 4), r.value(TimeTravel.TIME_TRAVEL).shardCounts());
            assertEquals(s.good(), lastRecordLsn(env, s.tenant(), s.timeline()), "rewound to the good LSN");
            TenantDescription d = env.storcon.tenant(s.tenant()).describe();
            assertEquals(PlacementPolicy.attached(1), d.policy());
            assertEquals(4, d.shards().size());
            assertEquals(4, r.value(TimeTravel.VERIFY), "the timeline is served by each of the 4 shards");
        }
    }

    @Test
    void aCallerListMissingAPreSplitCount_isRefusedBeforeAnythingChanges() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            Split s = splitTenant(env);
            List<RecipeEvent> events = new ArrayList<>();
            var e = assertThrows(RecipeFailedException.class,
                    () -> travel(env, s.tenant(), s.goodTime()).withShardCounts(4).run(events::add));
            assertEquals("check", e.step());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("[0, 4]")
                    && e.getMessage().contains("scan_remote_storage"), e.getMessage());
            assertEquals("nothing changed", e.nextAction());
            assertTrue(events.stream().noneMatch(ev -> ev instanceof StepStarted st && !st.step().name().equals("check")), events.toString());
            assertEquals(PlacementPolicy.attached(1), env.storcon.tenant(s.tenant()).describe().policy());
            assertEquals(s.bad(), lastRecordLsn(env, s.tenant(), s.timeline()), "nothing rewound");

            // The list remote storage holds is accepted.
            travel(env, s.tenant(), s.goodTime()).withShardCounts(4, 0).run(ev -> { });
            assertEquals(s.good(), lastRecordLsn(env, s.tenant(), s.timeline()));
        }
    }

    @Test
    void aTravelTimeBeforeABranchPoint_isRefusedListingTheBranch_andNothingIsDetached() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            TimeTravelIT.History h = TimeTravelIT.history(env);
            TimelineId branch = TimelineId.generate();
            Timeline created = env.storcon.tenant(env.tenant).timelines().create(CreateTimelineRequest.branch(branch, env.timeline));
            assertEquals(h.bad(), created.ancestorLsn().orElseThrow());
            env.advance(Duration.ofMinutes(1));

            List<RecipeEvent> events = new ArrayList<>();
            var e = assertThrows(RecipeFailedException.class, () -> travel(env, env.tenant, h.goodTime()).run(events::add));
            assertEquals("check", e.step());
            assertTrue(e.getMessage().contains(branch.toString()) && e.getMessage().contains("erasingTimelinesCreatedAfter()")
                    && e.getMessage().contains("--erase-newer-timelines"), e.getMessage());
            assertFalse(e.getMessage().contains(env.timeline + " ("), "the root existed then and is not listed: " + e.getMessage());
            assertTrue(events.stream().noneMatch(ev -> ev instanceof StepStarted st && st.step().name().equals("detach")), events.toString());
            assertEquals(PlacementPolicy.attached(1), env.storcon.tenant(env.tenant).describe().policy(), "never detached");
            assertEquals(h.bad(), TimeTravelIT.lastRecordLsn(env));
            assertEquals(2, env.storcon.tenant(env.tenant).timelines().list().size());
        }
    }

    @Test
    void erasingTimelinesCreatedAfter_rewindsErasingTheBranch_andVerifiesTheRest() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            TimeTravelIT.History h = TimeTravelIT.history(env);
            TimelineId branch = TimelineId.generate();
            env.storcon.tenant(env.tenant).timelines().create(CreateTimelineRequest.branch(branch, env.timeline));
            env.advance(Duration.ofMinutes(1));

            RecipeResult r = travel(env, env.tenant, h.goodTime()).erasingTimelinesCreatedAfter().run(e -> { });

            assertEquals(List.of(env.timeline), r.value(TimeTravel.CHECK).timelines());
            assertEquals(List.of(branch), r.value(TimeTravel.CHECK).erasing());
            assertEquals(2, r.value(TimeTravel.VERIFY), "the surviving timeline on each of 2 shards");
            assertEquals(List.of(env.timeline), env.storcon.tenant(env.tenant).timelines().list().stream().map(Timeline::timelineId).toList());
            assertEquals(h.good(), TimeTravelIT.lastRecordLsn(env));
        }
    }

    @Test
    void aTravelTimeBeforeARootTimelinesFirstCommit_isRefused() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            TimeTravelIT.History h = TimeTravelIT.history(env);
            TimelineId root = TimelineId.generate();
            env.storcon.tenant(env.tenant).timelines().create(CreateTimelineRequest.bootstrap(root, 16));
            env.advance(Duration.ofMinutes(1));
            env.cluster.write(env.tenant, root, 8 * 1024);
            env.advance(Duration.ofMinutes(1));

            var e = assertThrows(RecipeFailedException.class, () -> travel(env, env.tenant, h.goodTime()).run(ev -> { }));
            assertEquals("check", e.step());
            assertTrue(e.getMessage().contains(root + " (root timeline whose first readable commit is after"), e.getMessage());
            assertEquals(PlacementPolicy.attached(1), env.storcon.tenant(env.tenant).describe().policy());
        }
    }
}
