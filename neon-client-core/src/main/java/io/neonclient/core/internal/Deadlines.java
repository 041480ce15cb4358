package io.neonclient.core.internal;

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
 * with nothing in flight (a later call starts it again). Starting and finishing a deadline costs linking it into a list
 * and out again under one uncontended lock; back-to-back calls with the same timeout never wake the thread.
 */
final class Deadlines {
    private Deadlines() {}

    /** How long the watcher stays with nothing in flight before it ends. */
    private static final long IDLE_NANOS = 1_000_000_000L;

    /** Guards the in-flight list ({@link #HEAD} and every deadline's links), {@link #watcher} and {@link #wakeAt}. */
    private static final Object LOCK = new Object();
    /**
     * The deadlines in flight, as a doubly linked ring through their own {@code prev}/{@code next} fields with this
     * sentinel as its head: adding and removing one is a few field writes, with no hashing and no allocation beyond the
     * deadline itself.
     */
    private static final Deadline HEAD = new Deadline(null, 0);

    static {
        HEAD.prev = HEAD;
        HEAD.next = HEAD;
    }

    private static Thread watcher;
    /** When the watcher wakes next: a deadline started earlier than this wakes it. */
    private static long wakeAt;

    /** One caller's deadline. */
    static final class Deadline {
        private final Thread caller;
        private final long at;
        /** Whether the caller finished, and whether the deadline passed first: both guarded by {@link #LOCK}. */
        private boolean done;
        private boolean fired;
        /** Links in the in-flight list, guarded by {@link #LOCK}; both null when not in it. */
        private Deadline prev;
        private Deadline next;

        private Deadline(Thread caller, long at) {
            this.caller = caller;
            this.at = at;
        }

        /** Links this deadline in before {@link #HEAD}, at the end of the list; under {@link #LOCK}. */
        private void link() {
            prev = HEAD.prev;
            next = HEAD;
            HEAD.prev.next = this;
            HEAD.prev = this;
        }

        /** Unlinks this deadline if it is in the list; under {@link #LOCK}. */
        private void unlink() {
            if (next != null) {
                prev.next = next;
                next.prev = prev;
                prev = null;
                next = null;
            }
        }

        /** The watcher's side, under {@link #LOCK}: interrupts the caller if it has not finished yet. */
        private void expire() {
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
            boolean passed;
            synchronized (LOCK) {
                unlink();
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
            d.link();
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
            synchronized (LOCK) {
                for (Deadline d = HEAD.next; d != HEAD; ) {
                    Deadline following = d.next;
                    if (d.at - now <= 0) {
                        d.unlink();
                        d.expire();
                    } else if (next == 0 || d.at - next < 0) {
                        next = d.at;
                    }
                    d = following;
                }
                if (next == 0) {
                    next = now + IDLE_NANOS; // nothing in flight: look again (and end) after the idle time
                }
                if (HEAD.next != HEAD) {
                    idleSince = now;
                } else if (now - idleSince >= IDLE_NANOS) {
                    watcher = null;
                    return;
                }
                // A deadline started from here on is either later than this or unparks the watcher.
                wakeAt = next;
            }
            LockSupport.parkNanos(next - now);
        }
    }
}
