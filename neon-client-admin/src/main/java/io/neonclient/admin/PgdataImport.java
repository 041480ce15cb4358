package io.neonclient.admin;

import io.neonclient.core.ConflictException;
import io.neonclient.core.HumanDuration;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates a timeline from a PGDATA copy in S3: the controller's timeline create in {@code import_pgdata} mode
 * ({@code libs/pageserver_api/src/models.rs} {@code TimelineCreateRequestModeImportPgdata}), then the long wait.
 *
 * <p>Steps: check (the tenant is not splitting; with a {@link PgdataBucket}, the location's {@code status/pgdata} says
 * done and {@code pgdata/global/pg_control} exists, which upstream assumes and never reports: its job polls the status
 * object for ever, {@code pageserver/src/tenant/timeline/import_pgdata.rs}) → start (POST with the caller's idempotency
 * key: a repeat with the same key is the same import, another key is a 409 this recipe explains) → await (the shards'
 * {@code is_importing}, elapsed time and an estimate from the shards done; done on the controller's
 * {@code import_complete} notification when an {@link ImportOutcomes} is given, else when {@code is_importing} clears,
 * and in both cases the timeline answering Active on every shard; failed when the notification carries an error or the
 * timeline stays 404 after {@code is_importing} cleared) → verify.
 *
 * <p>What it could destroy: nothing; it creates one timeline. Refuses when: the idempotency key is blank; a shard of
 * the tenant is splitting (the controller answers 409 to an import during a split and refuses a split during an
 * import); the bucket check finds no finished upload; the timeline id exists with other parameters (409).
 */
public final class PgdataImport implements Recipe {
    /** What the pre-check saw. */
    public static final Step.Key<Precheck> CHECK = Step.key("check", Precheck.class);
    /** The timeline being imported (the controller accepted the create). */
    public static final Step.Key<TimelineId> START = Step.key("start", TimelineId.class);
    /** How the import ended. */
    public static final Step.Key<Completed> AWAIT = Step.key("await", Completed.class);
    /** What every shard reports afterwards. */
    public static final Step.Key<WalRecovery.Verified> VERIFY = Step.key("verify", WalRecovery.Verified.class);

    private static final Step.Key<Instant> STARTED_AT = Step.key("started-at", Instant.class);

    /**
     * The pre-check's findings.
     *
     * @param prefix        {@code s3://bucket/key}
     * @param bucketChecked whether the bucket was read (a {@link PgdataBucket} was given)
     * @param shards        the tenant's shard count
     */
    public record Precheck(String prefix, boolean bucketChecked, int shards) {}

    /**
     * The import's end.
     *
     * @param notified whether the controller's {@code import_complete} notification was seen
     * @param elapsed  from the start step to the end, as a duration text such as {@code 2m 5s}
     */
    public record Completed(boolean notified, String elapsed) {}

    private record Inputs(TenantId tenant, TimelineId timeline, String idempotencyKey, CreateTimelineRequest.S3Location location) {}

    private final StorageControllerClient storcon;
    private final Inputs in;
    private final PgdataBucket bucket;
    private final ImportOutcomes outcomes;
    private final Function<Node, PageserverClient> pageservers;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private PgdataImport(StorageControllerClient storcon, Inputs in, PgdataBucket bucket, ImportOutcomes outcomes,
                         Function<Node, PageserverClient> pageservers, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.in = in;
        this.bucket = bucket;
        this.outcomes = outcomes;
        this.pageservers = pageservers;
        this.journal = journal;
        this.wait = wait;
        String prefix = "s3://" + in.location().bucket() + "/" + in.location().key();
        this.plan = Plan.builder("PgdataImport", in).subject("timeline " + in.tenant() + "/" + in.timeline())
                .step(CHECK, "Check that tenant " + in.tenant() + " is not splitting (GET /control/v1/tenant/{tenant_id})" + (bucket == null
                        ? "; the bucket is not checked (no PgdataBucket given)"
                        : " and that " + prefix + " holds a finished upload (S3 GetObject status/pgdata, HeadObject pgdata/global/pg_control)"),
                        this::check, "nothing changed")
                .step(START, "Start the import of " + prefix + " into timeline " + in.timeline() + " (POST /v1/tenant/{tenant_id}/timeline"
                        + " with import_pgdata and the idempotency key)", this::start, "re-run with the same journal: the same key"
                        + " makes the repeat the same import")
                .step(AWAIT, "Wait for the import: the shards' is_importing (GET /control/v1/tenant/{tenant_id})" + (outcomes == null
                        ? "" : ", the controller's import_complete notification") + " and the timeline on every shard"
                        + " (GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id})", this::await,
                        "the import runs on in the cluster: re-run with the same journal to keep waiting")
                .step(VERIFY, "Check that every shard serves the timeline Active (GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id})",
                        this::verify, "the import finished but a shard does not serve the timeline: run ClusterReport")
                .build();
    }

