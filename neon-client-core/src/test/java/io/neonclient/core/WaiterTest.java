package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WaiterTest {
    static final WaitPolicy FAST = new WaitPolicy(Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(2), 0);

    static WaitVerdict judge(String state) {
        return switch (state) {
            case "done" -> WaitVerdict.done();
            case "broken" -> WaitVerdict.failed("timeline is Broken");
            default -> WaitVerdict.pending("state is " + state);
        };
    }

    @Test
    void await_pollsUntilDone_reportingProgressForEachPendingPoll() {
        Iterator<String> states = List.of("loading", "loading", "done").iterator();
        List<WaitProgress<String>> progress = new ArrayList<>();
        String result = Waiter.await("timeline active", FAST, states::next, WaiterTest::judge, progress::add);
        assertEquals("done", result);
        assertEquals(2, progress.size());
        assertEquals(List.of(1, 2), progress.stream().map(WaitProgress::poll).toList());
        assertEquals("state is loading", progress.get(1).reason());
        assertTrue(progress.get(0).toString().contains("waiting for timeline active"), progress.get(0).toString());
    }

    @Test
    void await_failedVerdict_stopsAtOnce_withTheLastState() {
        AtomicInteger polls = new AtomicInteger();
        var e = assertThrows(WaitFailedException.class, () -> Waiter.await("timeline active", FAST,
                () -> polls.incrementAndGet() < 3 ? "loading" : "broken", WaiterTest::judge));
        assertEquals(3, polls.get());
        assertEquals(java.util.Optional.of("broken"), e.lastState(String.class));
        assertEquals(java.util.Optional.empty(), e.lastState(Integer.class));
        assertEquals("timeline is Broken", e.reason());
        assertEquals(3, e.polls());
        assertTrue(e.getMessage().contains("gave up waiting for timeline active"), e.getMessage());
    }

    @Test
    void await_timeout_carriesLastStateReasonElapsedAndPolls() {
        WaitPolicy shortWait = FAST.withTimeout(Duration.ofMillis(50));
        AtomicInteger polls = new AtomicInteger();
        var e = assertThrows(WaitTimeoutException.class, () -> Waiter.await("shard attached on node 1", shortWait,
                () -> "attached on " + polls.incrementAndGet(), s -> WaitVerdict.pending(s)));
        assertEquals("attached on " + polls.get(), e.lastState(String.class).orElseThrow());
        assertEquals("attached on " + polls.get(), e.lastReason());
        assertEquals(polls.get(), e.polls());
        assertTrue(polls.get() >= 2, "polled more than once: " + polls.get());
        assertTrue(e.elapsed().compareTo(Duration.ofMillis(50)) >= 0, e.elapsed().toString());
        assertTrue(e.getMessage().startsWith("timed out after "), e.getMessage());
        assertTrue(e.getMessage().contains("waiting for shard attached on node 1; last seen: attached on"), e.getMessage());
    }

    @Test
    void await_zeroTimeout_pollsOnce() {
        AtomicInteger polls = new AtomicInteger();
        assertThrows(WaitTimeoutException.class, () -> Waiter.await("x", FAST.withTimeout(Duration.ZERO),
                () -> polls.incrementAndGet(), n -> WaitVerdict.pending("n=" + n)));
        assertEquals(1, polls.get());
        assertEquals("done", Waiter.await("x", FAST.withTimeout(Duration.ZERO), () -> "done", WaiterTest::judge));
    }

    @Test
    void await_transientProbeFailures_countAsPending_otherFailuresPropagate() {
        Operation op = new Operation("GET", "/control/v1/node/{node_id}");
        AtomicInteger polls = new AtomicInteger();
        String result = Waiter.await("node active", FAST, () -> {
            int n = polls.incrementAndGet();
            if (n == 1) {
                throw ApiException.of(op, 503, "Current leadership status is candidate", 4);
            }
            if (n == 2) {
                throw new TransportException(op, "connection refused", 4, new java.net.ConnectException());
            }
            return "done";
        }, WaiterTest::judge);
        assertEquals("done", result);
        assertEquals(3, polls.get());

        assertThrows(NotFoundException.class, () -> Waiter.await("node active", FAST, () -> {
            throw ApiException.of(op, 404, "Node 3 not registered", 1);
        }, WaiterTest::judge));
    }

    @Test
    void await_honoursInterruption_andRestoresTheFlag() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        AtomicInteger polls = new AtomicInteger();
        WaitPolicy slow = new WaitPolicy(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(30), 0);
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Waiter.await("forever", slow, polls::incrementAndGet, n -> WaitVerdict.pending("never"));
            } catch (Throwable e) {
                failure.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (polls.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        t.interrupt();
        t.join(5_000);
        assertInstanceOf(WaitInterruptedException.class, failure.get());
        assertTrue(flag.get());
        assertEquals(1, ((WaitException) failure.get()).polls());
    }

    @Test
    void policies_validateTheirInputs_namingTheField() {
        Messages.assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new WaitPolicy(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO, 0)), "timeout");
        Messages.assertMentions(assertThrows(IllegalArgumentException.class,
                () -> WaitPolicy.defaults().withDelays(Duration.ofSeconds(2), Duration.ofSeconds(1))), "maxDelay");
        Messages.assertMentions(assertThrows(IllegalArgumentException.class, () -> WaitPolicy.defaults().withJitter(1.5)), "jitter");
        Messages.assertMentions(assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withMaxAttempts(0)), "maxAttempts");
        Messages.assertMentions(assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withJitter(-0.1)), "jitter");
    }

    @Test
    void delays_growAndAreCapped() {
        WaitPolicy p = new WaitPolicy(Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofMillis(400), 0);
        assertEquals(Duration.ofMillis(100), p.delayAfter(1));
        assertEquals(Duration.ofMillis(150), p.delayAfter(2));
        assertEquals(Duration.ofMillis(400), p.delayAfter(50));
        RetryPolicy r = RetryPolicy.defaults().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(200), r.backoff(1));
        assertEquals(Duration.ofMillis(400), r.backoff(2));
        assertEquals(Duration.ofSeconds(1), r.backoff(10));
        assertEquals(Duration.ofSeconds(1), r.backoff(1000));
    }
}
