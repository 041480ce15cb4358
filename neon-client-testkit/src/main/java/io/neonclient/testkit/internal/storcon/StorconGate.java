package io.neonclient.testkit.internal.storcon;

import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Router;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the storage controller does with a matched request before its handler runs (storage_controller/src/http.rs):
 * <ul>
 *   <li><b>start-up readiness</b>: routes behind {@code tenant_service_handler} wait for the start-up reconcile to
 *   finish, at most {@code STARTUP_RECONCILE_TIMEOUT} (30 s, service.rs), then answer
 *   {@code 408 {"msg": "Timed out waiting for service readiness"}}; {@code GET /ready} answers 503 until then;</li>
 *   <li><b>leadership</b>: a stepped-down controller with no leader to forward to answers 503
 *   {@code Leader is stepped down instance} ({@code maybe_forward});</li>
 *   <li><b>per-tenant rate limit</b>: the handlers that call {@code maybe_rate_limit} wait for the tenant's quota
 *   ({@code --tenant-rate-limit}, default 10 requests per second, a governor quota with a burst of the same size);
 *   requests are delayed, never refused.</li>
 * </ul>
 * Durations are upstream's and run {@link Timing#scale()} times faster.
 */
public final class StorconGate implements Router.Guard {
    /** Routes wrapped in {@code tenant_service_handler} (as this router spells their templates). */
    static final Set<String> TENANT_SERVICE = Set.of(
            "GET /debug/v1/tenant/{tenant_id}/locate",
            "PUT /control/v1/tenant/{tenant_shard_id}/migrate",
            "PUT /control/v1/tenant/{tenant_shard_id}/migrate_secondary",
            "PUT /control/v1/tenant/{tenant_shard_id}/cancel_reconcile",
            "PUT /control/v1/tenant/{tenant_id}/shard_split",
            "GET /control/v1/tenant/{tenant_id}",
            "GET /control/v1/tenant",
            "POST /v1/tenant",
            "DELETE /v1/tenant/{tenant_id}",
            "PATCH /v1/tenant/config",
            "PUT /v1/tenant/config",
            "GET /v1/tenant/{tenant_id}/config",
            "PUT /v1/tenant/{tenant_id}/location_config",
            "PUT /v1/tenant/{tenant_id}/time_travel_remote_storage",
            "POST /v1/tenant/{tenant_id}/secondary/download",
            "GET /control/v1/tenant/{tenant_id}/timeline/{timeline_id}",
            "DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id}",
            "POST /v1/tenant/{tenant_id}/timeline",
            "PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/archival_config",
            "PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/detach_ancestor",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/block_gc",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/unblock_gc",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/safekeeper_migrate",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/safekeeper_migrate_abort",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/lsn_lease",
            "PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/mark_invisible",
            "POST /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers",
            "GET /v1/tenant/{tenant_id}",
            "GET /v1/tenant/{tenant_id}/{*rest}");

    /** Handlers that call {@code maybe_rate_limit} for their tenant. */
    static final Set<String> RATE_LIMITED = Set.of(
            "GET /v1/tenant/{tenant_id}/config",
            "PUT /v1/tenant/{tenant_id}/time_travel_remote_storage",
            "POST /v1/tenant/{tenant_id}/secondary/download",
            "DELETE /v1/tenant/{tenant_id}",
            "POST /v1/tenant/{tenant_id}/timeline",
            "DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id}",
            "PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/archival_config",
            "PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/detach_ancestor",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/block_gc",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/unblock_gc",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/safekeeper_migrate",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/safekeeper_migrate_abort",
            "POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/lsn_lease",
            "PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/mark_invisible",
            "POST /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers",
            "POST /debug/v1/tenant/{tenant_id}/import",
            "GET /v1/tenant/{tenant_id}",
            "GET /v1/tenant/{tenant_id}/{*rest}");

    /** service.rs {@code STARTUP_RECONCILE_TIMEOUT}. */
    static final Duration STARTUP_RECONCILE_TIMEOUT = Duration.ofSeconds(30);

