package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TransportException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineState;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rewind a tenant's remote storage to a point in time, the runbook's "Complete Time Travel Workflow" done safely:
 * stop the tenant's computes → detach → wait until the controller forgot the tenant → time travel with every
 * historical shard count → re-attach with the tenant's placement → wait until settled → check that every shard's
 * pageserver serves every timeline → start the computes again against the current placement. No pageserver restart
 * is needed: the re-attach loads the rewound state with a new generation.
 *
 * <p>{@code done_if_after} is set one second after the detach finished, rounded up, because S3 lists object versions
 * with one-second precision ({@code storage_controller/src/service.rs}, {@code tenant_time_travel_remote_storage});
 * {@code travel_to} is rounded down to the second for the same reason.
 *
 * <p>The check step reads, before anything changes:
 * <ul>
 *   <li>the tenant's shard-count history from remote storage ({@code GET /v1/tenant/{tenant_id}/scan_remote_storage} on
 *   a pageserver): the controller rewinds only the shard counts it is given
 *   ({@code storage_controller/src/service.rs} {@code tenant_time_travel_remote_storage}), and a split leaves the
 *   objects of every earlier count under their own prefixes;</li>
 *   <li>when each timeline came to be: a branch's branch point commit on its parent
 *   ({@code GET …/timeline/{ancestor}/get_timestamp_of_lsn?lsn={ancestor_lsn}}), a root's first commit
 *   ({@code get_lsn_by_timestamp} answers {@code past}). A timeline whose objects are all newer than the target has
 *   no index at that time and is gone after the re-attach.</li>
 * </ul>
 *
 * <p>Refuses (in the check step, with nothing changed) when:
 * <ul>
 *   <li>the travel time is not in the past;</li>
 *   <li>it has no way to stop the tenant's computes (give a {@link ComputeFleet}, or {@link #assumingNoComputes()}
 *   when there are none): a compute left running during the rewind fails later with "Timeline not found";</li>
 *   <li>the tenant is not {@code Attached} (there is no placement to restore);</li>
 *   <li>a caller-given {@link #withShardCounts} list differs from the counts remote storage holds, or no pageserver
 *   could be asked: a partial list leaves the tenant rewound in part;</li>
 *   <li>the travel time is before a branch's branch point or a root's first commit, listing those timelines, unless
 *   {@link #erasingTimelinesCreatedAfter()} says erasing them is intended.</li>
 * </ul>
 * A branch created later at an older LSN (a point-in-time branch) cannot be told apart from the cluster's answers: its
 * branch point is older than its creation, so travelling between the two erases it without a refusal, unless the
 * caller says when it was created ({@link #knowingCreationTimes}, as a restore from a backup catalog does).
 */
public final class TimeTravel implements Recipe {
    /** The tenant's placement, shard counts and timelines before anything changed. */
    public static final Step.Key<Snapshot> CHECK = Step.key("check", Snapshot.class);
    /** The timelines whose computes were stopped (and are started again last). */
    public static final Step.Key<List<TimelineId>> STOP_COMPUTES = Step.listKey("stop-computes", TimelineId.class);
    /** When the controller had dropped the detached tenant. */
    public static final Step.Key<Instant> DETACH = Step.key("detach", Instant.class);
    /** What was sent to {@code time_travel_remote_storage}. */
    public static final Step.Key<Rewind> TIME_TRAVEL = Step.key("time-travel", Rewind.class);
    /** The tenant re-attached and settled. */
    public static final Step.Key<TenantDescription> REATTACH = Step.key("reattach", TenantDescription.class);
    /** How many (shard, timeline) pairs were found on their pageservers. */
    public static final Step.Key<Integer> VERIFY = Step.key("verify", Integer.class);
    /** The timelines a compute was started on. */
    public static final Step.Key<List<TimelineId>> START_COMPUTES = Step.listKey("start-computes", TimelineId.class);
    /** Note of the stop step: every timeline with a compute, recorded before any is stopped. */
    private static final Step.Key<List<TimelineId>> COMPUTES = Step.listKey("computes", TimelineId.class);

    /**
     * The tenant as the check step found it.
     *
     * @param policy      its placement policy, restored by the re-attach
     * @param shardCounts every shard count it had, sent to the time travel
     * @param timelines   its timelines that exist at the travel time, checked on every shard after the re-attach
     * @param erasing     its timelines created after the travel time, which the rewind erases (empty unless
     *                    {@link #erasingTimelinesCreatedAfter()} was given)
     */
    public record Snapshot(PlacementPolicy policy, List<Integer> shardCounts, List<TimelineId> timelines, List<TimelineId> erasing) {
        public Snapshot {
            Objects.requireNonNull(policy, "policy");
            shardCounts = List.copyOf(shardCounts);
            timelines = List.copyOf(timelines);
            erasing = List.copyOf(erasing);
        }
    }

    /**
     * The rewind sent.
     *
     * @param travelTo    {@code travel_to}, the target rounded down to the second
     * @param doneIfAfter {@code done_if_after}, one second after the detach, rounded up
     * @param shardCounts {@code shard_counts}
     */
    public record Rewind(Instant travelTo, Instant doneIfAfter, List<Integer> shardCounts) {
        public Rewind {
            Objects.requireNonNull(travelTo, "travelTo");
            Objects.requireNonNull(doneIfAfter, "doneIfAfter");
            shardCounts = List.copyOf(shardCounts);
        }
    }

    private record Inputs(TenantId tenant, Instant to, boolean erasing) {}

    private final StorageControllerClient storcon;
    private final TenantId tenant;
    private final Instant travelTo;
    private final List<Integer> shardCounts;
    private final ComputeFleet fleet;
    private final boolean noComputes;
    private final boolean erasing;
    private final Function<Node, PageserverClient> pageservers;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Clock clock;
    private final Function<TimelineId, Optional<Instant>> createdAt;
    private final Plan plan;

    private TimeTravel(StorageControllerClient storcon, TenantId tenant, Instant travelTo, List<Integer> shardCounts, ComputeFleet fleet,
                       boolean noComputes, boolean erasing, Function<Node, PageserverClient> pageservers, Journal journal,
                       WaitPolicy wait, Clock clock, Function<TimelineId, Optional<Instant>> createdAt) {
        this.storcon = storcon;
        this.tenant = tenant;
        this.travelTo = travelTo;
        this.shardCounts = shardCounts;
        this.fleet = fleet;
        this.noComputes = noComputes;
        this.erasing = erasing;
        this.pageservers = pageservers;
        this.journal = journal;
        this.wait = wait;
        this.clock = clock;
        this.createdAt = createdAt;
        String detachedHint = "tenant " + tenant + " may be detached: re-run with the same journal to finish, or re-attach it with "
                + "storcon.tenant(" + tenant + ").updatePolicy(<its policy>)";
        this.plan = Plan.builder("TimeTravel", new Inputs(tenant, travelTo == null ? null : travelTo.truncatedTo(ChronoUnit.SECONDS),
                        erasing))
                .subject("tenant " + tenant)
                .step(CHECK, "Check inputs; record the tenant's placement (GET /control/v1/tenant/{tenant_id}), its shard-count history (GET"
                        + " /v1/tenant/{tenant_id}/scan_remote_storage) and which timelines exist at the target", 
                        this::check, "nothing changed")
                .step(STOP_COMPUTES, "Stop the tenant's computes (POST /terminate on each compute_ctl)", this::stopComputes,
                        "some computes may be stopped; the tenant is untouched: re-run to continue, or start them again")
                .step(DETACH, "Detach every shard (PUT /control/v1/tenant/{tenant_id}/policy \"Detached\") and wait until the"
                        + " controller dropped the tenant (404)", this::detach, detachedHint)
                .step(TIME_TRAVEL, "Rewind remote storage (PUT /v1/tenant/{tenant_id}/time_travel_remote_storage?travel_to=…"
                        + "&done_if_after=…) for every historical shard count", this::timeTravel, detachedHint)
                .step(REATTACH, "Re-attach with the recorded placement (PUT /control/v1/tenant/{tenant_id}/policy) and wait until settled",
                        this::reattach, "tenant " + tenant + " may still be detached (describe answers 404) or re-attaching: re-run with the"
                                + " same journal to finish, or re-attach it with storcon.tenant(" + tenant + ").updatePolicy(<its policy>)")
                .step(VERIFY, "Check that each shard's pageserver serves every timeline (GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id})",
                        this::verify, "the tenant is attached but a pageserver lacks a timeline; run ClusterReport, then re-run this step")
                .step(START_COMPUTES, "Start the stopped computes against the current placement (compute_ctl POST /configure)",
                        this::startComputes, "the tenant is attached and rewound; start its computes (the journal lists their timelines)")
                .build();
    }

    /** Prepares a time travel of {@code tenant}; give the target with {@link #to(Instant)}. */
    public static TimeTravel of(StorageControllerClient storcon, TenantId tenant) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(tenant, "tenant");
        return new TimeTravel(storcon, tenant, null, List.of(), null, false, false, n -> Placements.pageserver(storcon, n),
                Journal.inMemory(), storcon.config().waitPolicy(), Clock.systemUTC(), t -> Optional.empty());
    }

    private TimeTravel with(Instant to, List<Integer> counts, ComputeFleet f, boolean none, Function<Node, PageserverClient> ps,
                            Journal j, WaitPolicy w, Clock c) {
        return new TimeTravel(storcon, tenant, to, counts, f, none, erasing, ps, j, w, c, createdAt);
    }

    /** The point in time to rewind to; must be in the past. */
    public TimeTravel to(Instant travelTo) {
        Rfc3339.check("travelTo", travelTo);
        return with(travelTo, shardCounts, fleet, noComputes, pageservers, journal, wait, clock);
    }

    /**
     * Every shard count the tenant ever had ({@code 0} = created unsharded; e.g. {@code 0, 4} after splitting into 4), as
     * the caller believes it. Optional: by default the check step reads the history from remote storage
     * ({@code GET /v1/tenant/{tenant_id}/scan_remote_storage}); a list given here must match it, or the run is refused.
     */
    public TimeTravel withShardCounts(Integer... counts) {
        List<Integer> list = Arrays.asList(counts);
        if (list.isEmpty() || list.stream().anyMatch(c -> c == null || c < 0 || c > 255)) {
            throw new IllegalArgumentException("shardCounts must be one or more counts 0..255, got " + list);
        }
        return with(travelTo, List.copyOf(new TreeSet<>(list)), fleet, noComputes, pageservers, journal, wait, clock);
    }

    /** How to stop and start the tenant's computes. */
    public TimeTravel withComputes(ComputeFleet fleet) {
        return with(travelTo, shardCounts, Objects.requireNonNull(fleet, "fleet"), false, pageservers, journal, wait, clock);
    }

    /** Declares that no compute serves this tenant, so there is nothing to stop. */
    public TimeTravel assumingNoComputes() {
        return with(travelTo, shardCounts, null, true, pageservers, journal, wait, clock);
    }

    /**
     * Declares that erasing the timelines created after the travel time is intended: the run lists them in
     * {@link Snapshot#erasing()} and goes on, instead of refusing. Sends nothing.
     */
    public TimeTravel erasingTimelinesCreatedAfter() {
        return new TimeTravel(storcon, tenant, travelTo, shardCounts, fleet, noComputes, true, pageservers, journal, wait, clock, createdAt);
    }

    /**
     * When the caller knows when some timelines were created (a backup catalog records when each snapshot branch was
     * made), the check step uses it: a timeline created after the travel time has no index at that time, so the rewind
     * erases it even when its branch point is older, which the cluster's own answers cannot show. Asked in the check
     * step, for each timeline; empty where unknown. Sends nothing.
     */
    public TimeTravel knowingCreationTimes(Function<TimelineId, Optional<Instant>> createdAt) {
        Objects.requireNonNull(createdAt, "createdAt");
        return new TimeTravel(storcon, tenant, travelTo, shardCounts, fleet, noComputes, erasing, pageservers, journal, wait, clock, createdAt);
    }

    /**
     * How to reach a pageserver for the remote-storage scan and the verify step (default: plain HTTP to the node's listen
     * address with the controller client's configuration, so its {@code pageserverapi} token).
     */
    public TimeTravel withPageservers(Function<Node, PageserverClient> pageservers) {
        return with(travelTo, shardCounts, fleet, noComputes, Objects.requireNonNull(pageservers, "pageservers"), journal, wait, clock);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public TimeTravel withJournal(Journal journal) {
        return with(travelTo, shardCounts, fleet, noComputes, pageservers, Objects.requireNonNull(journal, "journal"), wait, clock);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public TimeTravel withWaitPolicy(WaitPolicy wait) {
        return with(travelTo, shardCounts, fleet, noComputes, pageservers, journal, Objects.requireNonNull(wait, "waitPolicy"), clock);
    }

    /** The clock "now" is read from (tests use the testkit's simulated clock). */
    public TimeTravel withClock(Clock clock) {
        return with(travelTo, shardCounts, fleet, noComputes, pageservers, journal, wait, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private Snapshot check(StepContext ctx) {
        if (travelTo == null) {
            throw new IllegalArgumentException("TimeTravel needs a target: .to(Instant)");
        }
        if (!travelTo.isBefore(clock.instant().minusSeconds(1))) {
            throw new IllegalArgumentException("travelTo " + travelTo + " is not in the past (now " + clock.instant()
                    + "): remote storage can only be rewound to a time before now");
        }
        if (fleet == null && !noComputes) {
            throw new IllegalArgumentException("TimeTravel must stop the tenant's computes first: pass withComputes(fleet), or "
                    + "assumingNoComputes() if none is running (a compute left running fails later with 'Timeline not found')");
        }
        TenantDescription d = storcon.tenant(tenant).describe();
        if (!(d.policy() instanceof PlacementPolicy.Attached)) {
            throw new IllegalStateException("tenant " + tenant + " has policy " + d.policy() + "; TimeTravel re-attaches an Attached tenant");
        }
        int current = d.shards().get(0).id().shardCount();
        List<Integer> history = shardCountHistory(current);
        if (!shardCounts.isEmpty() && !shardCounts.equals(history)) {
            throw new IllegalArgumentException("shardCounts " + shardCounts + " disagree with remote storage, which holds prefixes of shard"
                    + " counts " + history + " (GET /v1/tenant/" + tenant + "/scan_remote_storage): a time travel must rewind every"
                    + " one of them; drop withShardCounts/--shard-counts or give " + history);
        }
        List<TimelineId> keep = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        List<TimelineId> erased = new ArrayList<>();
        for (Timeline t : storcon.tenant(tenant).timelines().list()) {
            Optional<String> why = createdAfterTarget(t);
            if (why.isPresent()) {
                gone.add(t.timelineId() + " (" + why.get() + ")");
                erased.add(t.timelineId());
            } else {
                keep.add(t.timelineId());
            }
        }
        if (!gone.isEmpty() && !erasing) {
            throw new IllegalArgumentException("travelTo " + travelTo + " is before these timelines existed; the rewind would erase them: "
                    + String.join(", ", gone) + ". Pick a later time, or confirm with erasingTimelinesCreatedAfter() (neon-ops"
                    + " --erase-newer-timelines)");
        }
        return new Snapshot(d.policy(), history, keep, erased);
    }

    /**
     * Every shard count with a prefix in remote storage, asked of the first pageserver that answers; the current count
     * alone when remote storage holds nothing yet (404: the tenant never uploaded).
     */
    private List<Integer> shardCountHistory(int current) {
        TransportException unreachable = null;
        for (Node n : storcon.nodes().list()) {
            try {
                TreeSet<Integer> counts = new TreeSet<>(pageservers.apply(n).scanRemoteStorage(tenant).shardCounts());
                counts.add(current);
                return List.copyOf(counts);
            } catch (NotFoundException nothingUploaded) {
                return List.of(current);
            } catch (TransportException down) {
                unreachable = down;
            }
        }
        throw new IllegalStateException("no pageserver answered GET /v1/tenant/" + tenant + "/scan_remote_storage, so the tenant's"
                + " shard-count history is unknown and a rewind could miss the prefixes of an earlier count", unreachable);
    }

    /**
     * Why {@code t} came to be after the travel time, if the cluster says so: a branch's branch point was committed on its
     * parent after it, or a root's first commit is after it.
     */
    private Optional<String> createdAfterTarget(Timeline t) {
        Optional<Instant> known = createdAt.apply(t.timelineId()).filter(travelTo::isBefore);
        if (known.isPresent()) {
            return Optional.of("created " + Rfc3339.format(known.get()));
        }
        var api = storcon.tenant(tenant);
        if (t.ancestorTimelineId().isPresent() && t.ancestorLsn().isPresent()) {
            TimelineId parent = t.ancestorTimelineId().get();
            Lsn at = t.ancestorLsn().get();
            Optional<Instant> committed = api.timeline(parent).timestampOfLsn(at);
            return committed.filter(travelTo::isBefore)
                    .map(c -> "branched from " + parent + " at " + at + ", committed " + c);
        }
        LsnForTimestamp found = api.timeline(t.timelineId()).lsnByTimestamp(travelTo);
        return found.kind() == LsnForTimestamp.Kind.PAST
                ? Optional.of("root timeline whose first readable commit is after " + travelTo)
                : Optional.empty();
    }

    private List<TimelineId> stopComputes(StepContext ctx) {
        if (fleet == null) {
            return List.of();
        }
        List<ComputeClient> running = fleet.computesOf(tenant);
        // Journal every compute's timeline before stopping any: the fleet forgets a compute once it is stopped, so a
        // crash in between must not lose what has to be started again.
        TreeSet<TimelineId> all = new TreeSet<>(Comparator.comparing(TimelineId::toString));
        ctx.recall(COMPUTES).ifPresent(all::addAll);
        for (ComputeClient c : running) {
            c.status().timelineId().ifPresent(all::add);
        }
        ctx.remember(COMPUTES, List.copyOf(all));
        for (ComputeClient c : running) {
            fleet.stop(c);
        }
        return List.copyOf(all);
    }

    private Instant detach(StepContext ctx) {
        try {
            storcon.tenant(tenant).updatePolicy(PlacementPolicy.detached()).await(wait, p -> ctx.waiting(p.reason()));
        } catch (NotFoundException alreadyGone) {
            // The policy update reloads a dropped tenant, so 404 means the controller does not know it at all.
            throw new IllegalStateException("tenant " + tenant + " is unknown to the controller", alreadyGone);
        }
        return clock.instant();
    }

    private Rewind timeTravel(StepContext ctx) {
        Instant doneIfAfter = ctx.result(DETACH).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Rewind rewind = new Rewind(travelTo.truncatedTo(ChronoUnit.SECONDS), doneIfAfter, ctx.result(CHECK).shardCounts());
        storcon.tenant(tenant).timeTravelRemoteStorage(rewind.travelTo(), rewind.doneIfAfter(), rewind.shardCounts());
        return rewind;
    }

    private TenantDescription reattach(StepContext ctx) {
        storcon.tenant(tenant).updatePolicy(ctx.result(CHECK).policy());
        return Conditions.tenantSettled(storcon, tenant, wait, ctx);
    }

    private Integer verify(StepContext ctx) {
        TenantDescription d = storcon.tenant(tenant).describe();
        Map<NodeId, Node> nodes = storcon.nodes().list().stream().collect(Collectors.toMap(Node::id, n -> n));
        int checked = 0;
        for (ShardDescription s : d.shards()) {
            Node node = nodes.get(s.attachedNode().orElseThrow());
            PageserverClient ps = pageservers.apply(node);
            for (TimelineId tl : ctx.result(CHECK).timelines()) {
                TenantShardId shard = s.id();
                var info = ps.timeline(shard, tl).describe();
                if (info.state() instanceof TimelineState.Broken broken) {
                    throw new IllegalStateException("timeline " + tl + " on shard " + shard + " (node " + node.id() + ") is Broken: "
                            + broken.reason());
                }
                checked++;
            }
        }
        return checked;
    }

    private List<TimelineId> startComputes(StepContext ctx) {
        List<TimelineId> stopped = ctx.result(STOP_COMPUTES);
        if (fleet == null || stopped.isEmpty()) {
            return List.of();
        }
        var placement = Placements.of(storcon, tenant);
        List<TimelineId> started = new ArrayList<>();
        for (TimelineId timeline : stopped) {
            // Safe to repeat: a compute an earlier (crashed) run already started for this timeline is not started twice.
            if (Computes.runningOn(fleet, tenant, timeline).isPresent()) {
                continue;
            }
            fleet.start(ComputeSpec.minimal(tenant, timeline).withPlacement(placement)).running().await(wait, ctx.progress());
            started.add(timeline);
        }
        return started;
    }

    /** The time a run travels to, or null until {@link #to} is called. */
    public Instant travelTo() {
        return travelTo;
    }

}
