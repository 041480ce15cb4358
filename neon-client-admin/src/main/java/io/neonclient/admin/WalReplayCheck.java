package io.neonclient.admin;

import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
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
 * The RFC's background check of WAL-replay recovery, without downtime: copy the timeline's WAL on each safekeeper
 * into a new timeline up to an LSN ({@code POST /v1/tenant/{tenant_id}/timeline/{source}/copy}), compare the two
 * timelines' WAL digests over that range ({@code GET …/digest}), create the new timeline on the pageservers from the
 * source's initdb ({@code existing_initdb_timeline_id} = source), see whether replaying reaches the same LSN, and delete
 * everything it created (on the pageservers directly and on each safekeeper). The source is only read.
 *
 * <p>Refuses when: the source is a branch; a safekeeper does not hold it; the LSN is past a safekeeper's
 * {@code flush_lsn}; the digests differ on a safekeeper (the copy is not the source's WAL: nothing is created on the
 * pageservers then; the copies stay for inspection and the advice says how to delete them).
 */
public final class WalReplayCheck implements Recipe {
    /** The source's WAL positions and the LSN the copy goes up to. */
    public static final Step.Key<Range> CHECK = Step.key("check", Range.class);
    /** The new timeline holding the copies. */
    public static final Step.Key<TimelineId> COPY = Step.key("copy", TimelineId.class);
    /** The digest every safekeeper computed for both timelines over the range. */
    public static final Step.Key<List<String>> DIGEST = Step.listKey("digest", String.class);
    /** The new timeline's {@code initdb_lsn} on the pageservers. */
    public static final Step.Key<Lsn> CREATE = Step.key("create", Lsn.class);
    /** What replay reached. */
    public static final Step.Key<Outcome> REPLAY = Step.key("replay", Outcome.class);
    /** What was deleted: the shards and safekeepers that held the new timeline. */
    public static final Step.Key<List<String>> CLEANUP = Step.listKey("cleanup", String.class);

    private static final Step.Key<TimelineId> CHOSEN_ID = Step.key("id", TimelineId.class);

    /**
     * The WAL range checked.
     *
     * @param from  the timeline's start on the safekeepers
     * @param until the end of the copy
     */
    public record Range(Lsn from, Lsn until) {}

    /**
     * Whether replaying the copy reached the end of the copied WAL.
     *
     * @param reached       true when every shard's {@code last_record_lsn} reached {@code until}
     * @param lastRecordLsn the lowest {@code last_record_lsn} among the shards
     */
    public record Outcome(boolean reached, Lsn lastRecordLsn) {}

    private record Inputs(TenantId tenant, TimelineId source, Optional<Lsn> until, Optional<TimelineId> copy) {}

    private final StorageControllerClient storcon;
    private final Inputs in;
    private final WalSources sources;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private WalReplayCheck(StorageControllerClient storcon, Inputs in, WalSources sources, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.in = in;
        this.sources = sources;
        this.journal = journal;
        this.wait = wait;
        String copy = in.copy().map(TimelineId::toString).orElse("(a new id, journaled)");
        this.plan = Plan.builder("WalReplayCheck", in).subject("timeline " + in.tenant() + "/" + in.source())
                .step(CHECK, "Check that " + in.source() + " is a root timeline and read each safekeeper's WAL positions (GET /v1/tenant/"
                        + "{tenant_id}/timeline/{timeline_id} on each safekeeper)", this::check, "nothing changed")
                .step(COPY, "Copy its WAL into timeline " + copy + " on each safekeeper (POST /v1/tenant/{tenant_id}/timeline/"
                        + "{source_timeline_id}/copy)", this::copy, "some safekeepers may hold the copy: re-run with the same journal,"
                        + " or delete it on each safekeeper (DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id})")
                .step(DIGEST, "Compare both timelines' WAL digests over the range on each safekeeper (GET /v1/tenant/{tenant_id}/"
                        + "timeline/{timeline_id}/digest)", this::digest, "the copies on the safekeepers are kept for inspection;"
                        + " delete them on each safekeeper (DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id})")
                .step(CREATE, "Create the copy on the pageservers from the source's initdb (POST /v1/tenant/{tenant_id}/timeline"
                        + " with existing_initdb_timeline_id = " + in.source() + ")", this::create, "re-run with the same journal;"
                        + " the copy exists on the safekeepers")
                .step(REPLAY, "Wait until every shard replayed the copy to the range's end (POST /v1/tenant/{tenant_shard_id}/wait_lsn)",
                        this::replay, "the copy timeline exists: re-run to wait again and clean up")
                .step(CLEANUP, "Delete the copy on each pageserver directly and on each safekeeper (DELETE …/timeline/{timeline_id})",
                        this::cleanup, "re-run with the same journal to finish deleting the copy")
                .build();
    }

