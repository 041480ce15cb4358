package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.StorageControllerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rebuilds a timeline whose pageserver state is corrupt from its preserved initdb archive plus the WAL the safekeepers
 * hold: the RFC's WAL-replay recovery on the primitives upstream built (it never built the RFC's {@code /recover}).
 *
 * <p>Steps: check (root timeline, safekeepers' WAL complete and not behind what the pageservers ingested) → preserve
 * the initdb archive ({@code POST …/preserve_initdb_archive}, so it outlives the deletion) → stop the timeline's
 * computes → delete the timeline on each pageserver directly until 404 → re-create it through the controller with the
 * same id and {@code existing_initdb_timeline_id} → wait until every shard has replayed the WAL up to the safekeepers'
 * {@code commit_lsn} ({@code wait_lsn}) → verify → start the computes again.
 *
 * <p>What it could destroy, and why it cannot: the pageserver copy of the timeline is deleted on purpose; the WAL is
 * not. The timeline is deleted on the pageservers directly, never through the controller, whose timeline delete also
 * deletes the timeline on the safekeepers when it manages them ({@code storage_controller/src/service.rs}
 * {@code tenant_timeline_delete}) and would destroy the WAL being replayed. Refuses when:
 * <ul>
 *   <li>the timeline is a branch (its history before the branch point lives in the ancestor), or has branches (a
 *   pageserver refuses to delete a timeline with children);</li>
 *   <li>no safekeeper was given, one does not hold the timeline, or none holds the WAL from the timeline's start (on
 *   disk or offloaded: {@code local_start_lsn}, {@code backup_lsn});</li>
 *   <li>the safekeepers' {@code commit_lsn} is behind the pageservers' {@code last_record_lsn} (replaying would lose
 *   what was ingested);</li>
 *   <li>the initdb archive cannot be preserved (the timeline was not bootstrapped by initdb: imported, for example);</li>
 *   <li>the old timeline still answers on a shard when the re-create would be sent: a create while it lingers answers
 *   201 with the old timeline ({@code pageserver/src/tenant.rs}), so the step waits for the 404 first.</li>
 * </ul>
 */
public final class WalRecovery implements Recipe {
    /** What the pre-check found: where initdb ended, how far the pageservers and the safekeepers got. */
    public static final Step.Key<Snapshot> CHECK = Step.key("check", Snapshot.class);
    /** The shard whose pageserver preserved the initdb archive. */
    public static final Step.Key<TenantShardId> PRESERVE = Step.key("preserve-initdb", TenantShardId.class);
    /** The timelines of the computes stopped (this one, when a compute ran on it). */
    public static final Step.Key<List<TimelineId>> STOP_COMPUTES = Step.listKey("stop-computes", TimelineId.class);
    /** The shards the timeline was deleted on (every shard answers 404 afterwards). */
    public static final Step.Key<List<TenantShardId>> DELETE = Step.listKey("delete", TenantShardId.class);
    /** The re-created timeline's {@code initdb_lsn}. */
    public static final Step.Key<Lsn> RECREATE = Step.key("recreate", Lsn.class);
    /** The LSN every shard replayed to (the safekeepers' {@code commit_lsn}). */
    public static final Step.Key<Lsn> REPLAY = Step.key("replay", Lsn.class);
    /** What every shard reports afterwards. */
    public static final Step.Key<Verified> VERIFY = Step.key("verify", Verified.class);
    /** The computes started again. */
    public static final Step.Key<List<TimelineId>> START_COMPUTES = Step.listKey("start-computes", TimelineId.class);

    /** Note of the recreate step: the create was sent, so a timeline found on resume is the new one. */
    private static final Step.Key<Boolean> SENT = Step.key("sent", Boolean.class);

    /**
     * The pre-check's findings.
     *
     * @param pgVersion     the timeline's Postgres major version (sent again with the re-create)
     * @param initdbLsn     where initdb ended
     * @param ingestedLsn   the highest {@code last_record_lsn} a shard reported before the rebuild
     * @param walEnd        the safekeepers' {@code commit_lsn}: the replay target
     * @param safekeepers   each safekeeper's WAL positions, as text
     */
    public record Snapshot(int pgVersion, Lsn initdbLsn, Lsn ingestedLsn, Lsn walEnd, List<String> safekeepers) {
        public Snapshot {
            safekeepers = List.copyOf(safekeepers);
        }
    }

