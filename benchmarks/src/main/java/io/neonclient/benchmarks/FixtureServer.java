package io.neonclient.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on loopback answering every request with one fixed JSON body from the class path, so a client
 * benchmark measures the client, not a server that builds its answer on every call. It runs in a JVM of its own, as a
 * real controller does: the server's threads and its JIT then do not compete with the client under test for the
 * benchmark JVM's cores and profiles.
 */
final class FixtureServer implements AutoCloseable {
    /** How long the child serves its own requests before it prints its address. */
    static final int WARM_UP_SECONDS = 20;

    private final Process process;
    private final String baseUri;

    private FixtureServer(Process process, String baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    /**
     * Starts {@code java -cp <this class path> io.neonclient.benchmarks.FixtureServer <resource>} with the running JVM's
     * own {@code java}, and waits for the address it prints after its {@value #WARM_UP_SECONDS} s of warm-up. The child
     * ends when its standard input closes, so it cannot outlive a benchmark fork that dies; {@link #close()} closes it.
     */
    static FixtureServer inOwnProcess(String resource) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FixtureServer.class.getName(), resource)).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process process = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            String line = out.readLine();
            if (line == null || !line.startsWith("http://")) {
                process.destroyForcibly();
                throw new IllegalStateException("the fixture server process printed " + line + " instead of its address");
            }
            return new FixtureServer(process, line.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    String baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The child process of {@link #inOwnProcess}: serves {@code args[0]} (a class-path resource), prints
     * {@code http://127.0.0.1:PORT} on one line, and exits when its standard input closes.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FixtureServer <class-path resource>");
            System.exit(2);
        }
        byte[] body;
        try (InputStream in = FixtureServer.class.getResourceAsStream(args[0])) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + args[0]);
            }
            body = in.readAllBytes();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        // No executor: the dispatcher thread answers each request itself, one thread hand-off fewer per call than a
        // pool, which on a 2-core machine makes the server both cheaper and steadier.
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            warmUp(server.getAddress().getPort());
            System.out.println("http://127.0.0.1:" + server.getAddress().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our standard input
            }
        } finally {
            server.stop(0);
        }
    }

    /**
     * Sends this server its own requests for {@link #WARM_UP_SECONDS} before the parent sees the address, so that its
     * handling path is compiled: measured with a cold server, a client's throughput climbed for ~40 s (from 800 to
     * 4,500 calls/s) as the server's JIT caught up, so a benchmark's warm-up of 18 s ended inside the server's own.
     */
    private static void warmUp(int port) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/warm-up")).GET().build();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            while (System.nanoTime() < until) {
                client.send(request, HttpResponse.BodyHandlers.discarding());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
