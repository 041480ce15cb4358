package io.neonclient.testkit.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One simulated component's HTTP listener on 127.0.0.1: the JDK's built-in server with one virtual thread per
 * exchange. It can be stopped and started again on the same port (a pageserver restart).
 */
public final class ServerHost {
    static {
        // The JDK server leaves Nagle on by default; small JSON answers on keep-alive connections then wait for
        // delayed ACKs. Read once by sun.net.httpserver.ServerConfig, so set it before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String name;
    private final Router router;
    private int port;
    private HttpServer server;
    private ExecutorService executor;

    public ServerHost(String name, Router router) {
        this.name = name;
        this.router = router;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
                break;
            } catch (BindException e) {
                last = e;
                Router.sleep(20);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }
        if (server == null) {
            throw new UncheckedIOException("cannot bind " + name + " to port " + port, last);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops at once: connections in flight are cut (a process that dies). */
    public synchronized void stop() {
        stop(0);
    }

    /**
     * Stops accepting, then waits up to {@code graceSeconds} for the exchanges in flight to finish answering
     * ({@link HttpServer#stop(int)}) before cutting the rest.
     */
    public synchronized void stop(int graceSeconds) {
        if (server != null) {
            server.stop(graceSeconds);
            executor.shutdownNow();
            server = null;
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A random (version 4) UUID without SecureRandom's lock: request ids need uniqueness, not secrecy. */
    private static String requestId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = ex.getRequestURI();
            Router.Outcome outcome = router.dispatch(ex.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    ex.getRequestHeaders().getFirst("Authorization"), body);
            if (outcome instanceof Router.Outcome.Send send) {
                Reply reply = send.reply();
                String requestId = ex.getRequestHeaders().getFirst("X-Request-Id");
                ex.getResponseHeaders().set("X-Request-Id", requestId != null ? requestId : requestId());
                if (reply.contentType() != null) {
                    ex.getResponseHeaders().set("Content-Type", reply.contentType());
                }
                boolean empty = reply.body().length == 0;
                ex.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
                if (!empty) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(reply.body());
                    }
                }
            }
            // Outcome.Drop: closing without a response makes the server drop the connection.
        }
    }
}
