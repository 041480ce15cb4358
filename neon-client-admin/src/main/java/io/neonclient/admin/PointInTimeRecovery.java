package io.neonclient.admin;

import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The runbook's PITR workflow, without its trap: timestamp → LSN (with a lease, so GC cannot remove the point while we
 * branch) → branch at exactly that LSN → check the branch point → a {@link ComputeSpec} for the new timeline (and a
 * started compute when a {@link ComputeFleet} is given).
 *
 * <p>The runbook sends {@code "ancestor_start"}, which upstream ignores (the create modes are untagged and accept
 * unknown fields, {@code libs/pageserver_api/src/models.rs}), so its "restore" silently branches at the tip. This
 * recipe sends {@code ancestor_start_lsn} through the typed request and verifies the new timeline's
 * {@code ancestor_lsn}.
 *
 * <p>LSN kinds ({@code get_lsn_by_timestamp}): {@code present} → branch there; {@code future} (after the newest
 * commit) → branch at the newest commit and say so; {@code past} (before the PITR horizon) and {@code nodata} → refuse
 * with the reason. An LSN below the timeline's {@code min_readable_lsn} is refused too.
 *
 * <p>What it could destroy: nothing in place (it only creates a branch), but it could hand out a branch at the wrong
 * point. Refuses when:
 * <ul>
 *   <li>the time is before the PITR/GC horizon ({@code past}), or the timeline has no commit timestamps
 *   ({@code nodata}), or the kind is one this SDK does not know;</li>
 *   <li>the LSN found is below the timeline's {@code min_readable_lsn};</li>
 *   <li>the branch id already exists with another ancestor or branch point (the branch step sees it and skips; the
 *   verify step reads {@code ancestor_timeline_id}/{@code ancestor_lsn} and refuses, so it is never used).</li>
 * </ul>
 */
public final class PointInTimeRecovery implements Recipe {
    /** The LSN found for the time (with its kind and lease), checked against {@code min_readable_lsn}. */
    public static final Step.Key<LsnForTimestamp> FIND_LSN = Step.key("find-lsn", LsnForTimestamp.class);
    /** The new timeline (skipped when it already exists). */
    public static final Step.Key<TimelineId> BRANCH = Step.key("branch", TimelineId.class);
    /** The new timeline's branch point, as the pageserver reports it. */
    public static final Step.Key<Lsn> VERIFY = Step.key("verify", Lsn.class);
    /** The compute spec for the new timeline against the current placement (started when a fleet was given). */
    public static final Step.Key<ComputeSpec> COMPUTE = Step.key("compute", ComputeSpec.class);

    /** The new timeline's id when the operator gave none: chosen by the branch step's first run, journaled, reused on resume. */
    static final Step.Key<TimelineId> CHOSEN_ID = Step.key("id", TimelineId.class);

    /** What the operator gave: the journal's identity. A generated branch id is not an input (see {@link #CHOSEN_ID}). */
    private record Inputs(TenantId tenant, TimelineId source, Instant at, Optional<TimelineId> branch, boolean preserveInitdb) {}

    /** The shard whose pageserver preserved the source timeline's initdb archive (only with {@link #preservingInitdb()}). */
    public static final Step.Key<TenantShardId> INITDB_PRESERVED = Step.key("initdb-preserved", TenantShardId.class);