    /**
     * The rebuilt timeline.
     *
     * @param shards        how many shards answered Active
     * @param lastRecordLsn the lowest {@code last_record_lsn} among them
     */
    public record Verified(int shards, Lsn lastRecordLsn) {}

    private record Inputs(TenantId tenant, TimelineId timeline) {}

    private final StorageControllerClient storcon;
    private final Inputs in;
    private final ComputeFleet fleet;
    private final WalSources sources;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private WalRecovery(StorageControllerClient storcon, Inputs in, ComputeFleet fleet, WalSources sources, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.in = in;
        this.fleet = fleet;
        this.sources = sources;
        this.journal = journal;
        this.wait = wait;
        String tl = in.tenant() + "/" + in.timeline();
        this.plan = Plan.builder("WalRecovery", in).subject("timeline " + tl)
                .step(CHECK, "Check that " + tl + " is a root timeline and that the safekeepers hold its whole WAL, not behind the"
                        + " pageservers (GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id} on each pageserver,"
                        + " GET /v1/tenant/{tenant_id}/timeline/{timeline_id} on each safekeeper)", this::check, "nothing changed")
                .step(PRESERVE, "Preserve its initdb archive so it outlives the deletion (POST /v1/tenant/{tenant_shard_id}/timeline/"
                        + "{timeline_id}/preserve_initdb_archive on shard zero's pageserver)", this::preserve,
                        "nothing was deleted; without a preserved initdb the timeline cannot be rebuilt from WAL")
                .step(STOP_COMPUTES, fleet == null ? "No compute fleet given: nothing to stop (declared with assumingNoComputes)"
                        : "Stop the computes on " + in.timeline() + " (compute_ctl POST /terminate)", this::stopComputes,
                        "some computes may be stopped, the timeline is untouched: re-run to continue, or start them again")
                .step(DELETE, "Delete the timeline on each shard's pageserver directly, never through the controller (which would also"
                        + " delete the safekeepers' WAL), until it answers 404 (DELETE then GET /v1/tenant/{tenant_shard_id}/timeline/"
                        + "{timeline_id})", this::delete, "the timeline may be deleted on some shards; its WAL and preserved initdb are"
                        + " intact: re-run with the same journal to finish")
                .step(RECREATE, "Re-create " + in.timeline() + " through the controller from its own preserved initdb, once every shard"
                        + " answers 404 (POST /v1/tenant/{tenant_id}/timeline with existing_initdb_timeline_id)", this::recreate,
                        "the timeline is deleted on the pageservers, its WAL is on the safekeepers: re-run with the same journal to"
                                + " re-create it")
                .step(REPLAY, "Wait until every shard has replayed the WAL up to the safekeepers' commit_lsn (POST /v1/tenant/"
                        + "{tenant_shard_id}/wait_lsn)", this::replay, "the timeline exists and is still replaying: re-run to keep waiting")
                .step(VERIFY, "Check every shard: Active, no ancestor, last_record_lsn at the WAL's end (GET /v1/tenant/{tenant_shard_id}/"
                        + "timeline/{timeline_id})", this::verify, "the timeline was re-created but does not look right: run"
                        + " ClusterReport and inspect it before starting computes")
                .step(START_COMPUTES, "Start the stopped computes against the current placement (compute_ctl POST /configure)",
                        this::startComputes, "the timeline is rebuilt; start its computes (the stop-computes step lists them)")
                .build();
    }

    /**
     * Rebuilds {@code tenant}'s {@code timeline}. Give the safekeepers that hold its WAL with
     * {@link #withSafekeepers}, and the computes with {@link #withComputes} or {@link #assumingNoComputes}.
     */
    public static WalRecovery of(StorageControllerClient storcon, TenantId tenant, TimelineId timeline) {
        Objects.requireNonNull(storcon, "storcon");
        Inputs in = new Inputs(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(timeline, "timeline"));
        return new WalRecovery(storcon, in, null, new WalSources(storcon, n -> Placements.pageserver(storcon, n), List.of()),
                Journal.inMemory(), storcon.config().waitPolicy());
    }

