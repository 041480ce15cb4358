package io.neonclient.testkit.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The controller's calls to the control plane (storage_controller/src/compute_hook.rs and timeline_import.rs):
 * {@code PUT notify-attach} and {@code PUT import_complete} with the configured bearer token. Retry semantics:
 * ordinary notifications retry 429 (after 5 s) and 502/503/504/transport errors up to 10 times with backoff
 * 1.1^n s (max 3 s), give up on 423 (stored, not applied) and any other status; a live migration keeps
 * retrying (1 s doubling to 10 s) until a 2xx unless the answer is 400/401/403. Upstream durations run scaled.
 */
public final class ComputeHook {
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

    /** Sends a notify-attach body; null on success, else the reason. */
    public String notifyAttach(String body, boolean liveMigration, BooleanSupplier stillWanted) {
        if (controlPlane == null) {
            return null;
        }
        int attempt = 0;
        long liveBackoffMs = 1000;
        while (true) {
            int status = send("notify-attach", body);
            if (status >= 200 && status < 300) {
                return null;
            }
            String why = status < 0 ? "error sending request to control plane" : "Unexpected status " + status + " from control plane";
            if (status == 400 || status == 401 || status == 403) {
                return "Control plane tenant notification error: " + why;
            }
            if (liveMigration) {
                if (!stillWanted.getAsBoolean()) {
                    return "Control plane tenant notification error: migration abandoned: " + why;
                }
                Router.sleep(timing.millis(Duration.ofMillis(liveBackoffMs)));
                liveBackoffMs = Math.min(liveBackoffMs * 2, 10_000);
                continue;
            }
            boolean retryable = status < 0 || status == 429 || status == 502 || status == 503 || status == 504;
            if (!retryable || status == 423 || ++attempt > 10) {
                return "Control plane tenant notification error: " + (status == 423 ? "Control plane tenant busy" : why);
            }
            long backoff = status == 429 ? 5000 : (long) Math.min(3000, 1000 * Math.pow(1.1, attempt));
            Router.sleep(timing.millis(Duration.ofMillis(backoff)));
        }
    }

    /** {@code PUT notify-safekeepers} with the ordinary (non-live) retry rules; null on success, else the reason. */
    public String notifySafekeepers(String body) {
        if (controlPlane == null) {
            return null;
        }
        int attempt = 0;
        while (true) {
            int status = send("notify-safekeepers", body);
            if (status >= 200 && status < 300) {
                return null;
            }
            boolean retryable = status < 0 || status == 429 || status == 502 || status == 503 || status == 504;
            if (!retryable || ++attempt > 10) {
                return "Control plane tenant notification error: " + (status < 0 ? "error sending request" : "Unexpected status " + status);
            }
            Router.sleep(timing.millis(Duration.ofMillis(status == 429 ? 5000 : (long) Math.min(3000, 1000 * Math.pow(1.1, attempt)))));
        }
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