    private final StorageControllerClient storcon;
    private final Inputs in;
    private final ComputeFleet fleet;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private PointInTimeRecovery(StorageControllerClient storcon, Inputs in, ComputeFleet fleet, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.in = in;
        this.fleet = fleet;
        this.journal = journal;
        this.wait = wait;
        TimelineId source = in.source();
        String branch = in.branch().map(TimelineId::toString).orElse("(a new id, journaled)");
        Plan.Builder p = Plan.builder("PointInTimeRecovery", in).subject("tenant " + in.tenant());
        if (in.preserveInitdb()) {
            p.step(INITDB_PRESERVED, "Preserve timeline " + source + "'s initdb archive first, so WalRecovery can rebuild it should its pageserver"
                    + " state be lost (POST /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/preserve_initdb_archive on shard zero's pageserver)",
                    this::preserveInitdb, "nothing changed but the preserved copy; re-run (preserving again is accepted)");
        }
        this.plan = p
                .step(FIND_LSN, "Find the LSN of " + (in.at() == null ? "?" : Rfc3339.format(in.at())) + " on timeline " + source
                        + " with a lease (GET …/get_lsn_by_timestamp?timestamp=…&with_lease=true)", this::findLsn, "nothing changed")
                .step(Step.of(BRANCH, "Create timeline " + branch + " branched from " + source + " at that LSN (POST /v1/tenant/{tenant_id}/timeline"
                                + " with ancestor_start_lsn)", this::branch)
                        .skipWhen(ctx -> in.branch().or(() -> ctx.recall(CHOSEN_ID)).filter(id -> storcon.tenant(in.tenant()).timelines()
                                .list().stream().anyMatch(t -> t.timelineId().equals(id))))
                        .ifFailed("re-run: creating the same branch again is accepted"))
                .step(VERIFY, "Check that the new timeline starts at the chosen LSN (GET /v1/tenant/{tenant_id}/timeline/{timeline_id})",
                        this::verify, "the new timeline exists but does not start where it should: delete it and re-run")
                .step(COMPUTE, fleet == null ? "Build the compute spec for the new timeline against the current placement"
                                : "Start a compute on the new timeline against the current placement (compute_ctl POST /configure)",
                        this::compute, "the branch exists; start a compute for it with the spec this step prints")
                .build();
    }

    /** Recover {@code tenant}'s timeline {@code source}; give the time with {@link #at} and the new timeline with {@link #into}. */
    public static PointInTimeRecovery of(StorageControllerClient storcon, TenantId tenant, TimelineId source) {
        Objects.requireNonNull(storcon, "storcon");
        return new PointInTimeRecovery(storcon, new Inputs(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(source, "source"),
                null, Optional.empty(), false), null, Journal.inMemory(), storcon.config().waitPolicy());
    }

    /** The point in time to recover (RFC 3339 range checked now; sent as {@code ?timestamp=} by the first step). */
    public PointInTimeRecovery at(Instant at) {
        Rfc3339.check("at", at);
        return new PointInTimeRecovery(storcon, new Inputs(in.tenant(), in.source(), at, in.branch(), in.preserveInitdb()), fleet, journal, wait);
    }

    /**
     * The id of the new timeline. Default: a fresh id, generated by the branch step's first run and recorded in the
     * journal, so a resumed run creates (or finds) the same timeline; the result's {@link #BRANCH} value names it.
     */
    public PointInTimeRecovery into(TimelineId branch) {
        Objects.requireNonNull(branch, "branch");
        return new PointInTimeRecovery(storcon, new Inputs(in.tenant(), in.source(), in.at(), Optional.of(branch), in.preserveInitdb()), fleet, journal, wait);
    }

    /**
     * First preserve the source timeline's initdb archive ({@code preserve_initdb_archive}, upstream
     * {@code pageserver/src/http/routes.rs}), the preparation {@link WalRecovery} needs to rebuild the timeline from its WAL.
     * Refuses when the source is itself a branch: only a bootstrapped timeline has an initdb archive.
     */
    public PointInTimeRecovery preservingInitdb() {
        return new PointInTimeRecovery(storcon, new Inputs(in.tenant(), in.source(), in.at(), in.branch(), true), fleet, journal, wait);
    }

    private TenantShardId preserveInitdb(StepContext ctx) {
        var source = storcon.tenant(in.tenant()).timeline(in.source()).describe();
        if (source.ancestorTimelineId().isPresent()) {
            throw new IllegalStateException("timeline " + in.source() + " is a branch of " + source.ancestorTimelineId().get()
                    + ": it has no initdb archive of its own (preserve its root's, or run without preserving)");
        }
        var zero = new WalSources(storcon, n -> Placements.pageserver(storcon, n), java.util.List.of()).shards(in.tenant()).get(0);
        zero.pageserver().timeline(zero.shard(), in.source()).preserveInitdbArchive();
        return zero.shard();
    }

