package io.neonclient.admin;

import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.storcon.CreateTimelineRequest;
import io.neonclient.storcon.LsnForTimestamp;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.Timeline;
import java.time.Instant;
import java.util.Objects;

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
 */
public final class PointInTimeRecovery extends PlannedRecipe {
    private final StorageControllerClient storcon;
    private final TenantId tenant;
    private final TimelineId source;
    private final Instant at;
    private final TimelineId branch;
    private final ComputeFleet fleet;
    private final WaitPolicy wait;

    private PointInTimeRecovery(StorageControllerClient storcon, TenantId tenant, TimelineId source, Instant at, TimelineId branch,
                                ComputeFleet fleet, Journal journal, WaitPolicy wait) {
        super("PointInTimeRecovery", journal);
        this.storcon = storcon;
        this.tenant = tenant;
        this.source = source;
        this.at = at;
        this.branch = branch;
        this.fleet = fleet;
        this.wait = wait;
        String fingerprint = "tenant=" + tenant + " source=" + source + " at=" + (at == null ? "?" : Rfc3339.format(at)) + " branch=" + branch;
        plan(Plan.builder("PointInTimeRecovery", fingerprint)
                .step("find-lsn", "Find the LSN of " + (at == null ? "?" : Rfc3339.format(at)) + " on timeline " + source
                        + " with a lease (GET …/get_lsn_by_timestamp?timestamp=…&with_lease=true)", this::findLsn, "nothing changed")
                .step("branch", "Create timeline " + branch + " branched from " + source + " at that LSN (POST /v1/tenant/{tenant_id}/timeline"
                        + " with ancestor_start_lsn)", this::branch, "re-run: creating the same branch again is accepted")
                .step("verify", "Check that " + branch + " starts at the chosen LSN (GET /v1/tenant/{tenant_id}/timeline/{timeline_id})",
                        this::verify, "timeline " + branch + " exists but does not start where it should: delete it and re-run")
                .step("compute", fleet == null ? "Build the compute spec for " + branch + " against the current placement"
                                : "Start a compute on " + branch + " against the current placement (compute_ctl POST /configure)",
                        this::compute, "the branch exists; start a compute for it with the spec this step prints")
                .build());
    }

    /** Recover {@code tenant}'s timeline {@code source}; give the time with {@link #at} and the new timeline with {@link #into}. */
    public static PointInTimeRecovery of(StorageControllerClient storcon, TenantId tenant, TimelineId source) {
        Objects.requireNonNull(storcon, "storcon");
        return new PointInTimeRecovery(storcon, Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(source, "source"),
                null, TimelineId.generate(), null, Journal.inMemory(), storcon.config().waitPolicy());
    }

    /** The point in time to recover (RFC 3339 range checked now; sent as {@code ?timestamp=} by the first step). */
    public PointInTimeRecovery at(Instant at) {
        Rfc3339.check("at", at);
        return new PointInTimeRecovery(storcon, tenant, source, at, branch, fleet, journal(), wait);
    }

    /** The id of the new timeline (default: a fresh one). */
    public PointInTimeRecovery into(TimelineId branch) {
        return new PointInTimeRecovery(storcon, tenant, source, at, Objects.requireNonNull(branch, "branch"), fleet, journal(), wait);
    }

    /** Also start a compute on the new timeline. */
    public PointInTimeRecovery withComputes(ComputeFleet fleet) {
        return new PointInTimeRecovery(storcon, tenant, source, at, branch, Objects.requireNonNull(fleet, "fleet"), journal(), wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public PointInTimeRecovery withJournal(Journal journal) {
        return new PointInTimeRecovery(storcon, tenant, source, at, branch, fleet, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public PointInTimeRecovery withWaitPolicy(WaitPolicy wait) {
        return new PointInTimeRecovery(storcon, tenant, source, at, branch, fleet, journal(), Objects.requireNonNull(wait, "waitPolicy"));
    }

    /** The new timeline's id. */
    public TimelineId branch() {
        return branch;
    }

    private String findLsn(StepContext ctx) {
        if (at == null) {
            throw new IllegalArgumentException("PointInTimeRecovery needs a time: .at(Instant)");
        }
        LsnForTimestamp found = storcon.tenant(tenant).timeline(source).lsnByTimestamp(at, true);
        String note = switch (found.kind()) {
            case PRESENT -> "commits exist before and after " + Rfc3339.format(at);
            case FUTURE -> Rfc3339.format(at) + " is after the newest commit: branching at the newest commit";
            case PAST -> throw new IllegalArgumentException(Rfc3339.format(at) + " is before the PITR/GC horizon of timeline " + source
                    + "; the oldest point still available is " + found.lsn());
            case NODATA -> throw new IllegalArgumentException("timeline " + source + " has no commit timestamps to search (kind nodata)");
            case UNKNOWN -> throw new IllegalStateException("the pageserver answered an LSN kind this SDK does not know; not branching");
        };
        Timeline t = storcon.tenant(tenant).timeline(source).describe();
        if (found.lsn().isBefore(t.minReadableLsn())) {
            throw new IllegalArgumentException("LSN " + found.lsn() + " is below timeline " + source + "'s min_readable_lsn "
                    + t.minReadableLsn() + ": that history has been garbage-collected");
        }
        ctx.journal().put("lsn", found.lsn().toString());
        return found.lsn() + " (" + found.kind().toString().toLowerCase(java.util.Locale.ROOT) + ": " + note + ")"
                + found.validUntil().map(v -> ", leased until " + v).orElse("");
    }

    private String branch(StepContext ctx) {
        Lsn lsn = Lsn.parse(ctx.journal().value("lsn").orElseThrow());
        boolean exists = storcon.tenant(tenant).timelines().list().stream().anyMatch(t -> t.timelineId().equals(branch));
        if (exists) {
            return "timeline " + branch + " already exists";
        }
        // Renew the lease right before branching: the one from get_lsn_by_timestamp lasts about a minute.
        storcon.tenant(tenant).timeline(source).lsnLease(lsn);
        Timeline t = storcon.tenant(tenant).timelines().create(CreateTimelineRequest.branch(branch, source).at(lsn));
        return "created " + t.timelineId() + " at " + lsn;
    }

    private String verify(StepContext ctx) {
        Lsn lsn = Lsn.parse(ctx.journal().value("lsn").orElseThrow());
        Timeline t = storcon.tenant(tenant).timeline(branch).describe();
        if (!t.ancestorTimelineId().filter(source::equals).isPresent() || !t.ancestorLsn().filter(lsn::equals).isPresent()) {
            throw new IllegalStateException("timeline " + branch + " has ancestor " + t.ancestorTimelineId().map(Object::toString).orElse("none")
                    + " at " + t.ancestorLsn().map(Object::toString).orElse("-") + ", expected " + source + " at " + lsn);
        }
        return branch + " starts at " + lsn + " of " + source;
    }

    private String compute(StepContext ctx) {
        ComputeSpec spec = ComputeSpec.minimal(tenant, branch).withPlacement(Placements.of(storcon, tenant));
        if (fleet == null) {
            return "spec ready: " + spec;
        }
        if (Computes.runningOn(fleet, tenant, branch).isPresent()) {
            return "compute already running on " + branch;
        }
        fleet.start(spec).running().await(wait, progress -> { });
        return "compute running on " + branch;
    }
}
