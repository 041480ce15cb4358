package io.neonclient.testkit.internal.storcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.neonclient.testkit.internal.cluster.Timing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller's notify retries against a scripted control plane, status by status, as upstream's
 * {@code ComputeHook::do_notify} ({@code backoff::retry(.., 3, 10, ..)}) and {@code Reconciler::compute_notify_blocking}
 * handle them. Durations run 10 000 times faster.
 */
class ComputeHookRetryTest {
    static final Timing FAST = new Timing(10_000, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(300),
            Duration.ZERO, Duration.ZERO, Duration.ZERO);

    HttpServer server;
    final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile int after = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                calls.incrementAndGet();
                Integer next = script.poll();
                ex.sendResponseHeaders(next == null ? after : next, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    ComputeHook hook() {
        return new ComputeHook(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "cp-token", FAST);
    }

    void script(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    @Test
    void unavailable_isRetriedUntilA2xx() {
        script(503, 502, 504, 429);
        assertNull(hook().notifyAttach("{}", false, () -> true));
        assertEquals(5, calls.get());
    }

    @Test
    void unavailable_givesUpAfterTenRetries() {
        after = 503;
        String error = hook().notifyAttach("{}", false, () -> true);
        assertEquals(11, calls.get());
        assertTrue(error.contains("Control plane unavailable (status 503)"), error);
    }

    @Test
    void busy423_endsTheCallAtOnce_outsideALiveMigration() {
        script(423);
        String error = hook().notifyAttach("{}", false, () -> true);
        assertEquals(1, calls.get());
        assertTrue(error.contains("Control plane tenant busy"), error);
    }

    @Test
    void fatalAndUnexpectedStatuses_areNotRetried() {
        for (int status : new int[] {400, 401, 403, 404, 500}) {
            calls.set(0);
            script(status);
            String error = hook().notifyAttach("{}", false, () -> true);
            assertEquals(1, calls.get(), "status " + status);
            assertTrue(error.contains(String.valueOf(status)), error);
        }
    }

    @Test
    void liveMigration_keepsNotifyingThrough423And503_untilA2xx() {
        script(423, 503, 423, 503, 503);
        assertNull(hook().notifyAttach("{}", true, () -> true));
        assertEquals(6, calls.get());
    }

    @Test
    void liveMigration_failsOnAFatalStatus() {
        script(423, 403);
        String error = hook().notifyAttach("{}", true, () -> true);
        assertEquals(2, calls.get());
        assertTrue(error.contains("Non-retryable error 403"), error);
    }

    @Test
    void liveMigration_givesUpQuietly_whenTheOriginNoLongerHoldsTheShard() {
        after = 423;
        assertEquals(ComputeHook.ABANDONED, hook().notifyAttach("{}", true, () -> calls.get() < 3));
        assertEquals(3, calls.get());
    }

    @Test
    void notifySafekeepers_usesTheSameRetries_andReports423() {
        script(503, 423);
        String error = hook().notifySafekeepers("{}");
        assertEquals(2, calls.get());
        assertTrue(error.contains("Control plane tenant busy"), error);
    }

    @Test
    void backoff_isUpstreamsExponentialSchedule() {
        assertEquals(0, ComputeHook.backoffMillis(0, 0.1, 3.0));
        assertEquals(1100, ComputeHook.backoffMillis(1, 0.1, 3.0));
        assertEquals(3000, ComputeHook.backoffMillis(20, 0.1, 3.0));
        assertEquals(2000, ComputeHook.backoffMillis(1, 1.0, 10.0));
        assertEquals(10_000, ComputeHook.backoffMillis(5, 1.0, 10.0));
    }
}
