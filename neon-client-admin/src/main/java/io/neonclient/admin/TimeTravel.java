package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.storcon.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * <p>Refuses to start on a travel time that is not in the past, and when it has no way to stop the tenant's computes
 * (give a {@link ComputeFleet}, or {@link #assumingNoComputes()} when there are none): a compute left running during
 * the rewind is what fails later with "Timeline not found" / "can't find the basebackup".
 */
public final class TimeTravel extends PlannedRecipe {
    private final StorageControllerClient storcon;
    private final TenantId tenant;
    private final Instant travelTo;
    private final List<Integer> shardCounts;
    private final ComputeFleet fleet;
    private final boolean noComputes;
    private final Function<Node, PageserverClient> pageservers;
    private final WaitPolicy wait;
    private final Clock clock;

    private TimeTravel(StorageControllerClient storcon, TenantId tenant, Instant travelTo, List<Integer> shardCounts, ComputeFleet fleet,
                       boolean noComputes, Function<Node, PageserverClient> pageservers, Journal journal, WaitPolicy wait, Clock clock) {
        super("TimeTravel", journal);
        this.storcon = storcon;
        this.tenant = tenant;
        this.travelTo = travelTo;
        this.shardCounts = shardCounts;
        this.fleet = fleet;
        this.noComputes = noComputes;
        this.pageservers = pageservers;
        this.wait = wait;
        this.clock = clock;
        String detachedHint = "tenant " + tenant + " may be detached: re-run with the same journal to finish, or re-attach it with "
                + "storcon.tenant(" + tenant + ").updatePolicy(<its policy>)";
        plan(Plan.builder("TimeTravel", "tenant=" + tenant + " to=" + (travelTo == null ? "?" : Rfc3339.formatSeconds(travelTo)))
                .step("check", "Check inputs and record the tenant's placement and shard counts (GET /control/v1/tenant/{tenant_id})",
                        this::check, "nothing changed")
                .step("stop-computes", "Stop the tenant's computes (POST /terminate on each compute_ctl)", this::stopComputes,
                        "some computes may be stopped; the tenant is untouched: re-run to continue, or start them again")
                .step("detach", "Detach every shard (PUT /control/v1/tenant/{tenant_id}/policy \"Detached\") and wait until the"
                        + " controller dropped the tenant (404)", this::detach, detachedHint)
                .step("time-travel", "Rewind remote storage (PUT /v1/tenant/{tenant_id}/time_travel_remote_storage?travel_to=…"
                        + "&done_if_after=…) for every historical shard count", this::timeTravel, detachedHint)
                .step("reattach", "Re-attach with the recorded placement (PUT /control/v1/tenant/{tenant_id}/policy) and wait until settled",
                        this::reattach, "tenant " + tenant + " may still be detached (describe answers 404) or re-attaching: re-run with the"
                                + " same journal to finish, or re-attach it with storcon.tenant(" + tenant + ").updatePolicy(<its policy>)")
                .step("verify", "Check that each shard's pageserver serves every timeline (GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id})",
                        this::verify, "the tenant is attached but a pageserver lacks a timeline; run ClusterReport, then re-run this step")
                .step("start-computes", "Start the stopped computes against the current placement (compute_ctl POST /configure)",
                        this::startComputes, "the tenant is attached and rewound; start its computes (the journal lists their timelines)")
                .build());
    }

    /** Prepares a time travel of {@code tenant}; give the target with {@link #to(Instant)}. */
    public static TimeTravel of(StorageControllerClient storcon, TenantId tenant) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(tenant, "tenant");
        return new TimeTravel(storcon, tenant, null, List.of(), null, false, TimeTravel::defaultPageserver, Journal.inMemory(),
                storcon.config().waitPolicy(), Clock.systemUTC());
    }

    static PageserverClient defaultPageserver(Node n) {
        return PageserverClient.create("http://" + n.listenHttpAddr() + ":" + n.listenHttpPort());
    }

    private TimeTravel with(Instant to, List<Integer> counts, ComputeFleet f, boolean none, Function<Node, PageserverClient> ps,
                            Journal j, WaitPolicy w, Clock c) {
        return new TimeTravel(storcon, tenant, to, counts, f, none, ps, j, w, c);
    }

    /** The point in time to rewind to; must be in the past. */
    public TimeTravel to(Instant travelTo) {
        Rfc3339.check("travelTo", travelTo);
        return with(travelTo, shardCounts, fleet, noComputes, pageservers, journal(), wait, clock);
    }

    /**
     * Every shard count the tenant ever had ({@code 0} = created unsharded; e.g. {@code 0, 4} after splitting into 4).
     * Default: the current count only, which is right for a tenant that was never split.
     */
    public TimeTravel withShardCounts(Integer... counts) {
        List<Integer> list = Arrays.asList(counts);
        if (list.isEmpty() || list.stream().anyMatch(c -> c == null || c < 0 || c > 255)) {
            throw new IllegalArgumentException("shardCounts must be one or more counts 0..255, got " + list);
        }
        return with(travelTo, List.copyOf(new TreeSet<>(list)), fleet, noComputes, pageservers, journal(), wait, clock);
    }

    /** How to stop and start the tenant's computes. */
    public TimeTravel withComputes(ComputeFleet fleet) {
        return with(travelTo, shardCounts, Objects.requireNonNull(fleet, "fleet"), false, pageservers, journal(), wait, clock);
    }

    /** Declares that no compute serves this tenant, so there is nothing to stop. */
    public TimeTravel assumingNoComputes() {
        return with(travelTo, shardCounts, null, true, pageservers, journal(), wait, clock);
    }

    /** How to reach a pageserver for the verify step (default: plain HTTP to the node's listen address, no token). */
    public TimeTravel withPageservers(Function<Node, PageserverClient> pageservers) {
        return with(travelTo, shardCounts, fleet, noComputes, Objects.requireNonNull(pageservers, "pageservers"), journal(), wait, clock);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public TimeTravel withJournal(Journal journal) {
        return with(travelTo, shardCounts, fleet, noComputes, pageservers, Objects.requireNonNull(journal, "journal"), wait, clock);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public TimeTravel withWaitPolicy(WaitPolicy wait) {
        return with(travelTo, shardCounts, fleet, noComputes, pageservers, journal(), Objects.requireNonNull(wait, "waitPolicy"), clock);
    }

    /** The clock "now" is read from (tests use the testkit's simulated clock). */
    public TimeTravel withClock(Clock clock) {
        return with(travelTo, shardCounts, fleet, noComputes, pageservers, journal(), wait, Objects.requireNonNull(clock, "clock"));
    }

    private String check(StepContext ctx) {
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
        List<Integer> counts = shardCounts.isEmpty() ? List.of(current) : shardCounts;
        if (!counts.contains(current)) {
            throw new IllegalArgumentException("shardCounts " + counts + " must include the current count " + current);
        }
        ctx.journal().put("policy", d.policy().toString());
        ctx.journal().put("shard_counts", counts.stream().map(String::valueOf).collect(Collectors.joining(",")));
        ctx.journal().put("timelines", storcon.tenant(tenant).timelines().list().stream().map(t -> t.timelineId().toString())
                .collect(Collectors.joining(",")));
        return "policy " + d.policy() + ", shard counts " + counts + ", travel to " + Rfc3339.formatSeconds(travelTo);
    }

    private String stopComputes(StepContext ctx) {
        if (fleet == null) {
            ctx.journal().put("computes", "");
            return "no computes to stop (assumingNoComputes)";
        }
        List<ComputeClient> running = fleet.computesOf(tenant);
        // Journal every compute's timeline before stopping any: the fleet forgets a compute once it is stopped, so a
        // crash in between must not lose what has to be started again.
        TreeSet<String> all = new TreeSet<>();
        ctx.journal().value("computes").filter(v -> !v.isEmpty()).ifPresent(v -> all.addAll(Arrays.asList(v.split(","))));
        for (ComputeClient c : running) {
            c.status().timeline().ifPresent(tl -> all.add(tl.toString()));
        }
        ctx.journal().put("computes", String.join(",", all));
        for (ComputeClient c : running) {
            fleet.stop(c);
        }
        return running.size() + " compute(s) stopped";
    }

    private String detach(StepContext ctx) {
        try {
            storcon.tenant(tenant).updatePolicy(PlacementPolicy.detached()).await(wait, p -> ctx.waiting(p.reason()));
        } catch (NotFoundException alreadyGone) {
            // The policy update reloads a dropped tenant, so 404 means the controller does not know it at all.
            throw new IllegalStateException("tenant " + tenant + " is unknown to the controller", alreadyGone);
        }
        Instant detachedAt = clock.instant();
        ctx.journal().put("detached_at", Rfc3339.format(detachedAt));
        return "detached at " + Rfc3339.formatSeconds(detachedAt);
    }

    private String timeTravel(StepContext ctx) {
        Instant detachedAt = Rfc3339.parse(ctx.journal().value("detached_at").orElseThrow());
        Instant doneIfAfter = detachedAt.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant to = travelTo.truncatedTo(ChronoUnit.SECONDS);
        List<Integer> counts = Arrays.stream(ctx.journal().value("shard_counts").orElseThrow().split(",")).map(Integer::valueOf).toList();
        storcon.tenant(tenant).timeTravelRemoteStorage(to, doneIfAfter, counts);
        return "rewound to " + Rfc3339.format(to) + " (done_if_after " + Rfc3339.format(doneIfAfter) + ", shard counts " + counts + ")";
    }

    private String reattach(StepContext ctx) {
        PlacementPolicy policy = PlacementPolicy.parse(ctx.journal().value("policy").orElseThrow());
        storcon.tenant(tenant).updatePolicy(policy);
        TenantDescription d = Conditions.tenantSettled(storcon, tenant, wait, ctx);
        return "re-attached " + policy + ": " + d.shards().stream()
                .map(s -> s.id().shardIndex() + "@" + s.attachedNode().orElseThrow()).collect(Collectors.joining(" "));
    }

    private String verify(StepContext ctx) {
        TenantDescription d = storcon.tenant(tenant).describe();
        Map<io.neonclient.core.NodeId, Node> nodes = storcon.nodes().list().stream().collect(Collectors.toMap(Node::id, n -> n));
        List<TimelineId> timelines = timelines(ctx);
        int checked = 0;
        for (ShardDescription s : d.shards()) {
            Node node = nodes.get(s.attachedNode().orElseThrow());
            PageserverClient ps = pageservers.apply(node);
            for (TimelineId tl : timelines) {
                TenantShardId shard = s.id();
                var info = ps.timeline(shard, tl).describe();
                if (info.state() instanceof io.neonclient.pageserver.TimelineState.Broken) {
                    throw new IllegalStateException("timeline " + tl + " on shard " + shard + " (node " + node.id() + ") is " + info.state());
                }
                checked++;
            }
        }
        return checked + " shard timeline(s) present on their pageservers";
    }

    private static List<TimelineId> timelines(StepContext ctx) {
        String list = ctx.journal().value("timelines").orElse("");
        return list.isEmpty() ? List.of() : Arrays.stream(list.split(",")).map(TimelineId::parse).toList();
    }

    private String startComputes(StepContext ctx) {
        String list = ctx.journal().value("computes").orElse("");
        if (fleet == null || list.isEmpty()) {
            return "no computes to start";
        }
        var placement = Placements.of(storcon, tenant);
        int started = 0;
        for (String tl : list.split(",")) {
            TimelineId timeline = TimelineId.parse(tl);
            // Safe to repeat: a compute an earlier (crashed) run already started for this timeline is not started twice.
            if (Computes.runningOn(fleet, tenant, timeline).isPresent()) {
                continue;
            }
            ComputeSpec spec = ComputeSpec.minimal(tenant, timeline).withPlacement(placement);
            fleet.start(spec).running().await(wait, progress -> { });
            started++;
        }
        return started + " compute(s) running against " + placement.shards().size() + " shard(s)";
    }

    /** The time a run travels to, or null until {@link #to} is called. */
    public Instant travelTo() {
        return travelTo;
    }

}