    private final Storcon storcon;
    private final LongSupplier nanoTime;
    private final Timing timing;
    /** Real nanoseconds between two requests of one tenant at the sustained rate; 0 = unlimited. */
    private final long intervalNanos;
    /** How far ahead of its theoretical arrival time a request may come (the burst). */
    private final long toleranceNanos;
    /** GCRA theoretical arrival time per tenant. */
    private final Map<TenantId, Long> arrivals = new HashMap<>();
    private boolean ready = true;

    /**
     * @param tenantRateLimit requests per (upstream) second per tenant, or 0 for no limit
     */
    public StorconGate(Storcon storcon, Timing timing, int tenantRateLimit) {
        this(storcon, timing, tenantRateLimit, System::nanoTime);
    }

    StorconGate(Storcon storcon, Timing timing, int tenantRateLimit, LongSupplier nanoTime) {
        this.storcon = storcon;
        this.nanoTime = nanoTime;
        this.timing = timing;
        if (tenantRateLimit > 0) {
            this.intervalNanos = Math.max(1, (long) (1e9 / tenantRateLimit / timing.scale()));
            this.toleranceNanos = intervalNanos * (tenantRateLimit - 1);
        } else {
            this.intervalNanos = 0;
            this.toleranceNanos = 0;
        }
    }

    @Override
    public void check(String method, String template, Map<String, String> params) {
        String route = method + " " + template;
        if (TENANT_SERVICE.contains(route)) {
            awaitReady();
        }
        // The simulator's own /testkit controls stay reachable, so a stepped-down controller can be resumed over HTTP;
        // step_down itself is answered by a stepped-down instance too (storage_controller/src/http.rs NOT_FOR_FORWARD).
        if (storcon.steppedDown() && !template.equals("/status") && !template.equals("/ready") && !template.equals("/metrics")
                && !template.equals("/live") && !template.equals("/control/v1/step_down") && !template.startsWith("/testkit/")
                // http.rs: the failpoints handler does not forward, so a stepped-down instance configures its own
                && !template.equals("/debug/v1/failpoints")) {
            throw HttpError.unavailable("Leader is stepped down instance");
        }
        if (intervalNanos > 0 && RATE_LIMITED.contains(route)) {
            TenantId tenant = tenantOf(params);
            if (tenant != null) {
                sleepNanos(reserve(tenant));
            }
        }
    }

    /** Whether the start-up reconcile has finished ({@code GET /ready}). */
    public synchronized boolean ready() {
        return ready;
    }

    /** The controller (re)started: routes behind {@code tenant_service_handler} wait until {@link #markReady()}. */
    public synchronized void markStarting() {
        ready = false;
    }

    public synchronized void markReady() {
        ready = true;
        notifyAll();
    }

    private synchronized void awaitReady() {
        long deadline = System.nanoTime() + timing.millis(STARTUP_RECONCILE_TIMEOUT) * 1_000_000L;
        while (!ready) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw HttpError.timeout("Timed out waiting for service readiness");
            }
            try {
                wait(Math.max(1, left / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw HttpError.unavailable("Shutting down");
            }
        }
    }

    /** Reserves the tenant's next slot (governor's {@code until_key_ready}); returns how many nanoseconds to wait for it. */
    synchronized long reserve(TenantId tenant) {
        long now = nanoTime.getAsLong();
        long tat = Math.max(arrivals.getOrDefault(tenant, now), now);
        arrivals.put(tenant, tat + intervalNanos);
        return Math.max(0, tat - toleranceNanos - now);
    }

    private static TenantId tenantOf(Map<String, String> params) {
        try {
            String raw = params.get("tenant_id");
            if (raw != null) {
                return TenantId.parse(raw);
            }
            String shard = params.get("tenant_shard_id");
            return shard == null ? null : TenantShardId.parse(shard).tenantId();
        } catch (IllegalArgumentException e) {
            return null; // the handler answers the parse error
        }
    }

    private static void sleepNanos(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