    /** The safekeepers that hold the timeline's WAL (each is asked for its positions; all must hold it). Sends nothing. */
    public WalRecovery withSafekeepers(List<SafekeeperClient> safekeepers) {
        Objects.requireNonNull(safekeepers, "safekeepers");
        safekeepers.forEach(s -> Objects.requireNonNull(s, "safekeeper"));
        return new WalRecovery(storcon, in, fleet, new WalSources(storcon, sources.pageservers(), List.copyOf(safekeepers)), journal, wait);
    }

    /**
     * How to reach a pageserver (default: plain HTTP to the node's listen address with the controller client's
     * configuration). Sends nothing.
     */
    public WalRecovery withPageservers(Function<Node, PageserverClient> pageservers) {
        Objects.requireNonNull(pageservers, "pageservers");
        return new WalRecovery(storcon, in, fleet, new WalSources(storcon, pageservers, sources.safekeepers()), journal, wait);
    }

    /** How to stop and start the timeline's computes. */
    public WalRecovery withComputes(ComputeFleet fleet) {
        return new WalRecovery(storcon, in, Objects.requireNonNull(fleet, "fleet"), sources, journal, wait);
    }

    /** Declares that no compute runs on the timeline, so there is nothing to stop. */
    public WalRecovery assumingNoComputes() {
        return new WalRecovery(storcon, in, null, sources, journal, wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public WalRecovery withJournal(Journal journal) {
        return new WalRecovery(storcon, in, fleet, sources, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public WalRecovery withWaitPolicy(WaitPolicy wait) {
        return new WalRecovery(storcon, in, fleet, sources, journal, Objects.requireNonNull(wait, "waitPolicy"));
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
        List<WalSources.ShardOn> shards = sources.shards(in.tenant());
        Lsn ingested = Lsn.ZERO;
        Timeline any = null;
        for (WalSources.ShardOn s : shards) {
            Timeline t = WalSources.describe(s, in.timeline()).orElseThrow(() -> new IllegalStateException("timeline " + in.timeline()
                    + " is not on shard " + s.shard() + " (node " + s.node() + "): nothing to rebuild there; if an earlier run deleted it,"
                    + " resume that run with its journal"));
            if (t.ancestorTimelineId().isPresent()) {
                throw new IllegalStateException("timeline " + in.timeline() + " is a branch of " + t.ancestorTimelineId().get()
                        + ": WAL replay rebuilds root timelines only (a branch's history before its branch point is its ancestor's)");
            }
            ingested = t.lastRecordLsn().isAfter(ingested) ? t.lastRecordLsn() : ingested;
            any = t;
        }
        List<TimelineId> children = storcon.tenant(in.tenant()).timelines().list().stream()
                .filter(c -> c.ancestorTimelineId().filter(in.timeline()::equals).isPresent()).map(Timeline::timelineId).distinct().toList();
        if (!children.isEmpty()) {
            throw new IllegalStateException("timeline " + in.timeline() + " has branches " + children + ": a pageserver refuses to delete a"
                    + " timeline with children (412, pageserver/src/tenant/timeline/delete.rs), so it cannot be rebuilt in place");
        }
        List<WalSources.SafekeeperWal> wal = sources.wal(in.tenant(), in.timeline());
        if (wal.stream().noneMatch(WalSources.SafekeeperWal::complete)) {
            throw new IllegalStateException("no safekeeper holds the WAL from the timeline's start (on disk or offloaded): " + wal);
        }
        Lsn walEnd = wal.stream().map(WalSources.SafekeeperWal::commit).reduce(Lsn.ZERO, (a, b) -> a.isAfter(b) ? a : b);
        if (walEnd.isBefore(ingested)) {
            throw new IllegalStateException("the safekeepers' commit_lsn " + walEnd + " is behind the pageservers' last_record_lsn "
                    + ingested + ": replaying would lose WAL; " + wal);
        }
        Timeline t = Objects.requireNonNull(any);
        if (wal.stream().anyMatch(w -> w.timelineStart().isAfter(t.initdbLsn()))) {
            throw new IllegalStateException("a safekeeper's WAL starts after initdb_lsn " + t.initdbLsn() + ": " + wal);
        }
        ctx.waiting("WAL ends at " + walEnd + ", the pageservers had " + ingested);
        return new Snapshot(t.pgVersion(), t.initdbLsn(), ingested, walEnd, wal.stream().map(Object::toString).toList());
    }

    private TenantShardId preserve(StepContext ctx) {
        WalSources.ShardOn zero = sources.shards(in.tenant()).get(0);
        try {
            zero.pageserver().timeline(zero.shard(), in.timeline()).preserveInitdbArchive();
        } catch (io.neonclient.core.ServerErrorException noArchive) {
            throw new IllegalStateException("the pageserver could not preserve the initdb archive of " + in.timeline()
                    + " (was it created by initdb, not imported?): " + noArchive.getMessage(), noArchive);
        }
        return zero.shard();
    }

    private List<TimelineId> stopComputes(StepContext ctx) {
        if (fleet == null) {
            return List.of();
        }
        List<TimelineId> stopped = new ArrayList<>(ctx.recall(STOP_COMPUTES).orElse(List.of()));
        for (ComputeClient c : fleet.computesOf(in.tenant())) {
            if (c.status().timelineId().filter(in.timeline()::equals).isPresent()) {
                if (!stopped.contains(in.timeline())) {
                    stopped.add(in.timeline());
                    ctx.remember(STOP_COMPUTES, List.copyOf(stopped)); // before the stop: the fleet forgets a stopped compute
                }
                fleet.stop(c);
            }
        }
        return stopped;
    }

    private List<TenantShardId> delete(StepContext ctx) {
        List<TenantShardId> done = new ArrayList<>();
        for (WalSources.ShardOn s : sources.shards(in.tenant())) {
            ctx.waiting("deleting on shard " + s.shard() + " (node " + s.node() + ")");
            s.pageserver().timeline(s.shard(), in.timeline()).delete().await(wait, ctx.progress());
            done.add(s.shard());
        }
        return done;
    }

    private Lsn recreate(StepContext ctx) {
        List<WalSources.ShardOn> shards = sources.shards(in.tenant());
        boolean sent = ctx.recall(SENT).orElse(false);
        for (WalSources.ShardOn s : shards) {
            Optional<Timeline> t = WalSources.describe(s, in.timeline());
            if (t.isPresent() && !sent) {
                throw new IllegalStateException("timeline " + in.timeline() + " still answers on shard " + s.shard()
                        + ": its deletion has not finished, and a create now would answer 201 with the old timeline; re-run");
            }
        }
        ctx.remember(SENT, true);
        var request = CreateTimelineRequest.bootstrap(in.timeline(), ctx.result(CHECK).pgVersion()).fromInitdbOf(in.timeline());
        return storcon.tenant(in.tenant()).timelines().create(request).initdbLsn();
    }

    private Lsn replay(StepContext ctx) {
        Lsn target = ctx.result(CHECK).walEnd();
        WalSources.awaitIngested(sources.shards(in.tenant()), in.timeline(), target, wait, ctx);
        return target;
    }

    private Verified verify(StepContext ctx) {
        Lsn target = ctx.result(REPLAY);
        Lsn lowest = null;
        List<WalSources.ShardOn> shards = sources.shards(in.tenant());
        for (WalSources.ShardOn s : shards) {
            Timeline t = WalSources.describe(s, in.timeline()).orElseThrow(() -> new IllegalStateException("timeline " + in.timeline()
                    + " is missing on shard " + s.shard()));
            if (t.isBroken() || t.ancestorTimelineId().isPresent() || t.lastRecordLsn().isBefore(target)) {
                throw new IllegalStateException("shard " + s.shard() + " reports state " + t.state() + ", ancestor "
                        + t.ancestorTimelineId().map(Object::toString).orElse("none") + ", last_record_lsn " + t.lastRecordLsn()
                        + " (expected Active, none, at least " + target + ")");
            }
            lowest = lowest == null || t.lastRecordLsn().isBefore(lowest) ? t.lastRecordLsn() : lowest;
        }
        return new Verified(shards.size(), lowest);
    }

    private List<TimelineId> startComputes(StepContext ctx) {
        List<TimelineId> stopped = ctx.result(STOP_COMPUTES);
        if (fleet == null || stopped.isEmpty() || Computes.runningOn(fleet, in.tenant(), in.timeline()).isPresent()) {
            return List.of();
        }
        fleet.start(ComputeSpec.minimal(in.tenant(), in.timeline()).withPlacement(Placements.of(storcon, in.tenant())))
                .running().await(wait, ctx.progress());
        return List.of(in.timeline());
    }
}
