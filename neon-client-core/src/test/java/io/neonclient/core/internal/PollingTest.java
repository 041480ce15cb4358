package io.neonclient.core.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Acceptor;
import io.neonclient.core.Awaitable;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Awaitable every handle delegates to, with millisecond policies and scripted probes (no sleeps). */
class PollingTest {
    static final WaitPolicy FAST = new WaitPolicy(Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(2), 0);
    static final ClientSettings SETTINGS = new ClientSettings("storage controller", URI.create("http://h:1"),
            ClientConfig.defaults().withWaitPolicy(FAST));

    /** A node as a test sees it: its scheduling policy text. */
    record Node(String scheduling) {}

    static final java.util.function.Function<Node, io.neonclient.core.WaitVerdict> DRAINED =
            Acceptor.judge(n -> "scheduling " + n.scheduling(), List.of(
                    Acceptor.<Node>failedWhenGone("node was deleted"),
                    Acceptor.<Node>done(n -> n.scheduling().equals("PauseForRestart")),
                    Acceptor.<Node>failed(n -> n.scheduling().equals("Active"), n -> "drain was cancelled")));

    static Awaitable<Node> drain(Node... states) {
        Iterator<Node> it = java.util.Arrays.asList(states).iterator();
        return Polling.of("node 1 drained", SETTINGS, it::next, DRAINED);
    }

    @Test
    void await_whenTheFirstPollIsDone_returnsIt() {
        assertEquals(new Node("PauseForRestart"), drain(new Node("PauseForRestart")).await());
    }

    @Test
    void await_pollsPendingStatesUntilDone_reportingEachToProgress() {
        List<WaitProgress<?>> seen = new ArrayList<>();
        Node done = drain(new Node("Draining"), new Node("SomethingNew"), new Node("PauseForRestart")).await(FAST, seen::add);
        assertEquals("PauseForRestart", done.scheduling());
        assertEquals(List.of("scheduling Draining", "scheduling SomethingNew"), seen.stream().map(WaitProgress::reason).toList());
        assertEquals(new Node("Draining"), seen.get(0).state());
        assertTrue(seen.get(1).toString().startsWith("waiting for node 1 drained"), seen.get(1).toString());
    }

    @Test
    void await_whenAnAcceptorSaysFailed_stopsAtOnce_withTheTypedLastState() {
        var e = assertThrows(WaitFailedException.class, () -> drain(new Node("Draining"), new Node("Active"), new Node("x")).await());
        assertEquals("drain was cancelled", e.reason());
        assertEquals(2, e.polls());
        assertEquals(Optional.of(new Node("Active")), e.lastState(Node.class));
        assertEquals(Optional.empty(), e.lastState(String.class));
    }

    @Test
    void await_whenGoneIsAFailure_failsAndKeepsTheLastStateSeenBefore() {
        var e = assertThrows(WaitFailedException.class, () -> drain(new Node("Draining"), null).await());
        assertEquals("node was deleted", e.reason());
        assertEquals(Optional.of(new Node("Draining")), e.lastState(Node.class));
    }

    @Test
    void await_timeout_carriesTheTypedLastState() {
        Awaitable<Node> never = Polling.of("node 1 drained", SETTINGS, () -> new Node("Draining"), DRAINED);
        var e = assertThrows(WaitTimeoutException.class, () -> never.await(Duration.ofMillis(20)));
        assertEquals("Draining", e.lastState(Node.class).orElseThrow().scheduling());
        assertEquals("scheduling Draining", e.lastReason());
        assertTrue(e.polls() >= 2, "polls: " + e.polls());
    }

    @Test
    void await_zeroTimeout_pollsOnce_andANegativeOneIsRefused() {
        var counting = new int[1];
        Awaitable<Node> never = Polling.of("node 1 drained", SETTINGS, () -> {
            counting[0]++;
            return new Node("Draining");
        }, DRAINED);
        assertThrows(WaitTimeoutException.class, () -> never.await(Duration.ZERO));
        assertEquals(1, counting[0]);
        var e = assertThrows(IllegalArgumentException.class, () -> never.await(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().startsWith("timeout must be zero or positive"), e.getMessage());
        assertThrows(NullPointerException.class, () -> never.await(FAST, null));
    }

    @Test
    void map_turnsTheFinalStateIntoTheResult_includingGone() {
        Iterator<Node> it = new ArrayList<>(java.util.Arrays.asList(new Node("Deleting"), null)).iterator();
        Awaitable<String> deleted = Polling.<Node>of("node 1 deleted", SETTINGS, it::next,
                        Acceptor.judge(n -> "still " + n.scheduling(), List.of(Acceptor.<Node>doneWhenGone())))
                .map(n -> n == null ? "gone" : "still there");
        assertEquals("gone", deleted.await());
    }
}
