package io.neonclient.storcon;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineDeletion;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.core.internal.Response;
import io.neonclient.model.AncestorDetached;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineArchivalState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One timeline: {@code /v1/tenant/{tenant_id}/timeline/{timeline_id}} at the controller (scope pageserverapi). Reads
 * are passed through to the pageserver holding shard 0. Get one with {@link TenantResource#timeline(TimelineId)}.
 */
public final class TimelineResource {
    private static final String BASE = "/v1/tenant/{tenant_id}/timeline/{timeline_id}";

    private final StorageControllerClient client;
    private final TenantId tenantId;
    private final TimelineId id;

    TimelineResource(StorageControllerClient client, TenantId tenantId, TimelineId id) {
        this.client = client;
        this.tenantId = tenantId;
        this.id = id;
    }

    /** The tenant of the timeline. */
    public TenantId tenantId() {
        return tenantId;
    }

    /** The timeline this handle addresses. */
    public TimelineId id() {
        return id;
    }

    /**
     * {@code GET /v1/tenant/{tenant_id}/timeline/{timeline_id}}: shard 0's {@code TimelineInfo}.
     *
     * @throws io.neonclient.core.NotFoundException when the timeline does not exist
     * @throws io.neonclient.core.UnavailableException while the tenant migrates (retried)
     */
    public Timeline describe() {
        return client.call(Request.get(BASE, tenantId, id).scope(Scope.PAGESERVER_API), Json.reader(Timeline.class));
    }

    /** {@code GET /control/v1/tenant/{tenant_id}/timeline/{timeline_id}} (scope scrubber): the timeline on every shard. */
    public TimelineShards describeAllShards() {
        return client.call(Request.get("/control/v1/tenant/{tenant_id}/timeline/{timeline_id}", tenantId, id).scope(Scope.SCRUBBER),
                Json.reader(TimelineShards.class));
    }

    /**
     * {@code GET /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate} (scope admin): the safekeepers the
     * controller placed this timeline on and their membership generation.
     *
     * @throws io.neonclient.core.NotFoundException when the controller does not manage this timeline on safekeepers
     *                                              (it runs without {@code --timelines-onto-safekeepers}, or the
     *                                              timeline predates that)
     */
    public TimelineSafekeepers locate() {
        return client.call(Request.get("/debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate", tenantId, id).scope(Scope.ADMIN),
                Json.reader(TimelineSafekeepers.class));
    }

    /**
     * {@code POST /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/import} with {@code TimelineImportRequest}
     * ({@code {"tenant_id", "timeline_id", "start_lsn", "sk_set", "force_upsert"}}, scope pageserverapi;
     * {@code timeline_import} in upstream {@code storage_controller/src/service/safekeeper_service.rs}): records that this
     * timeline's WAL is on {@code skSet}, at generation 1, without contacting the safekeepers, so the controller manages
     * a timeline that already exists there. An existing record is overwritten (upstream updates it whatever
     * {@code forceUpsert} says), so repeating the call is safe and it is retried.
     *
     * @throws IllegalArgumentException when {@code skSet} is empty or names a safekeeper twice
     */
    public void importSafekeeperPlacement(Lsn startLsn, List<NodeId> skSet, boolean forceUpsert) {
        java.util.Objects.requireNonNull(startLsn, "startLsn");
        java.util.Objects.requireNonNull(skSet, "skSet");
        if (skSet.isEmpty()) {
            throw new IllegalArgumentException("skSet must name at least one safekeeper, got an empty list");
        }
        if (new java.util.HashSet<>(skSet).size() != skSet.size()) {
            throw new IllegalArgumentException("skSet must name each safekeeper once, got " + skSet);
        }
        for (NodeId sk : skSet) {
            java.util.Objects.requireNonNull(sk, "skSet element");
        }
        client.send(Request.post("/debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/import", tenantId, id).scope(Scope.PAGESERVER_API)
                .idempotent(true).json(new TimelineImportRequest(tenantId, id, startLsn, List.copyOf(skSet), forceUpsert)));
    }

    /** Upstream {@code TimelineImportRequest} ({@code libs/pageserver_api/src/controller_api.rs}). */
    record TimelineImportRequest(TenantId tenantId, TimelineId timelineId, Lsn startLsn, List<NodeId> skSet, boolean forceUpsert) {}

    /**
     * {@code DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id}}: deletes the timeline on every shard. The controller
     * waits about 25 s and answers 409 while deletion continues; this sends the DELETE once and returns a handle whose
     * {@code await} repeats it until the controller answers 200 ({@link TimelineDeletion#isDone()} when the first
     * answer already was 200).
     */
    public TimelineDeletion delete() {
        ControllerTimelineDeletion deletion = new ControllerTimelineDeletion(this, client);
        deletion.firstAttempt();
        return deletion;
    }

    /** One DELETE: true when done (200), false when the controller says deletion is still running (409). */
    boolean sendDelete() {
        try {
            client.send(Request.delete(BASE, tenantId, id).scope(Scope.PAGESERVER_API).idempotent(true));
            return true;
        } catch (io.neonclient.core.ConflictException stillDeleting) {
            return false;
        }
    }

    /**
     * {@code PUT …/archival_config} with {@code {"state": "Archived"|"Unarchived"}}. Idempotent.
     *
     * @throws PreconditionFailedException when the pageserver refuses (e.g. unarchiving under an archived ancestor)
     */
    public void archivalConfig(TimelineArchivalState state) {
        Validate.notNull("state", state);
        client.send(Request.put(BASE + "/archival_config", tenantId, id).json(Map.of("state", state))
                .scope(Scope.PAGESERVER_API).idempotent(true));
    }

    /**
     * {@code PUT …/detach_ancestor}: makes a branch independent of its parent.
     *
     * @return the timelines reparented onto this one
     * @throws io.neonclient.core.ConflictException when the timeline has no ancestor
     */
    public AncestorDetached detachAncestor() {
        return detachAncestor(Request.put(BASE + "/detach_ancestor", tenantId, id));
    }

    /**
     * {@code PUT …/detach_ancestor?detach_behavior=multi_level_and_no_reparent}: detaches from every ancestor level at
     * once and reparents nothing (upstream's {@code DetachBehavior::MultiLevelAndNoReparent}, models.rs).
     */
    public AncestorDetached detachAncestorMultiLevel() {
        return detachAncestor(Request.put(BASE + "/detach_ancestor", tenantId, id).query("detach_behavior", "multi_level_and_no_reparent"));
    }

    private AncestorDetached detachAncestor(Request.Builder request) {
        AncestorDetached r = client.call(request.scope(Scope.PAGESERVER_API), Json.reader(AncestorDetached.class));
        return r == null ? new AncestorDetached(List.of()) : r;
    }

    /**
     * {@code POST …/lsn_lease} with {@code {"lsn": …}}: protects {@code lsn} from GC for the tenant's lease length.
     * The controller drops the expiry the pageserver returns (its answer is {@code null}); ask the pageserver directly
     * when you need it. Renewing is safe, so the call is retried.
     */
    public void lsnLease(Lsn lsn) {
        Validate.notNull("lsn", lsn);
        client.send(Request.post(BASE + "/lsn_lease", tenantId, id).json(Map.of("lsn", lsn)).scope(Scope.PAGESERVER_API).idempotent(true));
    }

    /**
     * {@code PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/mark_invisible} (scope pageserverapi): passed through to
     * the pageserver holding shard 0, which marks the timeline invisible in its index (hidden from synthetic size).
     * The controller forwards no body, so this can only hide, never un-hide. Idempotent.
     *
     * @throws io.neonclient.core.NotFoundException    when the timeline does not exist
     * @throws io.neonclient.core.UnavailableException while the tenant migrates (retried first)
     */
    public void markInvisible() {
        client.send(Request.put(BASE + "/mark_invisible", tenantId, id).scope(Scope.PAGESERVER_API).idempotent(true));
    }

    /** {@code POST …/block_gc}: stops GC on the timeline on every shard (e.g. while investigating). Idempotent. */
    public void blockGc() {
        client.send(Request.post(BASE + "/block_gc", tenantId, id).scope(Scope.PAGESERVER_API).idempotent(true));
    }

    /** {@code POST …/unblock_gc}: lets GC run again. Idempotent. */
    public void unblockGc() {
        client.send(Request.post(BASE + "/unblock_gc", tenantId, id).scope(Scope.PAGESERVER_API).idempotent(true));
    }

    /**
     * {@code POST …/safekeeper_migrate} with {@code {"new_sk_set": [ids]}} ({@code TimelineSafekeeperMigrateRequest},
     * controller_api.rs): moves the timeline to this set of safekeepers; returns when the membership change is done.
     * Not retried.
     *
     * @throws IllegalArgumentException when the set is empty or repeats an id
     */
    public void migrateSafekeepers(List<NodeId> newSafekeeperSet) {
        if (newSafekeeperSet == null || newSafekeeperSet.isEmpty()) {
            throw new IllegalArgumentException("newSafekeeperSet must name at least one safekeeper, got " + newSafekeeperSet);
        }
        if (newSafekeeperSet.stream().anyMatch(java.util.Objects::isNull)
                || new java.util.HashSet<>(newSafekeeperSet).size() != newSafekeeperSet.size()) {
            throw new IllegalArgumentException("newSafekeeperSet must list distinct safekeeper ids, got " + newSafekeeperSet);
        }
        client.send(Request.post(BASE + "/safekeeper_migrate", tenantId, id).json(Map.of("new_sk_set", List.copyOf(newSafekeeperSet)))
                .scope(Scope.PAGESERVER_API).timeout(client.atLeast(TenantResource.LONG_CALL_TIMEOUT)));
    }

    /** {@code POST …/safekeeper_migrate_abort}: abandons an unfinished safekeeper migration. */
    public void abortSafekeeperMigration() {
        client.send(Request.post(BASE + "/safekeeper_migrate_abort", tenantId, id).scope(Scope.PAGESERVER_API));
    }

    /**
     * {@code GET …/get_lsn_by_timestamp?timestamp=<RFC 3339 UTC>}: the LSN of the last commit at or before
     * {@code timestamp}, and what kind of answer it is.
     */
    public LsnForTimestamp lsnByTimestamp(Instant timestamp) {
        return lsnByTimestamp(timestamp, false);
    }

    /**
     * {@code GET …/get_lsn_by_timestamp?timestamp=…&with_lease=true} when {@code withLease}: also leases the LSN, and
     * {@link LsnForTimestamp#validUntil()} says until when.
     */
    public LsnForTimestamp lsnByTimestamp(Instant timestamp, boolean withLease) {
        Request.Builder r = Request.get(BASE + "/get_lsn_by_timestamp", tenantId, id)
                .query("timestamp", Rfc3339.format(Rfc3339.check("timestamp", timestamp)))
                .scope(Scope.PAGESERVER_API);
        if (withLease) {
            r.query("with_lease", "true");
        }
        return client.call(r, Json.reader(LsnForTimestamp.class));
    }

    /**
     * {@code GET …/get_timestamp_of_lsn?lsn=…}: the commit time at {@code lsn}, or empty when the pageserver knows none
     * (it answers 412).
     */
    public Optional<Instant> timestampOfLsn(Lsn lsn) {
        Validate.notNull("lsn", lsn);
        Request.Builder r = Request.get(BASE + "/get_timestamp_of_lsn", tenantId, id).query("lsn", lsn).scope(Scope.PAGESERVER_API);
        try {
            Response response = client.send(r);
            String text = client.decode(r, response, Json.reader(new TypeReference<String>() { }));
            return Optional.ofNullable(text).map(Rfc3339::parse);
        } catch (PreconditionFailedException unknown) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "timeline " + tenantId + "/" + id;
    }
}
