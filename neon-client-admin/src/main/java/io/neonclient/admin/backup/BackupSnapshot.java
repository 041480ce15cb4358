package io.neonclient.admin.backup;

import io.neonclient.admin.Journal;
import io.neonclient.admin.Plan;
import io.neonclient.admin.Recipe;
import io.neonclient.admin.Step;
import io.neonclient.admin.StepContext;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A named snapshot: a branch of a timeline at an exact LSN (its tip now, an LSN given, or the LSN of a time found with
 * {@code get_lsn_by_timestamp} and leased so GC cannot take it while the branch is made), recorded in a
 * {@link BackupCatalog} with its name, labels, LSN, time and author, and archived on request so it costs nothing on
 * the pageservers. With {@link #oncePer} a second run in the same UTC day or hour is a no-op whose {@link #CHECK}
 * value names the snapshot already taken.
 *
 * <p>The branch is created with an explicit {@code ancestor_start_lsn}, so repeating it after a lost answer or a kill
 * is answered with the same timeline ({@code pageserver/src/tenant.rs} create idempotency); its id is chosen once and
 * journaled before the create is sent.
 */
public final class BackupSnapshot implements Recipe {
    /** The name and time of the snapshot, or the snapshot already taken in this period (then nothing else runs). */
    public static final Step.Key<Start> CHECK = Step.key("check", Start.class);
    /** The LSN the branch is taken at. */
    public static final Step.Key<Lsn> FIND_LSN = Step.key("find-lsn", Lsn.class);
    /** The snapshot branch. */
    public static final Step.Key<TimelineId> BRANCH = Step.key("branch", TimelineId.class);
    /** Its branch point as the pageserver reports it. */
    public static final Step.Key<Lsn> VERIFY = Step.key("verify", Lsn.class);
    /** Whether it was archived. */
    public static final Step.Key<Boolean> ARCHIVE = Step.key("archive", Boolean.class);
    /** The catalog entry. */
    public static final Step.Key<CatalogEntry> RECORD = Step.key("record", CatalogEntry.class);

    private static final Step.Key<TimelineId> CHOSEN_ID = Step.key("id", TimelineId.class);
    private static final DateTimeFormatter DEFAULT_NAME = DateTimeFormatter.ofPattern("'snap-'yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * What the check step decided.
     *
     * @param name         the snapshot's name
     * @param takenAt      the recipe's clock when the run began: it names the snapshot and places it in its
     *                     {@link #oncePer} period (the catalog records the later moment the branch was known to exist)
     * @param alreadyTaken the snapshot of this period, when {@link #oncePer} found one: the run is a no-op
     */
    public record Start(String name, Instant takenAt, Optional<CatalogEntry> alreadyTaken) {
        public Start {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(takenAt, "takenAt");
            alreadyTaken = alreadyTaken == null ? Optional.empty() : alreadyTaken;
        }

        @Override
        public String toString() {
            return alreadyTaken.map(e -> "already taken this period: " + e.name() + " at " + e.takenAt() + "; nothing to do")
                    .orElse(name + " at " + takenAt);
        }
    }

    /** What the operator gave: the journal's identity. */
    private record Inputs(TenantId tenant, TimelineId source, Optional<Instant> at, Optional<Lsn> lsn, Optional<String> name,
                          Map<String, String> labels, Optional<String> oncePer, boolean archive, boolean pinned, String purpose,
                          Optional<TimelineId> into, String takenBy) {}

    private final StorageControllerClient storcon;
    private final BackupCatalog catalog;
    private final Inputs in;
    private final Journal journal;
    private final Clock clock;
    private final Plan plan;

    private BackupSnapshot(StorageControllerClient storcon, BackupCatalog catalog, Inputs in, Journal journal, Clock clock) {
        this.storcon = storcon;
        this.catalog = catalog;
        this.in = in;
        this.journal = journal;
        this.clock = clock;
        String where = in.lsn().map(l -> "LSN " + l).or(() -> in.at().map(a -> "the LSN of " + Rfc3339.format(a)))
                .orElse("its current tip");
        this.plan = Plan.builder("BackupSnapshot", in).subject("tenant " + in.tenant())
                .step(CHECK, "Check timeline " + in.source() + " exists (GET /v1/tenant/{tenant_id}/timeline/{timeline_id}), pick the name"
                        + in.oncePer().map(p -> " and look for a snapshot already taken this " + p).orElse("") + " in the catalog",
                        this::check, "nothing changed")
                .step(Step.of(FIND_LSN, "Find " + where + " on " + in.source() + (in.at().isPresent()
                                ? " with a lease (GET …/get_lsn_by_timestamp?timestamp=…&with_lease=true)"
                                : " (GET /v1/tenant/{tenant_id}/timeline/{timeline_id})"), this::findLsn)
                        .skipWhen(ctx -> taken(ctx).map(CatalogEntry::lsn))
                        .ifFailed("nothing changed"))
                .step(Step.of(BRANCH, "Lease the LSN (POST …/lsn_lease) and branch " + in.into().map(Object::toString).orElse("a new timeline")
                                + " from " + in.source() + " there (POST /v1/tenant/{tenant_id}/timeline with ancestor_start_lsn)", this::branch)
                        .skipWhen(ctx -> taken(ctx).map(CatalogEntry::timeline).or(() -> chosen(ctx).filter(this::exists)))
                        .ifFailed("re-run with the same journal: the same branch is created or found"))
                .step(Step.of(VERIFY, "Check the branch starts at that LSN (GET /v1/tenant/{tenant_id}/timeline/{timeline_id})", this::verify)
                        .skipWhen(ctx -> taken(ctx).map(CatalogEntry::lsn))
                        .ifFailed("the branch exists but does not start where it should: delete it and re-run"))
                .step(Step.of(ARCHIVE, in.archive() ? "Archive the branch (PUT …/archival_config \"Archived\")"
                                : "Leave the branch unarchived (take the snapshot with archiving to offload it)", this::archive)
                        .skipWhen(ctx -> taken(ctx).map(CatalogEntry::archived))
                        .ifFailed("the branch exists but is not recorded: re-run with the same journal"))
                .step(Step.of(RECORD, "Record it in the " + catalog, this::record)
                        .skipWhen(ctx -> taken(ctx))
                        .ifFailed("the branch exists but is not recorded: re-run with the same journal (reconcile lists it meanwhile)"))
                .build();
    }

    /** A snapshot of {@code tenant}'s timeline {@code source} at its tip, recorded in {@code catalog}. Sends nothing. */
    public static BackupSnapshot of(StorageControllerClient storcon, BackupCatalog catalog, TenantId tenant, TimelineId source) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(catalog, "catalog");
        Inputs in = new Inputs(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(source, "source"), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), false, false, CatalogEntry.SNAPSHOT, Optional.empty(),
                System.getProperty("user.name", "unknown"));
        return new BackupSnapshot(storcon, catalog, in, Journal.inMemory(), Clock.systemUTC());
    }

    private BackupSnapshot with(Inputs in) {
        return new BackupSnapshot(storcon, catalog, in, journal, clock);
    }

    private Inputs inputs(Optional<Instant> at, Optional<Lsn> lsn, Optional<String> name, Map<String, String> labels,
                          Optional<String> oncePer, boolean archive, boolean pinned, String purpose, Optional<TimelineId> into,
                          String takenBy) {
        return new Inputs(in.tenant(), in.source(), at, lsn, name, labels, oncePer, archive, pinned, purpose, into, takenBy);
    }

    /** Takes the snapshot at the LSN of time {@code at} (the last commit at or before it), leased while branching. */
    public BackupSnapshot at(Instant at) {
        Rfc3339.check("at", at);
        return with(inputs(Optional.of(at), Optional.empty(), in.name(), in.labels(), in.oncePer(), in.archive(), in.pinned(),
                in.purpose(), in.into(), in.takenBy()));
    }

    /** Takes the snapshot at exactly {@code lsn}. */
    public BackupSnapshot atLsn(Lsn lsn) {
        Objects.requireNonNull(lsn, "lsn");
        return with(inputs(Optional.empty(), Optional.of(lsn), in.name(), in.labels(), in.oncePer(), in.archive(), in.pinned(),
                in.purpose(), in.into(), in.takenBy()));
    }

    /** The snapshot's name (default {@code snap-<yyyyMMdd'T'HHmmss'Z'>} of the time taken). */
    public BackupSnapshot named(String name) {
        return with(inputs(in.at(), in.lsn(), Optional.of(CatalogEntry.checkName(name)), in.labels(), in.oncePer(), in.archive(),
                in.pinned(), in.purpose(), in.into(), in.takenBy()));
    }

    /** Adds a label. */
    public BackupSnapshot label(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!key.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}")) {
            throw new IllegalArgumentException("label key must be 1 to 63 letters, digits and ._/- starting with a letter or digit, got '"
                    + key + "'");
        }
        Map<String, String> labels = new TreeMap<>(in.labels());
        labels.put(key, value);
        return with(inputs(in.at(), in.lsn(), in.name(), labels, in.oncePer(), in.archive(), in.pinned(), in.purpose(), in.into(),
                in.takenBy()));
    }

    /** At most one snapshot of this timeline per UTC day or hour: a second run in the period is a no-op. */
    public BackupSnapshot oncePer(OncePer period) {
        Objects.requireNonNull(period, "period");
        return with(inputs(in.at(), in.lsn(), in.name(), in.labels(), Optional.of(period.toString()), in.archive(), in.pinned(),
                in.purpose(), in.into(), in.takenBy()));
    }

    /** Archives the snapshot branch ({@code PUT …/archival_config}) so it costs nothing on the pageservers. */
    public BackupSnapshot archived() {
        return with(inputs(in.at(), in.lsn(), in.name(), in.labels(), in.oncePer(), true, in.pinned(), in.purpose(), in.into(),
                in.takenBy()));
    }

    /** Pins the snapshot: retention never deletes it. */
    public BackupSnapshot pinned() {
        return with(inputs(in.at(), in.lsn(), in.name(), in.labels(), in.oncePer(), in.archive(), true, in.purpose(), in.into(),
                in.takenBy()));
    }

    /** Records it as the snapshot a restore in place takes first ({@link CatalogEntry#PRE_RESTORE}); implies {@link #pinned}. */
    public BackupSnapshot preRestore() {
        return with(inputs(in.at(), in.lsn(), in.name(), in.labels(), in.oncePer(), in.archive(), true, CatalogEntry.PRE_RESTORE,
                in.into(), in.takenBy()));
    }

    /** The id of the snapshot branch (default: a fresh id chosen by the first run and journaled). */
    public BackupSnapshot into(TimelineId timeline) {
        Objects.requireNonNull(timeline, "timeline");
        return with(inputs(in.at(), in.lsn(), in.name(), in.labels(), in.oncePer(), in.archive(), in.pinned(), in.purpose(),
                Optional.of(timeline), in.takenBy()));
    }

    /** Who takes it, as recorded (default: the {@code user.name} of this process). */
    public BackupSnapshot takenBy(String who) {
        Objects.requireNonNull(who, "who");
        if (who.isBlank()) {
            throw new IllegalArgumentException("takenBy must not be blank");
        }
        return with(inputs(in.at(), in.lsn(), in.name(), in.labels(), in.oncePer(), in.archive(), in.pinned(), in.purpose(), in.into(), who));
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public BackupSnapshot withJournal(Journal journal) {
        return new BackupSnapshot(storcon, catalog, in, Objects.requireNonNull(journal, "journal"), clock);
    }

    /** The clock the snapshot's time is read from (tests pass the testkit's simulated clock). */
    public BackupSnapshot withClock(Clock clock) {
        return new BackupSnapshot(storcon, catalog, in, journal, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private static Optional<CatalogEntry> taken(StepContext ctx) {
        return ctx.result(CHECK).alreadyTaken();
    }

    private Optional<TimelineId> chosen(StepContext ctx) {
        return in.into().or(() -> ctx.recall(CHOSEN_ID));
    }

    private boolean exists(TimelineId timeline) {
        return storcon.tenant(in.tenant()).timelines().list().stream().anyMatch(t -> t.timelineId().equals(timeline));
    }

    private Start check(StepContext ctx) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            storcon.tenant(in.tenant()).timeline(in.source()).describe();
        } catch (NotFoundException e) {
            throw new IllegalArgumentException("tenant " + in.tenant() + " has no timeline " + in.source(), e);
        }
        if (in.oncePer().isPresent()) {
            OncePer period = OncePer.parse(in.oncePer().get());
            Optional<CatalogEntry> same = catalog.list(in.tenant()).stream()
                    .filter(e -> e.source().equals(in.source()) && e.purpose().equals(in.purpose()))
                    .filter(e -> period.periodOf(e.takenAt()).equals(period.periodOf(now)))
                    .reduce((a, b) -> b);
            if (same.isPresent()) {
                return new Start(same.get().name(), now, same);
            }
        }
        String name = in.name().orElseGet(() -> DEFAULT_NAME.format(now));
        catalog.find(in.tenant(), name).ifPresent(e -> {
            throw new IllegalArgumentException("tenant " + in.tenant() + " already has a snapshot named " + name + " (" + e.timeline()
                    + "); give another name");
        });
        return new Start(name, now, Optional.empty());
    }

    private Lsn findLsn(StepContext ctx) {
        var timeline = storcon.tenant(in.tenant()).timeline(in.source());
        Timeline t = timeline.describe();
        Lsn lsn;
        if (in.lsn().isPresent()) {
            lsn = in.lsn().get();
            if (lsn.compareTo(t.lastRecordLsn()) > 0) {
                throw new IllegalArgumentException("LSN " + lsn + " is after the tip of timeline " + in.source() + " (" + t.lastRecordLsn() + ")");
            }
        } else if (in.at().isPresent()) {
            LsnForTimestamp found = timeline.lsnByTimestamp(in.at().get(), true);
            if (found.kind() == LsnForTimestamp.Kind.PAST || found.kind() == LsnForTimestamp.Kind.NODATA) {
                throw new IllegalArgumentException(Rfc3339.format(in.at().get()) + " cannot be snapshotted on timeline " + in.source()
                        + ": the pageserver answers kind " + found.kind() + " (past: before the PITR/GC horizon; nodata: no commits)");
            }
            if (found.kind() != LsnForTimestamp.Kind.PRESENT && found.kind() != LsnForTimestamp.Kind.FUTURE) {
                throw new IllegalStateException("the pageserver answered LSN kind " + found.kind() + ", which this SDK does not know");
            }
            lsn = found.lsn();
        } else {
            lsn = t.lastRecordLsn();
        }
        if (lsn.isBefore(t.minReadableLsn())) {
            throw new IllegalArgumentException("LSN " + lsn + " is below timeline " + in.source() + "'s min_readable_lsn " + t.minReadableLsn()
                    + ": that history has been garbage-collected");
        }
        return lsn;
    }

    private TimelineId branch(StepContext ctx) {
        TimelineId id = chosen(ctx).orElseGet(() -> {
            TimelineId fresh = TimelineId.generate();
            ctx.remember(CHOSEN_ID, fresh); // journaled before the create is sent, so a run killed now finds it on resume
            return fresh;
        });
        Lsn lsn = ctx.result(FIND_LSN);
        storcon.tenant(in.tenant()).timeline(in.source()).lsnLease(lsn);
        return storcon.tenant(in.tenant()).timelines().create(CreateTimelineRequest.branch(id, in.source()).at(lsn)).timelineId();
    }

    private Lsn verify(StepContext ctx) {
        Lsn lsn = ctx.result(FIND_LSN);
        TimelineId branch = ctx.result(BRANCH);
        Timeline t = storcon.tenant(in.tenant()).timeline(branch).describe();
        if (!t.ancestorTimelineId().filter(in.source()::equals).isPresent() || !t.ancestorLsn().filter(lsn::equals).isPresent()) {
            throw new IllegalStateException("timeline " + branch + " has ancestor " + t.ancestorTimelineId().map(Object::toString).orElse("none")
                    + " at " + t.ancestorLsn().map(Object::toString).orElse("-") + ", expected " + in.source() + " at " + lsn);
        }
        return lsn;
    }

    private Boolean archive(StepContext ctx) {
        if (!in.archive()) {
            return false;
        }
        storcon.tenant(in.tenant()).timeline(ctx.result(BRANCH)).archivalConfig(TimelineArchivalState.ARCHIVED);
        return true;
    }

    /**
     * Records the entry, with the time read now, after the verify step saw the branch: a time-travel restore rewinds the
     * tenant to an entry's time (rounded up to the second), which erases every timeline created after it, so the time
     * must not be earlier than the branch. The run's start could be: a run that crosses a second between its check and
     * its create would record a time whose rewind erases the snapshot itself.
     */
    private CatalogEntry record(StepContext ctx) {
        Start start = ctx.result(CHECK);
        TimelineId branch = ctx.result(BRANCH);
        Lsn lsn = ctx.result(VERIFY);
        Instant branchExists = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant takenAt = branchExists.isAfter(start.takenAt()) ? branchExists : start.takenAt();
        return catalog.add(new CatalogEntry(start.name(), in.tenant(), branch, in.source(), lsn, takenAt, in.takenBy(), in.labels(),
                in.pinned(), ctx.result(ARCHIVE), in.purpose(), SnapshotManifest.of(in.tenant(), in.source(), lsn, branch), java.util.List.of()));
    }
}
