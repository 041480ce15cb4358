package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The controller's tenant import (storage_controller/src/service.rs {@code tenant_import}, served as
 * {@code POST /debug/v1/tenant/{tenant_id}/import} by {@link StorconTenantImportRoutes}): asks the first available
 * pageserver to scan the tenant's prefixes in remote storage ({@code GET /v1/tenant/{tenant_id}/scan_remote_storage}),
 * then creates the tenant as {@code do_tenant_create} would:
 * the highest shard count found, the highest generation found, the stripe size of that shard's manifest (32768 when it
 * has none), placement {@code Attached(0)} and an empty config. It waits up to 5 s ({@code SHORT_RECONCILE_TIMEOUT}) for
 * the reconciles and answers {@code 200} with TenantCreateResponse {@code {"shards": [{"shard_id", "node_id",
 * "generation"}]}} either way.
 *
 * <p>A tenant the controller holds in memory is not touched: as tenant create's idempotent path, its shards are
 * rescheduled under their own policy and the answer lists where they are attached now, with their generation. A tenant
 * only in the database (dropped from memory after a detach) is not reloaded: it is created afresh in memory with the
 * scanned generation, and its database rows (their generation and metadata health record) remain. No available node:
 * 400 {@code No nodes available}; nothing in remote storage: the pageserver's 404, passed through as
 * {@code NotFound: <node>: NotFound: No shards found for tenant ID …} ({@code passthrough_api_error}). Not behind
 * {@code tenant_service_handler}; rate limited per tenant.
 */
