package io.neonclient.core.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds blocking exchanges as a whole (connection, headers and body): a caller {@linkplain #start starts} a deadline
 * before it blocks in {@code HttpClient.send} and {@linkplain Deadline#finish finishes} it after; when the deadline
 * passes first, the caller's thread is interrupted, which makes {@code send} cancel the exchange (closing its
 * connection) and throw {@link InterruptedException}, which the caller then reports as a timeout.
 *
 * <p>Why not the JDK's own tools: {@code HttpRequest.timeout} ends at the response headers, so a server that stalls
 * mid-body holds the call; {@code sendAsync(..).get(timeout)} bounds the whole exchange but hands it to the client's
 * executor and its completion to the common pool, two thread hand-offs per call that cost a loopback call about a
 * quarter of its time. Here one daemon thread, {@code neon-client-deadlines}, watches every in-flight exchange of the
 * JVM: it sleeps until the earliest deadline, is woken only when a call brings an earlier one, and ends after a second
 * with nothing in flight (a later call starts it again). Starting and finishing a deadline costs a set insertion and
 * removal; back-to-back calls with the same timeout never wake the thread.
 */
final class Deadlines {
    private Deadlines() {}

    /** How long the watcher stays with nothing in flight before it ends. */
    private static final long IDLE_NANOS = 1_000_000_000L;

    /** Guards {@link #IN_FLIGHT}, {@link #watcher} and {@link #wakeAt}. */
    private static final Object LOCK = new Object();
    private static final Set<Deadline> IN_FLIGHT = new HashSet<>();
    private static Thread watcher;
    /** When the watcher wakes next: a deadline started earlier than this wakes it. */
    private static long wakeAt;

    /** One caller's deadline. */
    static final class Deadline {
        private final Thread caller;
        private final long at;
        private boolean done;
        private boolean fired;

        private Deadline(Thread caller, long at) {
            this.caller = caller;
            this.at = at;
        }

        /** The watcher's side: interrupts the caller if it has not finished yet. */
        private synchronized void expire() {
            if (!done) {
                fired = true;
                caller.interrupt();
            }
        }

        /**
         * Ends the watch; true when the deadline passed first. Then the interrupt was this class's, not the caller's
         * own, and is cleared: the caller reports a timeout instead.
         */
        boolean finish() {
            synchronized (LOCK) {
                IN_FLIGHT.remove(this);
            }
            boolean passed;
            synchronized (this) {
                done = true;
                passed = fired;
            }
            if (passed) {
                Thread.interrupted();
            }
            return passed;
        }
    }

    /** Starts watching the calling thread for {@code timeoutNanos}. */
    static Deadline start(long timeoutNanos) {
        long now = System.nanoTime();
        Deadline d = new Deadline(Thread.currentThread(), now + Math.max(0, timeoutNanos));
        synchronized (LOCK) {
            IN_FLIGHT.add(d);
            if (watcher == null) {
                watcher = Thread.ofPlatform().daemon().name("neon-client-deadlines").unstarted(Deadlines::watch);
                wakeAt = d.at;
                watcher.start();
            } else if (d.at - wakeAt < 0) {
                wakeAt = d.at;
                LockSupport.unpark(watcher);
            }
        }
        return d;
    }

    private static void watch() {
        long idleSince = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long next = 0;
            java.util.List<Deadline> passed = new java.util.ArrayList<>(0);
            synchronized (LOCK) {
                for (var it = IN_FLIGHT.iterator(); it.hasNext(); ) {
                    Deadline d = it.next();
                    if (d.at - now <= 0) {
                        it.remove();
                        passed.add(d);
                    } else if (next == 0 || d.at - next < 0) {
                        next = d.at;
                    }
                }
                if (next == 0) {
                    next = now + IDLE_NANOS; // nothing in flight: look again (and end) after the idle time
                }
                if (!IN_FLIGHT.isEmpty()) {
                    idleSince = now;
                } else if (now - idleSince >= IDLE_NANOS) {
                    watcher = null;
                    passed.forEach(Deadline::expire);
                    return;
                }
                // A deadline started from here on is either later than this or unparks the watcher.
                wakeAt = next;
            }
            passed.forEach(Deadline::expire);
            LockSupport.parkNanos(next - now);
        }
    }
}
