package io.neonclient.admin;

import com.sun.net.httpserver.HttpExchange;
import io.neonclient.core.NeonException;
import io.neonclient.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ComputeHook}'s HTTP doors: decode, check the token, delegate to the {@link ComputeFollower}, answer with
 * the status the controller acts on ({@code storage_controller/src/compute_hook.rs} {@code do_notify_iteration}), log
 * one line per notification (never a token) and count it.
 */
final class HookRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeHook.class);

    private final ComputeStore store;
    private final HookAuth auth;
    private final HookMetrics metrics;
    private final ComputeFollower follower;
    private final Semaphore inFlight;

    HookRoutes(ComputeStore store, HookAuth auth, HookMetrics metrics, ComputeFollower follower, int maxInFlight) {
        this.store = store;
        this.auth = auth;
        this.metrics = metrics;
        this.follower = follower;
        this.inFlight = new Semaphore(maxInFlight);
    }

    void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/healthz" -> {
                    if (method.equals("GET")) {
                        reply(exchange, 200, "application/json", "{\"status\": \"ok\"}");
                    } else {
                        reply(exchange, 405, "application/json", "{\"msg\": \"use GET\"}");
                    }
                }
                case "/metrics" -> {
                    if (method.equals("GET")) {
                        reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
                    } else {
                        reply(exchange, 405, "application/json", "{\"msg\": \"use GET\"}");
                    }
                }
                case "/notify-attach", "/notify-safekeepers", "/import_complete" -> notification(exchange, method, path.substring(1));
                default -> reply(exchange, 404, "application/json", "{\"msg\": \"Not Found\"}");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("compute hook could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.getMessage());
        }
    }

    private void notification(HttpExchange exchange, String method, String route) throws IOException {
        String kind = switch (route) {
            case "notify-attach" -> "attach";
            case "notify-safekeepers" -> "safekeepers";
            default -> "import";
        };
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (!method.equals("PUT")) {
            reply(exchange, 405, "application/json", "{\"msg\": \"use PUT\"}");
            return;
        }
        String refusal = auth.refusal(exchange.getRequestHeaders().getFirst("Authorization"));
        if (refusal != null) {
            metrics.notification(kind, "unauthorized");
            LOG.warn("{} refused (401): {}", route, refusal);
            reply(exchange, 401, "application/json", msg(refusal));
            return;
        }
        if (!inFlight.tryAcquire()) {
            metrics.notification(kind, "overloaded");
            LOG.warn("{} refused (429): too many notifications in flight", route);
            reply(exchange, 429, "application/json", msg("too many notifications in flight, retry later"));
            return;
        }
        Instant received = Instant.now();
        int status;
        String text;
        try {
            String json = new String(body, StandardCharsets.UTF_8);
            switch (kind) {
                case "attach" -> {
                    HookBodies.NotifyAttach n = Json.decode(json, HookBodies.NotifyAttach.class);
                    ComputeFollower.Outcome o = follower.attach(n, received);
                    status = o.failed() > 0 ? 423 : 200;
                    text = summary(o);
                    metrics.notification(kind, result(o));
                    LOG.info("notify-attach tenant {} stripe {} shards {} -> {} ({})", n.tenantId(),
                            n.stripeSize().map(Object::toString).orElse("-"), shards(n), status, text);
                }
                case "safekeepers" -> {
                    HookBodies.NotifySafekeepers n = Json.decode(json, HookBodies.NotifySafekeepers.class);
                    ComputeFollower.Outcome o = follower.safekeepers(n, received);
                    status = o.failed() > 0 ? 423 : 200;
                    text = summary(o);
                    metrics.notification(kind, result(o));
                    LOG.info("notify-safekeepers {}/{} generation {} safekeepers {} -> {} ({})", n.tenantId(), n.timelineId(),
                            n.generation(), n.safekeepers().stream().map(s -> s.id().toString()).toList(), status, text);
                }
                default -> {
                    HookBodies.ImportComplete n = Json.decode(json, HookBodies.ImportComplete.class);
                    store.recordImport(new ImportOutcome(n.tenantId(), n.timelineId(), n.error(), received));
                    status = 200;
                    text = n.error().map(e -> "import failed: " + e).orElse("import succeeded");
                    metrics.notification(kind, "recorded");
                    LOG.info("import_complete {}/{} -> 200 ({})", n.tenantId(), n.timelineId(), text);
                }
            }
        } catch (IllegalArgumentException e) {
            status = 400;
            text = route + " body is not upstream's: " + e.getMessage();
            metrics.notification(kind, "bad_request");
            LOG.warn("{} -> 400: {}", route, text);
        } catch (NeonException | IllegalStateException | UncheckedIOException e) {
            // the controller or the registry could not be read: the controller retries 503 (compute_hook.rs do_notify)
            status = 503;
            text = route + " not applied, retry: " + e.getMessage();
            metrics.notification(kind, "unavailable");
            LOG.warn("{} -> 503: {}", route, text);
        } finally {
            inFlight.release();
        }
        reply(exchange, status, "application/json", status == 200 ? "{}" : msg(text));
    }

    private static String shards(HookBodies.NotifyAttach n) {
        return n.shards().stream().map(s -> s.shardNumber() + "@" + s.nodeId()).toList().toString();
    }

    private static String result(ComputeFollower.Outcome o) {
        return o.failed() > 0 ? "recorded" : o.applied() == 0 && o.stale() > 0 ? "stale" : "applied";
    }

    private static String summary(ComputeFollower.Outcome o) {
        return o.applied() + " computes applied, " + o.failed() + " pending, " + o.stale() + " stale, " + o.notRunning() + " not running";
    }

    private static String msg(String text) {
        return Json.encodeToString(java.util.Map.of("msg", text));
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