    /**
     * Imports the PGDATA at {@code location} into {@code tenant}'s new timeline {@code timeline}.
     *
     * @param idempotencyKey the caller's key for this import: repeating the start with it is safe
     * @throws IllegalArgumentException when {@code idempotencyKey} is blank
     */
    public static PgdataImport of(StorageControllerClient storcon, TenantId tenant, TimelineId timeline, String idempotencyKey,
                                  CreateTimelineRequest.S3Location location) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("idempotencyKey must not be blank: it names this import, so a repeat is the same import");
        }
        Inputs in = new Inputs(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(timeline, "timeline"), idempotencyKey,
                Objects.requireNonNull(location, "location"));
        return new PgdataImport(storcon, in, null, null, n -> Placements.pageserver(storcon, n), Journal.inMemory(),
                storcon.config().waitPolicy());
    }

    /** Checks the location before starting (default: not checked). The caller keeps ownership of {@code bucket}. */
    public PgdataImport withBucket(PgdataBucket bucket) {
        return new PgdataImport(storcon, in, Objects.requireNonNull(bucket, "bucket"), outcomes, pageservers, journal, wait);
    }

    /** Where the controller's {@code import_complete} notifications are recorded (default: none; completion from the cluster). */
    public PgdataImport withOutcomes(ImportOutcomes outcomes) {
        return new PgdataImport(storcon, in, bucket, Objects.requireNonNull(outcomes, "outcomes"), pageservers, journal, wait);
    }

    /** How to reach a pageserver (default: the node's listen address with the controller client's configuration). */
    public PgdataImport withPageservers(Function<Node, PageserverClient> pageservers) {
        return new PgdataImport(storcon, in, bucket, outcomes, Objects.requireNonNull(pageservers, "pageservers"), journal, wait);
    }

    /** Records progress in {@code journal} (default: in memory). Sends nothing. */
    public PgdataImport withJournal(Journal journal) {
        return new PgdataImport(storcon, in, bucket, outcomes, pageservers, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long the import may take and how often it is polled (default: the client's wait policy; imports take hours). */
    public PgdataImport withWaitPolicy(WaitPolicy wait) {
        return new PgdataImport(storcon, in, bucket, outcomes, pageservers, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private Precheck check(StepContext ctx) {
        List<ShardDescription> shards = storcon.tenant(in.tenant()).describe().shards();
        for (ShardDescription s : shards) {
            if (s.isSplitting()) {
                throw new IllegalStateException("shard " + s.id() + " is splitting: the controller refuses an import during a shard split"
                        + " (409); wait for the split to finish");
            }
        }
        String prefix = "s3://" + in.location().bucket() + "/" + in.location().key();
        if (bucket != null) {
            PgdataBucket.Contents c = bucket.read(in.location());
            if (!c.statusDone()) {
                throw new IllegalStateException(prefix + "/status/pgdata does not say {\"done\": true}: the upload is unfinished or"
                        + " absent, and the pageservers would wait for it for ever");
            }
            if (!c.controlFile()) {
                throw new IllegalStateException(prefix + "/pgdata/global/pg_control is missing: the import would fail reading the"
                        + " control file");
            }
        }
        return new Precheck(prefix, bucket != null, shards.size());
    }

    private TimelineId start(StepContext ctx) {
        if (ctx.recall(STARTED_AT).isEmpty()) {
            ctx.remember(STARTED_AT, Instant.now());
        }
        try {
            return storcon.tenant(in.tenant()).timelines()
                    .create(CreateTimelineRequest.importPgdata(in.timeline(), in.idempotencyKey(), in.location())).timelineId();
        } catch (ConflictException e) {
            throw new IllegalStateException("the controller refused the import (409): timeline " + in.timeline() + " exists with other"
                    + " parameters (another idempotency key is another import: re-run with the key it was started with, or choose"
                    + " another timeline id), or the tenant is splitting; it said: " + e.getMessage(), e);
        }
    }

    /** One poll: the shards, the notification, and (once no shard imports) the timeline on every shard. */
    private record Poll(List<ShardDescription> shards, Optional<ImportOutcome> outcome, List<Optional<Timeline>> timelines) {
        long importing() {
            return shards.stream().filter(ShardDescription::isImporting).count();
        }
    }

    private Completed await(StepContext ctx) {
        Instant started = ctx.recall(STARTED_AT).orElseGet(Instant::now);
        WalSources sources = new WalSources(storcon, pageservers, List.of());
        Poll done = Waiter.await("import of timeline " + in.timeline(), wait, () -> {
            List<ShardDescription> shards = storcon.tenant(in.tenant()).describe().shards();
            Optional<ImportOutcome> outcome = outcomes == null ? Optional.empty() : outcomes.find(in.tenant(), in.timeline());
            boolean importing = shards.stream().anyMatch(ShardDescription::isImporting);
            List<Optional<Timeline>> timelines = importing ? List.of()
                    : sources.shards(in.tenant()).stream().map(s -> WalSources.describe(s, in.timeline())).toList();
            return new Poll(shards, outcome, timelines);
        }, p -> judge(p, started), ctx.progress());
        return new Completed(done.outcome().isPresent(), HumanDuration.format(Duration.between(started, Instant.now())));
    }

    private WaitVerdict judge(Poll p, Instant started) {
        if (p.outcome().isPresent() && !p.outcome().get().succeeded()) {
            return WaitVerdict.failed("the import failed: " + p.outcome().get().error().orElseThrow());
        }
        long importing = p.importing();
        Duration elapsed = Duration.between(started, Instant.now());
        if (importing > 0) {
            long finished = p.shards().size() - importing;
            String estimate = finished == 0 ? "no estimate yet"
                    : "about " + HumanDuration.format(elapsed.multipliedBy(importing).dividedBy(finished)) + " left";
            return WaitVerdict.pending(importing + " of " + p.shards().size() + " shards importing, " + HumanDuration.format(elapsed)
                    + " elapsed, " + estimate);
        }
        if (p.timelines().stream().anyMatch(Optional::isEmpty)) {
            return WaitVerdict.failed("is_importing cleared but timeline " + in.timeline() + " answers 404: the import failed"
                    + (outcomes == null ? " (the controller's import_complete notification carries the error)" : ""));
        }
        if (p.timelines().stream().anyMatch(t -> t.orElseThrow().isBroken())) {
            return WaitVerdict.failed("timeline " + in.timeline() + " is Broken on a shard after the import");
        }
        if (outcomes != null && p.outcome().isEmpty()) {
            return WaitVerdict.pending("imported; waiting for the controller's import_complete notification");
        }
        return WaitVerdict.done();
    }

    private WalRecovery.Verified verify(StepContext ctx) {
        Lsn lowest = null;
        var shards = new WalSources(storcon, pageservers, List.of()).shards(in.tenant());
        for (WalSources.ShardOn s : shards) {
            Timeline t = WalSources.describe(s, in.timeline()).orElseThrow(() -> new IllegalStateException("timeline " + in.timeline()
                    + " is missing on shard " + s.shard()));
            if (t.isBroken() || !(t.state() instanceof io.neonclient.model.TimelineState.Active)) {
                throw new IllegalStateException("timeline " + in.timeline() + " on shard " + s.shard() + " is " + t.state());
            }
            lowest = lowest == null || t.lastRecordLsn().isBefore(lowest) ? t.lastRecordLsn() : lowest;
        }
        return new WalRecovery.Verified(shards.size(), lowest);
    }
}
