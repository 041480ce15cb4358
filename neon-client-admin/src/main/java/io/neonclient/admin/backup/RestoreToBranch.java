package io.neonclient.admin.backup;

import io.neonclient.admin.ComputeFleet;
import io.neonclient.admin.Journal;
import io.neonclient.admin.Placements;
import io.neonclient.admin.Plan;
import io.neonclient.admin.Recipe;
import io.neonclient.admin.Step;
import io.neonclient.admin.StepContext;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeMode;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.NeonException;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.storcon.StorageControllerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The safe restore: a new branch from a catalogued snapshot at its LSN, nothing existing changed. Optionally a
 * read-only compute ({@code Static} mode at the snapshot's LSN) is started on the new branch to check that it comes up,
 * the computes of chosen timelines are re-pointed to it (stopped, then started on the new branch), and the branch is
 * made independent of the snapshot ({@code detach_ancestor}).
 *
 * <p>An archived snapshot is unarchived first: the pageserver refuses to branch from an archived timeline (406,
 * {@code pageserver/src/tenant.rs} branch creation). Refuses (in the check step, with nothing changed) when the catalog
 * has no such snapshot, when its branch is gone, or when computes must be started or re-pointed without a
 * {@link ComputeFleet}.
 */
public final class RestoreToBranch implements Recipe {
    /** The snapshot restored from. */
    public static final Step.Key<CatalogEntry> CHECK = Step.key("check", CatalogEntry.class);
    /** Whether the snapshot had to be unarchived. */
    public static final Step.Key<Boolean> UNARCHIVE = Step.key("unarchive", Boolean.class);
    /** The new branch. */
    public static final Step.Key<TimelineId> BRANCH = Step.key("branch", TimelineId.class);
    /** Its branch point, checked. */
    public static final Step.Key<io.neonclient.core.Lsn> VERIFY = Step.key("verify", io.neonclient.core.Lsn.class);
    /** Whether a read-only compute came up on it. */
    public static final Step.Key<Boolean> CHECK_COMPUTE = Step.key("check-compute", Boolean.class);
    /** The timelines whose computes now run on the new branch. */
    public static final Step.Key<List<TimelineId>> REPOINT = Step.listKey("repoint", TimelineId.class);
    /** Whether the new branch was detached from the snapshot. */
    public static final Step.Key<Boolean> DETACH_ANCESTOR = Step.key("detach-ancestor", Boolean.class);

    private static final Step.Key<TimelineId> CHOSEN_ID = Step.key("id", TimelineId.class);
    private static final Step.Key<List<TimelineId>> STOPPED = Step.listKey("stopped", TimelineId.class);

    private record Inputs(TenantId tenant, String snapshot, Optional<TimelineId> into, List<TimelineId> repoint, boolean checkCompute,
                          boolean detachAncestor) {}

    private final StorageControllerClient storcon;
    private final BackupCatalog catalog;
    private final Inputs in;
    private final ComputeFleet fleet;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private RestoreToBranch(StorageControllerClient storcon, BackupCatalog catalog, Inputs in, ComputeFleet fleet, Journal journal,
                            WaitPolicy wait) {
        this.storcon = storcon;
        this.catalog = catalog;
        this.in = in;
        this.fleet = fleet;
        this.journal = journal;
        this.wait = wait;
        Plan.Builder b = Plan.builder("RestoreToBranch", in).subject("tenant " + in.tenant());
        buildSteps().forEach(b::step);
        this.plan = b.build();
    }

    /* The steps; RestoreInPlace reuses them through steps(). */
    private List<Step<?>> buildSteps() {
        List<Step<?>> steps = new ArrayList<>();
        steps.add(Step.of(CHECK, "Find snapshot " + in.snapshot() + " in the " + catalog + " and check its branch exists"
                + " (GET /v1/tenant/{tenant_id}/timeline/{timeline_id})", this::check).ifFailed("nothing changed"));
        steps.add(Step.of(UNARCHIVE, "Unarchive the snapshot branch if it is archived (PUT …/archival_config \"Unarchived\"): a branch"
                + " cannot be made from an archived timeline", this::unarchive).ifFailed("nothing but the snapshot's archival state changed; re-run"));
        steps.add(Step.of(BRANCH, "Create " + in.into().map(Object::toString).orElse("a new timeline") + " branched from the snapshot at its LSN"
                        + " (POST /v1/tenant/{tenant_id}/timeline with ancestor_start_lsn)", this::branch)
                .skipWhen(ctx -> in.into().or(() -> ctx.recall(CHOSEN_ID)).filter(this::exists))
                .ifFailed("re-run with the same journal: the same branch is created or found"));
        steps.add(Step.of(VERIFY, "Check the new branch starts at the snapshot's LSN (GET /v1/tenant/{tenant_id}/timeline/{timeline_id})",
                this::verify).ifFailed("the new branch does not start where it should: delete it and re-run"));
        steps.add(Step.of(CHECK_COMPUTE, in.checkCompute() ? "Start a read-only compute (Static at the LSN) on the new branch, wait until"
                + " it runs, stop it (compute_ctl POST /configure, GET /status, POST /terminate)" : "No check compute (not asked)",
                this::checkCompute).ifFailed("the new branch exists; check it by hand or re-run"));
        steps.add(Step.of(REPOINT, in.repoint().isEmpty() ? "Re-point no compute (none chosen)" : "Re-point the computes of "
                + in.repoint() + " to the new branch: stop each (POST /terminate), start it on the new branch (POST /configure)",
                this::repoint).ifFailed("some computes may be stopped; re-run with the same journal to start them on the new branch"));
        steps.add(Step.of(DETACH_ANCESTOR, in.detachAncestor() ? "Make the new branch independent of the snapshot and its source (PUT …/detach_ancestor"
                + "?detach_behavior=multi_level_and_no_reparent)"
                : "Keep the new branch a child of the snapshot (not asked to detach)", this::detachAncestor)
                .skipWhen(ctx -> in.detachAncestor() && describe(ctx.result(BRANCH)).ancestorTimelineId().isEmpty()
                        ? Optional.of(true) : Optional.empty())
                .ifFailed("the new branch is restored and served; detach it later or leave it a child"));
        return steps;
    }

    /** Restores {@code tenant}'s catalogued snapshot {@code snapshot} to a new branch. Sends nothing. */
    public static RestoreToBranch of(StorageControllerClient storcon, BackupCatalog catalog, TenantId tenant, String snapshot) {
        Objects.requireNonNull(storcon, "storcon");
        return new RestoreToBranch(storcon, Objects.requireNonNull(catalog, "catalog"), new Inputs(Objects.requireNonNull(tenant, "tenant"),
                CatalogEntry.checkName(snapshot), Optional.empty(), List.of(), false, false), null, Journal.inMemory(),
                storcon.config().waitPolicy());
    }

    private RestoreToBranch with(Inputs in) {
        return new RestoreToBranch(storcon, catalog, in, fleet, journal, wait);
    }

    /** The new branch's id (default: chosen by the first run and journaled). */
    public RestoreToBranch into(TimelineId timeline) {
        Objects.requireNonNull(timeline, "timeline");
        return with(new Inputs(in.tenant(), in.snapshot(), Optional.of(timeline), in.repoint(), in.checkCompute(), in.detachAncestor()));
    }

    /** Re-points the computes of these timelines to the new branch (needs {@link #withComputes}). */
    public RestoreToBranch repointing(TimelineId... timelines) {
        Objects.requireNonNull(timelines, "timelines");
        List<TimelineId> list = List.of(timelines); // NullPointerException for a null element, before anything is sent
        return with(new Inputs(in.tenant(), in.snapshot(), in.into(), list, in.checkCompute(), in.detachAncestor()));
    }

    /** Starts a read-only compute on the new branch to check it comes up, then stops it (needs {@link #withComputes}). */
    public RestoreToBranch checkingWithReadOnlyCompute() {
        return with(new Inputs(in.tenant(), in.snapshot(), in.into(), in.repoint(), true, in.detachAncestor()));
    }

    /**
     * Ends with {@code detach_ancestor} ({@code multi_level_and_no_reparent}): the new branch keeps the data up to the
     * snapshot's LSN as its own and is no longer a child of the snapshot, which retention may then delete.
     */
    public RestoreToBranch detachingAncestor() {
        return with(new Inputs(in.tenant(), in.snapshot(), in.into(), in.repoint(), in.checkCompute(), true));
    }

    /** How to start and stop computes. */
    public RestoreToBranch withComputes(ComputeFleet fleet) {
        return new RestoreToBranch(storcon, catalog, in, Objects.requireNonNull(fleet, "fleet"), journal, wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public RestoreToBranch withJournal(Journal journal) {
        return new RestoreToBranch(storcon, catalog, in, fleet, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long computes may take to come up (default: the client's wait policy). Sends nothing. */
    public RestoreToBranch withWaitPolicy(WaitPolicy wait) {
        return new RestoreToBranch(storcon, catalog, in, fleet, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private boolean exists(TimelineId timeline) {
        return storcon.tenant(in.tenant()).timelines().list().stream().anyMatch(t -> t.timelineId().equals(timeline));
    }

    private Timeline describe(TimelineId timeline) {
        return storcon.tenant(in.tenant()).timeline(timeline).describe();
    }

    private CatalogEntry check(StepContext ctx) {
        if (fleet == null && (in.checkCompute() || !in.repoint().isEmpty())) {
            throw new IllegalArgumentException("starting a check compute or re-pointing computes needs a ComputeFleet: pass withComputes(fleet)");
        }
        CatalogEntry e = catalog.find(in.tenant(), in.snapshot()).orElseThrow(() -> new IllegalArgumentException("tenant " + in.tenant()
                + " has no snapshot named " + in.snapshot() + " in the " + catalog));
        try {
            describe(e.timeline());
        } catch (NotFoundException gone) {
            throw new IllegalArgumentException("snapshot " + e.name() + "'s branch " + e.timeline() + " is gone from the cluster; nothing to"
                    + " restore from (reconcile the catalog)", gone);
        }
        for (TimelineId t : in.repoint()) {
            if (!exists(t)) {
                throw new IllegalArgumentException("tenant " + in.tenant() + " has no timeline " + t + " to re-point computes from");
            }
        }
        return e;
    }

    private Boolean unarchive(StepContext ctx) {
        CatalogEntry e = ctx.result(CHECK);
        if (!describe(e.timeline()).isArchived().orElse(false)) {
            return false;
        }
        storcon.tenant(in.tenant()).timeline(e.timeline()).archivalConfig(TimelineArchivalState.UNARCHIVED);
        return true;
    }

    private TimelineId branch(StepContext ctx) {
        CatalogEntry e = ctx.result(CHECK);
        TimelineId id = in.into().or(() -> ctx.recall(CHOSEN_ID)).orElseGet(() -> {
            TimelineId fresh = TimelineId.generate();
            ctx.remember(CHOSEN_ID, fresh);
            return fresh;
        });
        return storcon.tenant(in.tenant()).timelines().create(CreateTimelineRequest.branch(id, e.timeline()).at(e.lsn())).timelineId();
    }

    private io.neonclient.core.Lsn verify(StepContext ctx) {
        CatalogEntry e = ctx.result(CHECK);
        TimelineId branch = ctx.result(BRANCH);
        Timeline t = describe(branch);
        boolean detached = in.detachAncestor() && t.ancestorTimelineId().isEmpty(); // a resumed run after detach-ancestor
        if (!detached && (!t.ancestorTimelineId().filter(e.timeline()::equals).isPresent() || !t.ancestorLsn().filter(e.lsn()::equals).isPresent())) {
            throw new IllegalStateException("timeline " + branch + " has ancestor " + t.ancestorTimelineId().map(Object::toString).orElse("none")
                    + " at " + t.ancestorLsn().map(Object::toString).orElse("-") + ", expected " + e.timeline() + " at " + e.lsn());
        }
        return e.lsn();
    }

    private ComputeSpec spec(TimelineId timeline) {
        return ComputeSpec.minimal(in.tenant(), timeline).withPlacement(Placements.of(storcon, in.tenant()));
    }

    private Boolean checkCompute(StepContext ctx) {
        if (!in.checkCompute()) {
            return false;
        }
        TimelineId branch = ctx.result(BRANCH);
        ComputeSpec s = spec(branch);
        ComputeSpec readOnly = new ComputeSpec(s.formatVersion(), s.cluster(), s.suspendTimeoutSeconds(), s.tenantId(), s.timelineId(),
                s.pageserverConnectionInfo(), s.pageserverConnstring(), s.shardStripeSize(), s.safekeeperConnstrings(),
                s.safekeepersGeneration(), s.storageAuthToken(), new ComputeMode.Static(ctx.result(VERIFY)), s.extra());
        ComputeClient c = fleet.start(readOnly);
        try {
            c.running().await(wait, ctx.progress());
        } finally {
            fleet.stop(c);
        }
        return true;
    }

    private List<TimelineId> repoint(StepContext ctx) {
        if (in.repoint().isEmpty()) {
            return List.of();
        }
        TimelineId branch = ctx.result(BRANCH);
        // Journal what is about to be stopped before stopping it: the fleet forgets a stopped compute.
        List<TimelineId> stopped = new ArrayList<>(ctx.recall(STOPPED).orElse(List.of()));
        for (TimelineId from : in.repoint()) {
            if (!BackupComputes.runningOn(fleet, in.tenant(), from).isEmpty() && !stopped.contains(from)) {
                stopped.add(from);
            }
        }
        ctx.remember(STOPPED, stopped);
        for (TimelineId from : stopped) {
            for (ComputeClient c : BackupComputes.runningOn(fleet, in.tenant(), from)) {
                fleet.stop(c);
            }
        }
        if (!stopped.isEmpty() && BackupComputes.runningOn(fleet, in.tenant(), branch).isEmpty()) {
            fleet.start(spec(branch)).running().await(wait, ctx.progress());
        }
        return stopped;
    }

    private Boolean detachAncestor(StepContext ctx) {
        if (!in.detachAncestor()) {
            return false;
        }
        // The snapshot is itself a branch of its source, so upstream's default behaviour (one level, the ancestor a root
        // timeline) refuses with 400 "too many ancestors"; the multi-level behaviour detaches both levels at once, as
        // they share the branch point (pageserver/src/tenant/timeline/detach_ancestor.rs prepare).
        storcon.tenant(in.tenant()).timeline(ctx.result(BRANCH)).detachAncestorMultiLevel();
        return true;
    }

    /** Computes of a tenant on one timeline, through a fleet. */
    static final class BackupComputes {
        private BackupComputes() {}

        static List<ComputeClient> runningOn(ComputeFleet fleet, TenantId tenant, TimelineId timeline) {
            List<ComputeClient> out = new ArrayList<>();
            for (ComputeClient c : fleet.computesOf(tenant)) {
                try {
                    var state = c.status();
                    boolean alive = state.status() != io.neonclient.compute.ComputeStatus.TERMINATED
                            && state.status() != io.neonclient.compute.ComputeStatus.FAILED;
                    if (alive && state.timelineId().filter(timeline::equals).isPresent()) {
                        out.add(c);
                    }
                } catch (NeonException unreachable) {
                    // a compute that does not answer is not running
                }
            }
            return out;
        }
    }
}