    /** Checks {@code tenant}'s timeline {@code source}; give its safekeepers with {@link #withSafekeepers}. */
    public static WalReplayCheck of(StorageControllerClient storcon, TenantId tenant, TimelineId source) {
        Objects.requireNonNull(storcon, "storcon");
        return new WalReplayCheck(storcon, new Inputs(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(source, "source"),
                Optional.empty(), Optional.empty()), new WalSources(storcon, n -> Placements.pageserver(storcon, n), List.of()),
                Journal.inMemory(), storcon.config().waitPolicy());
    }

    /** The end of the copy (default: the lowest {@code commit_lsn} among the safekeepers). Sends nothing. */
    public WalReplayCheck upTo(Lsn until) {
        Objects.requireNonNull(until, "until");
        return new WalReplayCheck(storcon, new Inputs(in.tenant(), in.source(), Optional.of(until), in.copy()), sources, journal, wait);
    }

    /** The id of the copy (default: a fresh id, journaled before the first copy is sent). Sends nothing. */
    public WalReplayCheck into(TimelineId copy) {
        Objects.requireNonNull(copy, "copy");
        if (copy.equals(in.source())) {
            throw new IllegalArgumentException("copy must differ from the source timeline " + copy);
        }
        return new WalReplayCheck(storcon, new Inputs(in.tenant(), in.source(), in.until(), Optional.of(copy)), sources, journal, wait);
    }

    /** The safekeepers that hold the source's WAL (all are copied and compared). Sends nothing. */
    public WalReplayCheck withSafekeepers(List<SafekeeperClient> safekeepers) {
        Objects.requireNonNull(safekeepers, "safekeepers");
        safekeepers.forEach(s -> Objects.requireNonNull(s, "safekeeper"));
        return new WalReplayCheck(storcon, in, new WalSources(storcon, sources.pageservers(), List.copyOf(safekeepers)), journal, wait);
    }

    /** How to reach a pageserver (default: the node's listen address with the controller client's configuration). */
    public WalReplayCheck withPageservers(Function<Node, PageserverClient> pageservers) {
        Objects.requireNonNull(pageservers, "pageservers");
        return new WalReplayCheck(storcon, in, new WalSources(storcon, pageservers, sources.safekeepers()), journal, wait);
    }

