package io.neonclient.testkit.internal.storcon;

import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The controller's calls to the control plane (storage_controller/src/compute_hook.rs and timeline_import.rs):
 * {@code PUT notify-attach}, {@code PUT notify-safekeepers} and {@code PUT import_complete} with the configured bearer
 * token. Retry semantics of {@code ComputeHook::do_notify} ({@code backoff::retry} with 10 retries, libs/utils/src/backoff.rs):
 * transport errors, 429 (after a 5 s slow-down), 502, 503 and 504 are retried, waiting 0 s before the first retry and
 * 1.1^n s (at most 3 s) before the n-th; 423 (busy: stored, not applied), 400/401/403 (fatal) and any other status end
 * the call at once. A live migration ({@code Reconciler::compute_notify_blocking} in reconciler.rs) repeats such calls,
 * waiting 0 s, then 2^n s (at most 10 s), until a 2xx; it fails only on 400/401/403 and gives up quietly (the shard
 * stays pending, the reconcile goes on) once the origin pageserver is unavailable or no longer holds the shard.
 * Upstream durations run scaled.
 */
public final class ComputeHook {
    /** What {@link #notifyAttach} returns when a live migration stopped waiting: not an error, the shard stays pending. */
    public static final String ABANDONED = "Giving up on compute notification: the origin no longer holds the shard";

    private final URI controlPlane;
    private final String token;
    private final Timing timing;
    private final HttpClient http;

    public ComputeHook(URI controlPlane, String token, Timing timing) {
        this.controlPlane = controlPlane;
        this.token = token;
        this.timing = timing;
        this.http = controlPlane == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    public boolean configured() {
        return controlPlane != null;
    }

    /** Sends a notify-attach body; null on success, {@link #ABANDONED}, or else the reason. */
    public String notifyAttach(String body, boolean liveMigration, BooleanSupplier stillWanted) {
        if (controlPlane == null) {
            return null;
        }
        int attempt = 0;
        while (true) {
            int status = notify("notify-attach", body);
            if (status >= 200 && status < 300) {
                return null;
            }
            boolean fatal = status == 400 || status == 401 || status == 403;
            if (fatal || !liveMigration) {
                return "Control plane tenant notification error: " + describe(status);
            }
            if (!stillWanted.getAsBoolean()) {
                return ABANDONED;
            }
            // reconciler.rs compute_notify_blocking: exponential_backoff(n, 1.0, 10.0)
            Router.sleep(timing.millis(Duration.ofMillis(backoffMillis(attempt++, 1.0, 10.0))));
        }
    }

    /** {@code PUT notify-safekeepers} with do_notify's retries; null on success, else the reason. */
    public String notifySafekeepers(String body) {
        if (controlPlane == null) {
            return null;
        }
        int status = notify("notify-safekeepers", body);
        return status >= 200 && status < 300 ? null : "failed to notify cplane about safekeeper membership change: " + describe(status);
    }

    /** One {@code do_notify}: the status of the last attempt (-1 for a transport error). */
    private int notify(String path, String body) {
        int attempts = 0;
        while (true) {
            int status = send(path, body);
            boolean retryable = status < 0 || status == 429 || status == 502 || status == 503 || status == 504;
            if (status >= 200 && status < 300 || !retryable || attempts >= 10) {
                return status;
            }
            if (status == 429) {
                Router.sleep(timing.millis(Duration.ofSeconds(5))); // SLOWDOWN_DELAY, inside the failed attempt
            }
            Router.sleep(timing.millis(Duration.ofMillis(backoffMillis(attempts++, 0.1, 3.0))));
        }
    }

    /** libs/utils/src/backoff.rs exponential_backoff_duration_seconds: 0 for n = 0, else (1 + base)^n capped. */
    static long backoffMillis(int n, double baseIncrement, double maxSeconds) {
        return n == 0 ? 0 : (long) (1000 * Math.min(maxSeconds, Math.pow(1 + baseIncrement, n)));
    }

    private static String describe(int status) {
        return switch (status) {
            case -1 -> "Sending request: error sending request to control plane";
            case 423 -> "Control plane tenant busy";
            case 429 -> "Control plane overloaded";
            case 502, 503, 504 -> "Control plane unavailable (status " + status + ")";
            case 400, 401, 403 -> "Non-retryable error " + status;
            default -> "Control plane returned unexpected status " + status;
        };
    }

    /** {@code PUT import_complete}, retried every (scaled) second until a 2xx or {@code stillWanted} turns false. */
    public void importComplete(String body, BooleanSupplier stillWanted) {
        if (controlPlane == null) {
            return;
        }
        while (stillWanted.getAsBoolean()) {
            int status = send("import_complete", body);
            if (status >= 200 && status < 300) {
                return;
            }
            Router.sleep(timing.millis(Duration.ofSeconds(1)));
        }
    }

    private int send(String path, String body) {
        String base = controlPlane.toString().endsWith("/") ? controlPlane.toString() : controlPlane + "/";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
