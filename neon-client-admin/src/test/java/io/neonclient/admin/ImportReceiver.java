package io.neonclient.admin;

import com.sun.net.httpserver.HttpServer;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A control plane for tests: answers 200 to every controller call ({@code notify-attach}, {@code notify-safekeepers})
 * and records {@code PUT /import_complete} bodies ({@code storage_controller/src/timeline_import.rs}
 * {@code ImportCompleteRequest}) as {@link ImportOutcome}s, the first one per timeline.
 */
final class ImportReceiver implements ImportOutcomes, AutoCloseable {
    private final HttpServer server;
    private final Map<String, ImportOutcome> received = new ConcurrentHashMap<>();

    private ImportReceiver(HttpServer server) {
        this.server = server;
    }

    static ImportReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ImportReceiver r = new ImportReceiver(server);
            server.createContext("/", x -> {
                byte[] body = x.getRequestBody().readAllBytes();
                if (x.getRequestURI().getPath().endsWith("/import_complete")) {
                    var tree = Json.tree(body);
                    TenantId tenant = TenantId.parse(tree.path("tenant_id").asText());
                    TimelineId timeline = TimelineId.parse(tree.path("timeline_id").asText());
                    Optional<String> error = tree.path("error").isTextual() ? Optional.of(tree.path("error").asText()) : Optional.empty();
                    r.received.putIfAbsent(tenant + "/" + timeline, new ImportOutcome(tenant, timeline, error, Instant.now()));
                }
                x.sendResponseHeaders(200, -1);
                x.close();
            });
            server.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public Optional<ImportOutcome> find(TenantId tenantId, TimelineId timelineId) {
        return Optional.ofNullable(received.get(tenantId + "/" + timelineId));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