    /** Records progress in {@code journal} (default: in memory). Sends nothing. */
    public WalReplayCheck withJournal(Journal journal) {
        return new WalReplayCheck(storcon, in, sources, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public WalReplayCheck withWaitPolicy(WaitPolicy wait) {
        return new WalReplayCheck(storcon, in, sources, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private Range check(StepContext ctx) {
        for (WalSources.ShardOn s : sources.shards(in.tenant())) {
            Timeline t = WalSources.describe(s, in.source()).orElseThrow(() -> new IllegalStateException("timeline " + in.source()
                    + " is not on shard " + s.shard()));
            if (t.ancestorTimelineId().isPresent()) {
                throw new IllegalStateException("timeline " + in.source() + " is a branch of " + t.ancestorTimelineId().get()
                        + ": a replay check covers root timelines only");
            }
        }
        List<WalSources.SafekeeperWal> wal = sources.wal(in.tenant(), in.source());
        Lsn from = wal.get(0).timelineStart();
        Lsn lowestCommit = wal.stream().map(WalSources.SafekeeperWal::commit).reduce((a, b) -> a.isBefore(b) ? a : b).orElseThrow();
        Lsn until = in.until().orElse(lowestCommit);
        for (WalSources.SafekeeperWal w : wal) {
            if (until.isAfter(w.flush())) {
                throw new IllegalArgumentException("until " + until + " is past the WAL on safekeeper " + w.safekeeper() + " (flush_lsn "
                        + w.flush() + ")");
            }
        }
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("until " + until + " is before the timeline's start " + from);
        }
        return new Range(from, until);
    }

    private TimelineId copy(StepContext ctx) {
        TimelineId id = in.copy().or(() -> ctx.recall(CHOSEN_ID)).orElseGet(() -> {
            TimelineId fresh = TimelineId.generate();
            ctx.remember(CHOSEN_ID, fresh);
            return fresh;
        });
        Lsn until = ctx.result(CHECK).until();
        for (SafekeeperClient sk : sources.safekeepers()) {
            sk.timeline(in.tenant(), in.source()).copyTo(id, until); // an existing copy is left as is
            ctx.waiting("copied on " + sk.baseUri());
        }
        return id;
    }

    private List<String> digest(StepContext ctx) {
        Range r = ctx.result(CHECK);
        TimelineId copy = ctx.result(COPY);
        List<String> digests = new ArrayList<>();
        for (SafekeeperClient sk : sources.safekeepers()) {
            String source = sk.timeline(in.tenant(), in.source()).digest(r.from(), r.until());
            String copied = sk.timeline(in.tenant(), copy).digest(r.from(), r.until());
            if (!source.equals(copied)) {
                throw new IllegalStateException("safekeeper " + sk.baseUri() + ": the WAL of " + copy + " differs from " + in.source()
                        + " over " + r.from() + ".." + r.until() + " (sha256 " + copied + " vs " + source + ")");
            }
            digests.add(source);
        }
        return digests;
    }

    private Lsn create(StepContext ctx) {
        TimelineId copy = ctx.result(COPY);
        var request = CreateTimelineRequest.bootstrap(copy).fromInitdbOf(in.source());
        return storcon.tenant(in.tenant()).timelines().create(request).initdbLsn();
    }

    private Outcome replay(StepContext ctx) {
        Lsn until = ctx.result(CHECK).until();
        TimelineId copy = ctx.result(COPY);
        List<WalSources.ShardOn> shards = sources.shards(in.tenant());
        boolean reached = true;
        try {
            WalSources.awaitIngested(shards, copy, until, wait, ctx);
        } catch (io.neonclient.core.WaitException notReached) {
            reached = false;
        }
        Lsn lowest = null;
        for (WalSources.ShardOn s : shards) {
            Lsn l = WalSources.describe(s, copy).map(Timeline::lastRecordLsn).orElse(Lsn.ZERO);
            lowest = lowest == null || l.isBefore(lowest) ? l : lowest;
        }
        return new Outcome(reached && !lowest.isBefore(until), lowest);
    }

    private List<String> cleanup(StepContext ctx) {
        TimelineId copy = ctx.result(COPY);
        List<String> removed = new ArrayList<>();
        for (WalSources.ShardOn s : sources.shards(in.tenant())) {
            s.pageserver().timeline(s.shard(), copy).delete().await(wait, ctx.progress());
            removed.add("shard " + s.shard());
        }
        for (SafekeeperClient sk : sources.safekeepers()) {
            try {
                sk.timeline(in.tenant(), copy).delete();
            } catch (NotFoundException gone) {
                // deleted by an earlier, interrupted run
            }
            removed.add("safekeeper " + sk.baseUri());
        }
        return removed;
    }

    /** The copy's id when given with {@link #into}; otherwise the run's {@link #COPY} value names it. */
    public Optional<TimelineId> copy() {
        return in.copy();
    }
}
