package io.neonclient.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.NodeId;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.StorageControllerClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane side of the storage controller's compute hook: {@code PUT /notify-attach}. For each notification it
 * resolves the shards' nodes to {@code listen_pg_addr:listen_pg_port} ({@code GET /control/v1/node/{node_id}}, cached),
 * builds the placement exactly as upstream's {@code storage_controller/src/compute_hook.rs} describes it (shard count =
 * number of shards when {@code stripe_size} is set, else unsharded), and re-points every registered compute of the
 * tenant through a {@link ComputeRegistry}. It answers 200 once the mapping is applied or, for computes that refused,
 * recorded: a non-2xx answer would stall the controller's live migrations ({@code storage_controller/src/compute_hook.rs} retries and blocks the reconcile until it gets a 2xx), and a compute that could not be
 * re-pointed is left to {@code ShardRoutingRepair}. Idempotent: the controller may send the same body more than once.
 */
public final class ComputeHookServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeHookServer.class);

    /** {@code NotifyAttachRequest} (upstream compute_hook.rs, private). */
    record NotifyAttach(TenantId tenantId, Optional<String> preferredAz, Optional<StripeSize> stripeSize, List<NotifyShard> shards) {}

    record NotifyShard(NodeId nodeId, int shardNumber) {}

    private final Function<NodeId, Node> nodeLookup;
    private final ComputeRegistry computes;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<NodeId, Node> nodes = new ConcurrentHashMap<>();
    private final Map<TenantId, ShardPlacement> placements = new ConcurrentHashMap<>();

    private ComputeHookServer(Function<NodeId, Node> nodeLookup, ComputeRegistry computes, int port) {
        this.nodeLookup = nodeLookup;
        this.computes = computes;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("compute hook cannot listen on 127.0.0.1:" + port, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the receiver on 127.0.0.1 ({@code port} 0 picks a free one); give {@link #uri()} to the controller as {@code --control-plane-url}. */
    public static ComputeHookServer start(StorageControllerClient storcon, ComputeRegistry computes, int port) {
        return new ComputeHookServer(id -> storcon.node(id).describe(), computes, port);
    }

    /**
     * Like {@link #start(StorageControllerClient, ComputeRegistry, int)}, resolving node ids with {@code nodeLookup}
     * (e.g. {@code id -> storcon.node(id).describe()}); for when the hook must listen before the controller's address is
     * known.
     */
    public static ComputeHookServer start(Function<NodeId, Node> nodeLookup, ComputeRegistry computes, int port) {
        return new ComputeHookServer(java.util.Objects.requireNonNull(nodeLookup, "nodeLookup"), computes, port);
    }

    /** The receiver's address, to give the storage controller as {@code --control-plane-url}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The placement last applied for {@code tenant}, if a notification arrived. */
    public Optional<ShardPlacement> placementOf(TenantId tenant) {
        return Optional.ofNullable(placements.get(tenant));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("PUT")) {
                reply(exchange, 405, "{\"msg\": \"use PUT\"}");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (path) {
                case "/notify-attach" -> reply(exchange, notifyAttach(body), "");
                // Safekeeper membership changes and import completion are acknowledged; this receiver does not act on them.
                case "/notify-safekeepers", "/import_complete" -> reply(exchange, 200, "");
                default -> reply(exchange, 404, "{\"msg\": \"Not Found\"}");
            }
        } catch (RuntimeException e) {
            LOG.warn("compute hook failed: {}", e.getMessage());
        }
    }

    private int notifyAttach(byte[] body) {
        NotifyAttach n;
        try {
            n = Json.decode(new String(body, StandardCharsets.UTF_8), NotifyAttach.class);
        } catch (IllegalArgumentException e) {
            return 400;
        }
        ShardPlacement placement = placement(n);
        placements.put(n.tenantId(), placement);
        var failures = computes.repoint(n.tenantId(), placement);
        failures.forEach((c, why) -> LOG.warn("compute {} of tenant {} not re-pointed: {}", c, n.tenantId(), why));
        return 200;
    }

    private ShardPlacement placement(NotifyAttach n) {
        int count = n.stripeSize().isPresent() ? n.shards().size() : 0;
        List<ShardPlacement.Shard> shards = new ArrayList<>();
        for (NotifyShard s : n.shards()) {
            Node node = nodes.computeIfAbsent(s.nodeId(), nodeLookup);
            TenantShardId id = TenantShardId.of(n.tenantId(), count == 0 ? ShardIndex.UNSHARDED : ShardIndex.of(s.shardNumber(), count));
            shards.add(new ShardPlacement.Shard(id, s.nodeId(), node.listenPgAddr(), node.listenPgPort()));
        }
        return new ShardPlacement(n.stripeSize(), shards);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
