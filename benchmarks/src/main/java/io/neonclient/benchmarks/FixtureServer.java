package io.neonclient.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process HTTP server on loopback answering every request with one fixed JSON body from the class path, so a
 * client benchmark measures the client, not a server that builds its answer on every call.
 */
final class FixtureServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    private FixtureServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts a server answering {@code 200} with {@code resource} (a class-path resource) to every request. */
    static FixtureServer serving(String resource) {
        byte[] body;
        try (InputStream in = FixtureServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + resource);
            }
            body = in.readAllBytes();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new FixtureServer(server, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