public final class StorconTenantImport {
    /** service.rs tenant_import: ORIGINAL_STRIPE_SIZE, for manifests written before they recorded the stripe size. */
    static final int ORIGINAL_STRIPE_SIZE = 32768;
    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized", 403, "Forbidden",
            404, "Not Found", 408, "Request Timeout", 409, "Conflict", 412, "Precondition Failed", 429, "Too Many Requests",
            500, "Internal Server Error", 503, "Service Unavailable");

    private record Scanned(TenantShardId id, Integer generation, Integer stripeSize) {}

    /** A shard of TenantCreateResponse: where it is attached and the generation reported. */
    public record ImportedShard(TenantShardId shard, long node, int generation) {}

    private final Storcon sc;

    public StorconTenantImport(Storcon sc) {
        this.sc = sc;
    }

    /**
     * service.rs {@code tenant_import}: scans the tenant's remote storage on the first available pageserver and creates
     * the tenant from what it found (or reschedules the one in memory); the shards attached after scheduling, with the
     * generation the answer reports. 409 when a shard cannot be scheduled; the reconciles are awaited up to 5 s.
     */
    public List<ImportedShard> tenantImport(TenantId id) {
        StorconNode scanner;
        synchronized (sc) {
            scanner = sc.nodeList().stream().filter(StorconNode::available).findFirst().orElse(null);
        }
        if (scanner == null) {
            throw HttpError.badRequest("No nodes available");
        }
        List<Scanned> found = scan(scanner, id);
        int count = found.stream().mapToInt(s -> s.id().shardCount()).max()
                .orElseThrow(() -> HttpError.notFound("No shards found"));
        Integer generation = found.stream().map(Scanned::generation).filter(g -> g != null).max(Integer::compare).orElse(null);
        int stripe = found.stream().filter(s -> s.id().shardCount() == count && Objects.equals(s.generation(), generation))
                .findFirst().map(Scanned::stripeSize).orElse(ORIGINAL_STRIPE_SIZE);
        List<String> errors = new ArrayList<>();
        Map<TenantShardId, Integer> reported = new HashMap<>();
        TenantState t;
        synchronized (sc) {
            t = sc.tenantOrNull(id);
            PlacementPolicy policy = t == null ? PlacementPolicy.attached(0) : t.policy();
            if (t == null) {
                TenantState previous = sc.takeDropped(id);
                t = new TenantState(id);
                t.setPolicy(policy);
                t.setStripeSize(stripe);
                t.setShardCount(count);
                for (int i = 0; i < Math.max(1, count); i++) {
                    ShardState s = new ShardState(TenantShardId.of(id, count == 0 ? ShardIndex.UNSHARDED : ShardIndex.of(i, count)));
                    s.setCreating(true);
                    // The answer shows the in-memory generation (the scanned one); attaching increments the database
                    // row's, which a dropped tenant's row may hold higher.
                    reported.put(s.id(), generation == null ? 0 : generation);
                    s.setGeneration(Math.max(reported.get(s.id()), previousGeneration(previous, s.id())));
                    t.addShard(s);
                }
                sc.putTenant(t);
                sc.insertHealthRecords(t, previous);
                sc.timelines().remote().tenant(id).recordShardCount(count);
            }
            for (ShardState s : t.shards()) {
                String err = sc.scheduler().schedule(policy, s);
                if (err != null) {
                    errors.add(s.id() + ": " + err);
                }
                if (s.preferredAz() == null && s.attached() != null) {
                    s.setPreferredAz(sc.nodeOrNull(s.attached()).az());
                }
            }
        }
        List<ImportedShard> out = new ArrayList<>();
        synchronized (sc) {
            for (ShardState s : t.shards()) {
                if (s.attached() != null) {
                    out.add(new ImportedShard(s.id(), s.attached(), reported.getOrDefault(s.id(), s.generation())));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw HttpError.conflict("Failed to schedule shard(s): " + String.join("; ", errors));
        }
        sc.reconcile(t);
        // A debug operation: a reconcile still running (e.g. the compute hook refusing) does not fail the import.
        sc.awaitIdle(sc.snapshot(t), sc.timing().millis(Duration.ofSeconds(5)));
        return List.copyOf(out);
    }

    /** The pageserver's TenantScanRemoteStorageResponse, or its error as {@code passthrough_api_error} maps it. */
    private List<Scanned> scan(StorconNode node, TenantId id) {
        String who;
        synchronized (sc) {
            who = node.id() + " (" + node.registration().httpAddr() + ")";
        }
        Reply rep;
        try {
            rep = sc.callPageserver(node.id(), "GET", "/v1/tenant/" + id + "/scan_remote_storage", null, new byte[0]);
        } catch (HttpError e) {
            throw HttpError.unavailable(who + " error sending request: " + e.getMessage());
        }
        if (rep.status() >= 400) {
            throw passthrough(who, rep);
        }
        List<Scanned> out = new ArrayList<>();
        for (JsonNode s : Json.tree(rep.body()).path("shards")) {
            JsonNode gen = s.path("generation");
            JsonNode stripe = s.path("stripe_size");
            out.add(new Scanned(TenantShardId.parse(s.path("tenant_shard_id").asText()), gen.isNumber() ? gen.asInt() : null,
                    stripe.isNumber() ? stripe.asInt() : null));
        }
        return out;
    }

    /** service.rs passthrough_api_error for a pageserver's error answer. */
    static HttpError passthrough(String node, Reply rep) {
        String msg;
        try {
            msg = Json.tree(rep.body()).path("msg").asText();
        } catch (RuntimeException e) {
            return HttpError.unavailable(node + " error receiving error body: Http error (" + rep.status() + ")");
        }
        String status = rep.status() + " " + REASONS.getOrDefault(rep.status(), "");
        return switch (rep.status()) {
            case 404 -> HttpError.notFound(node + ": " + msg);
            case 503 -> HttpError.unavailable(node + ": " + msg);
            case 401, 403 -> HttpError.internal(node + " " + status + ": " + msg);
            default -> HttpError.conflict(node + " " + status + ": " + status + " " + msg);
        };
    }

    private static int previousGeneration(TenantState previous, TenantShardId id) {
        if (previous != null) {
            for (ShardState p : previous.shards()) {
                if (p.id().equals(id)) {
                    return p.generation();
                }
            }
        }
        return 0;
    }
}
