package io.neonclient.admin.backup;

import io.neonclient.admin.ComputeFleet;
import io.neonclient.admin.Journal;
import io.neonclient.admin.Plan;
import io.neonclient.admin.Recipe;
import io.neonclient.admin.Step;
import io.neonclient.admin.StepContext;
import io.neonclient.admin.TimeTravel;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The destructive restore, guarded: its plan is printable first, it needs a typed confirmation naming the tenant, it
 * refuses while computes it cannot stop may be running, it always takes a pinned pre-restore snapshot of the
 * snapshot's source timeline before it changes anything, and it ends by saying how to undo. Two modes:
 * <ul>
 *   <li>{@link #repointingTimeline}: the computes of the snapshot's source timeline are moved to a new branch of the
 *   snapshot (the steps of {@link RestoreToBranch}); the source timeline and the pre-restore snapshot keep the data
 *   written since, so undo is re-pointing the computes back;</li>
 *   <li>{@link #timeTravellingTenant}: the whole tenant's remote storage is rewound to the time the snapshot was taken
 *   (the steps of {@link TimeTravel}, erasing the timelines created since, the pre-restore snapshot among them); undo
 *   is a second time travel to a moment after the pre-restore snapshot, which brings everything back (remote storage
 *   keeps object versions, {@code storage_controller/src/service.rs} {@code tenant_time_travel_remote_storage}); the
 *   pre-restore step waits until the clock is past that moment, so the rewind's own object versions are newer. The
 *   catalog's record of when each snapshot branch was made tells the rewind which ones it erases.</li>
 * </ul>
 *
 * <p>Refuses (in the guard step, with nothing changed) when: the confirmation is missing or does not name the tenant;
 * computes may run that it cannot stop; the snapshot's branch is gone from the cluster; or, time-travelling, the
 * snapshot's source had commits after the snapshot's LSN by the snapshot's time (a snapshot taken of an earlier LSN or
 * time, {@code GET …/get_lsn_by_timestamp}), which a rewind to that time would keep: re-point the timeline instead.
 */
public final class RestoreInPlace implements Recipe {
    /** The snapshot restored, once the confirmation and the compute guard passed. */
    public static final Step.Key<CatalogEntry> GUARD = Step.key("guard", CatalogEntry.class);
    /** The pre-restore snapshot, and a moment after it was recorded. */
    public static final Step.Key<PreRestore> PRE_RESTORE = Step.key("pre-restore", PreRestore.class);
    /** How to undo the restore. */
    public static final Step.Key<String> UNDO = Step.key("undo", String.class);

    private static final Step.Key<TimelineId> PRE_ID = Step.key("id", TimelineId.class);
    private static final Step.Key<Lsn> PRE_LSN = Step.key("lsn", Lsn.class);
    private static final Step.Key<String> PRE_NAME = Step.key("name", String.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'pre-restore-'yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String REPOINT = "repoint-timeline";
    private static final String TIME_TRAVEL = "time-travel-tenant";

    /**
     * The pre-restore snapshot.
     *
     * @param snapshot its catalog entry (pinned)
     * @param after    a moment after it was recorded, rounded up to the second: the time an undo by time travel rewinds to
     */
    public record PreRestore(CatalogEntry snapshot, Instant after) {
        public PreRestore {
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(after, "after");
        }
    }

    private record Inputs(TenantId tenant, String snapshot, String mode, Optional<String> confirmation, boolean noComputes) {}

    private final StorageControllerClient storcon;
    private final BackupCatalog catalog;
    private final Inputs in;
    private final CatalogEntry entry;
    private final ComputeFleet fleet;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Clock clock;
    private final Plan plan;

    private RestoreInPlace(StorageControllerClient storcon, BackupCatalog catalog, Inputs in, ComputeFleet fleet, Journal journal,
                           WaitPolicy wait, Clock clock) {
        this.storcon = storcon;
        this.catalog = catalog;
        this.in = in;
        this.fleet = fleet;
        this.journal = journal;
        this.wait = wait;
        this.clock = clock;
        this.entry = catalog.find(in.tenant(), in.snapshot()).orElseThrow(() -> new IllegalArgumentException("tenant " + in.tenant()
                + " has no snapshot named " + in.snapshot() + " in the " + catalog));
        Plan.Builder b = Plan.builder("RestoreInPlace", in).subject("tenant " + in.tenant())
                .step(GUARD, "Check the typed confirmation names tenant " + in.tenant() + ", that computes can be stopped (or none runs),"
                        + " and that snapshot " + entry.name() + "'s branch " + entry.timeline() + " exists (GET …/timeline/{timeline_id})",
                        this::guard, "nothing changed")
                .step(PRE_RESTORE, "Take a pinned pre-restore snapshot of timeline " + entry.source() + " at its tip (POST /v1/tenant/{tenant_id}"
                        + "/timeline with ancestor_start_lsn) and record it", this::preRestore,
                        "nothing restored yet; re-run with the same journal (the same pre-restore snapshot is found)");
        inner().forEach(b::step);
        this.plan = b.step(UNDO, "Say how to undo the restore", this::undo, "the restore is done; the pre-restore snapshot is in the catalog")
                .build();
    }

    private List<Step<?>> inner() {
        if (in.mode().equals(REPOINT)) {
            RestoreToBranch r = RestoreToBranch.of(storcon, catalog, in.tenant(), in.snapshot()).withWaitPolicy(wait);
            return (fleet == null ? r : r.withComputes(fleet).repointing(entry.source())).steps();
        }
        // The catalog knows when each snapshot branch was made, the pre-restore one among them: a branch made after the
        // travel time is erased by the rewind even when its branch point is older, which the cluster cannot tell.
        TimeTravel t = TimeTravel.of(storcon, in.tenant()).to(travelTo()).erasingTimelinesCreatedAfter().withClock(clock)
                .withWaitPolicy(wait).knowingCreationTimes(tl -> catalog.findByTimeline(in.tenant(), tl).map(CatalogEntry::takenAt));
        return (fleet == null ? t.assumingNoComputes() : t.withComputes(fleet)).steps();
    }

    /**
     * The time the tenant is rewound to: the snapshot's time rounded up to the second, since remote storage lists object
     * versions with one-second precision and TimeTravel rounds down; rounding down would lose the snapshot's last commit.
     */
    private Instant travelTo() {
        Instant t = entry.takenAt();
        return t.truncatedTo(ChronoUnit.SECONDS).equals(t) ? t : t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /**
     * Restores {@code snapshot} by moving the computes of its source timeline to a new branch of it. Sends nothing.
     *
     * @throws IllegalArgumentException if the catalog has no such snapshot
     */
    public static RestoreInPlace repointingTimeline(StorageControllerClient storcon, BackupCatalog catalog, TenantId tenant, String snapshot) {
        return create(storcon, catalog, tenant, snapshot, REPOINT);
    }

    /**
     * Restores {@code snapshot} by rewinding the whole tenant's remote storage to the time it was taken. Sends nothing.
     *
     * @throws IllegalArgumentException if the catalog has no such snapshot
     */
    public static RestoreInPlace timeTravellingTenant(StorageControllerClient storcon, BackupCatalog catalog, TenantId tenant, String snapshot) {
        return create(storcon, catalog, tenant, snapshot, TIME_TRAVEL);
    }

    private static RestoreInPlace create(StorageControllerClient storcon, BackupCatalog catalog, TenantId tenant, String snapshot, String mode) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(tenant, "tenant");
        return new RestoreInPlace(storcon, catalog, new Inputs(tenant, CatalogEntry.checkName(snapshot), mode, Optional.empty(), false), null,
                Journal.inMemory(), storcon.config().waitPolicy(), Clock.systemUTC());
    }

    private RestoreInPlace with(Inputs in, ComputeFleet fleet, Journal journal, WaitPolicy wait, Clock clock) {
        return new RestoreInPlace(storcon, catalog, in, fleet, journal, wait, clock);
    }

    /** The operator's typed confirmation: it must be the tenant id, or the guard step refuses. */
    public RestoreInPlace confirmedBy(String typed) {
        Objects.requireNonNull(typed, "typed");
        return with(new Inputs(in.tenant(), in.snapshot(), in.mode(), Optional.of(typed.strip()), in.noComputes()), fleet, journal, wait, clock);
    }

    /** How to stop (and restart) the computes involved. */
    public RestoreInPlace withComputes(ComputeFleet fleet) {
        return with(new Inputs(in.tenant(), in.snapshot(), in.mode(), in.confirmation(), false), Objects.requireNonNull(fleet, "fleet"),
                journal, wait, clock);
    }

    /** Declares that no compute serves the tenant, so there is nothing to stop (without it or a fleet the guard refuses). */
    public RestoreInPlace assumingNoComputes() {
        return with(new Inputs(in.tenant(), in.snapshot(), in.mode(), in.confirmation(), true), null, journal, wait, clock);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public RestoreInPlace withJournal(Journal journal) {
        return with(in, fleet, Objects.requireNonNull(journal, "journal"), wait, clock);
    }

    /** How long each step waits (default: the client's wait policy). Sends nothing. */
    public RestoreInPlace withWaitPolicy(WaitPolicy wait) {
        return with(in, fleet, journal, Objects.requireNonNull(wait, "waitPolicy"), clock);
    }

    /** The clock "now" is read from (tests pass the testkit's simulated clock). */
    public RestoreInPlace withClock(Clock clock) {
        return with(in, fleet, journal, wait, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private CatalogEntry guard(StepContext ctx) {
        String tenant = in.tenant().toString();
        if (in.confirmation().isEmpty()) {
            throw new IllegalArgumentException("a restore in place of tenant " + tenant + " is destructive: confirm by typing the tenant id"
                    + " (confirmedBy(\"" + tenant + "\"); neon-ops: type it when asked, or --yes --confirm " + tenant + ")");
        }
        if (!in.confirmation().get().equals(tenant)) {
            throw new IllegalArgumentException("the confirmation '" + in.confirmation().get() + "' does not name tenant " + tenant
                    + "; nothing changed");
        }
        if (fleet == null && !in.noComputes()) {
            throw new IllegalArgumentException("computes of tenant " + tenant + " may be running and this restore cannot stop them: pass"
                    + " withComputes(fleet), or stop them yourself and declare assumingNoComputes() (neon-ops: --computes-stopped)");
        }
        try {
            storcon.tenant(in.tenant()).timeline(entry.timeline()).describe();
        } catch (NotFoundException gone) {
            throw new IllegalArgumentException("snapshot " + entry.name() + "'s branch " + entry.timeline() + " is gone from the cluster;"
                    + " nothing to restore from (reconcile the catalog)", gone);
        }
        if (in.mode().equals(TIME_TRAVEL)) {
            // A time travel rewinds the whole tenant to a time, not to an LSN: the snapshot's time must not hold commits made
            // after its LSN (a snapshot taken of an earlier LSN or time), or the rewind would keep them.
            LsnForTimestamp then = storcon.tenant(in.tenant()).timeline(entry.source()).lsnByTimestamp(travelTo());
            boolean found = then.kind() == LsnForTimestamp.Kind.PRESENT || then.kind() == LsnForTimestamp.Kind.FUTURE;
            if (found && then.lsn().compareTo(entry.lsn()) > 0) {
                throw new IllegalArgumentException("snapshot " + entry.name() + " is of LSN " + entry.lsn() + ", but timeline " + entry.source()
                        + " had commits up to LSN " + then.lsn() + " by " + Rfc3339.format(travelTo()) + " (GET …/get_lsn_by_timestamp):"
                        + " rewinding the tenant to that time would keep them. Restore it by re-pointing the timeline instead"
                        + " (repointingTimeline; neon-ops backup restore --in-place repoint); nothing changed");
            }
        }
        return entry;
    }

    private PreRestore preRestore(StepContext ctx) {
        TimelineId id = ctx.recall(PRE_ID).orElseGet(() -> {
            TimelineId fresh = TimelineId.generate();
            ctx.remember(PRE_ID, fresh);
            return fresh;
        });
        Lsn lsn = ctx.recall(PRE_LSN).orElseGet(() -> {
            Lsn tip = storcon.tenant(in.tenant()).timeline(entry.source()).describe().lastRecordLsn();
            ctx.remember(PRE_LSN, tip);
            return tip;
        });
        String name = ctx.recall(PRE_NAME).orElseGet(() -> {
            String n = NAME.format(clock.instant());
            ctx.remember(PRE_NAME, n);
            return n;
        });
        CatalogEntry taken = catalog.find(in.tenant(), name).filter(e -> e.timeline().equals(id)).orElseGet(() ->
                BackupSnapshot.of(storcon, catalog, in.tenant(), entry.source()).atLsn(lsn).into(id).named(name).preRestore()
                        .label("restoring", entry.name()).withClock(clock)
                        .run(e -> ctx.waiting(e.toString())).value(BackupSnapshot.RECORD));
        Instant after = clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        if (in.mode().equals(TIME_TRAVEL)) {
            waitPast(after, ctx);
        }
        return new PreRestore(taken, after);
    }

    /**
     * Waits (a second at most) until the clock is past {@code after}: the rewind that follows must write its object
     * versions after the moment an undo travels back to, or the undo would find the rewound state there.
     */
    private void waitPast(Instant after, StepContext ctx) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!clock.instant().isAfter(after) && System.nanoTime() < deadline) {
            ctx.waiting("waiting for the clock to pass " + Rfc3339.format(after) + ", the moment an undo rewinds to");
            try {
                Thread.sleep(Math.max(1, Math.min(100, java.time.Duration.between(clock.instant(), after).toMillis() + 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the clock to pass " + after, e);
            }
        }
        if (!clock.instant().isAfter(after)) {
            // Going on would let the rewind write versions no newer than the undo's moment, and the undo would find them.
            throw new IllegalStateException("the clock did not pass " + Rfc3339.format(after) + " within 3 s (it reads "
                    + Rfc3339.format(clock.instant()) + "); nothing is rewound yet: check the clock and re-run with the same journal");
        }
    }

    private String undo(StepContext ctx) {
        PreRestore pre = ctx.result(PRE_RESTORE);
        CatalogEntry p = pre.snapshot();
        if (in.mode().equals(REPOINT)) {
            TimelineId branch = ctx.result(RestoreToBranch.BRANCH);
            return "tenant " + in.tenant() + " now serves snapshot " + entry.name() + " on new timeline " + branch + " (the computes of "
                    + entry.source() + " were moved there). Undo: timeline " + entry.source() + " is untouched and pre-restore snapshot "
                    + p.name() + " (" + p.timeline() + " at " + p.lsn() + ") holds its data at the restore: start the computes on "
                    + entry.source() + " again.";
        }
        return "tenant " + in.tenant() + " was rewound to " + Rfc3339.format(travelTo()) + " (snapshot " + entry.name() + "); timelines"
                + " created since were erased, pre-restore snapshot " + p.name() + " among them. Undo: rewind again to "
                + Rfc3339.format(pre.after()) + ", a moment after the pre-restore snapshot: neon-ops time-travel --tenant " + in.tenant()
                + " --to " + Rfc3339.format(pre.after()) + " --erase-newer-timelines --computes-stopped";
    }
}