    /** Also start a compute on the new timeline. */
    public PointInTimeRecovery withComputes(ComputeFleet fleet) {
        return new PointInTimeRecovery(storcon, in, Objects.requireNonNull(fleet, "fleet"), journal, wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public PointInTimeRecovery withJournal(Journal journal) {
        return new PointInTimeRecovery(storcon, in, fleet, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public PointInTimeRecovery withWaitPolicy(WaitPolicy wait) {
        return new PointInTimeRecovery(storcon, in, fleet, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    /** The new timeline's id when one was given with {@link #into}; otherwise the run chooses it (its {@link #BRANCH} value). */
    public Optional<TimelineId> branch() {
        return in.branch();
    }

    private LsnForTimestamp findLsn(StepContext ctx) {
        Instant at = in.at();
        if (at == null) {
            throw new IllegalArgumentException("PointInTimeRecovery needs a time: .at(Instant)");
        }
        TimelineId source = in.source();
        LsnForTimestamp found = storcon.tenant(in.tenant()).timeline(source).lsnByTimestamp(at, true);
        var kind = found.kind();
        if (kind == LsnForTimestamp.Kind.PAST) {
            throw new IllegalArgumentException(Rfc3339.format(at) + " is before the PITR/GC horizon of timeline " + source
                    + "; the oldest point still available is " + found.lsn());
        }
        if (kind == LsnForTimestamp.Kind.NODATA) {
            throw new IllegalArgumentException("timeline " + source + " has no commit timestamps to search (kind nodata)");
        }
        // FUTURE (after the newest commit) branches at the newest commit; the step's value says which kind it was.
        if (kind != LsnForTimestamp.Kind.PRESENT && kind != LsnForTimestamp.Kind.FUTURE) {
            throw new IllegalStateException("the pageserver answered LSN kind " + kind + ", which this SDK does not know; not branching");
        }
        Timeline t = storcon.tenant(in.tenant()).timeline(source).describe();
        if (found.lsn().isBefore(t.minReadableLsn())) {
            throw new IllegalArgumentException("LSN " + found.lsn() + " is below timeline " + source + "'s min_readable_lsn "
                    + t.minReadableLsn() + ": that history has been garbage-collected");
        }
        return found;
    }

    private TimelineId branch(StepContext ctx) {
        TimelineId id = in.branch().or(() -> ctx.recall(CHOSEN_ID)).orElseGet(() -> {
            TimelineId fresh = TimelineId.generate();
            ctx.remember(CHOSEN_ID, fresh); // journaled before the create is sent, so a run killed now resumes with it
            return fresh;
        });
        Lsn lsn = ctx.result(FIND_LSN).lsn();
        // Renew the lease right before branching: the one from get_lsn_by_timestamp lasts about a minute.
        storcon.tenant(in.tenant()).timeline(in.source()).lsnLease(lsn);
        return storcon.tenant(in.tenant()).timelines().create(CreateTimelineRequest.branch(id, in.source()).at(lsn)).timelineId();
    }

    private Lsn verify(StepContext ctx) {
        Lsn lsn = ctx.result(FIND_LSN).lsn();
        TimelineId branch = ctx.result(BRANCH);
        TimelineId source = in.source();
        Timeline t = storcon.tenant(in.tenant()).timeline(branch).describe();
        if (!t.ancestorTimelineId().filter(source::equals).isPresent() || !t.ancestorLsn().filter(lsn::equals).isPresent()) {
            throw new IllegalStateException("timeline " + branch + " has ancestor " + t.ancestorTimelineId().map(Object::toString).orElse("none")
                    + " at " + t.ancestorLsn().map(Object::toString).orElse("-") + ", expected " + source + " at " + lsn);
        }
        return t.ancestorLsn().orElseThrow();
    }

    private ComputeSpec compute(StepContext ctx) {
        TimelineId branch = ctx.result(BRANCH);
        ComputeSpec spec = ComputeSpec.minimal(in.tenant(), branch).withPlacement(Placements.of(storcon, in.tenant()));
        if (fleet != null && Computes.runningOn(fleet, in.tenant(), branch).isEmpty()) {
            fleet.start(spec).running().await(wait, ctx.progress());
        }
        return spec;
    }
}
