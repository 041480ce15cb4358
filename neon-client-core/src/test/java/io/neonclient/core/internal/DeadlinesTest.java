package io.neonclient.core.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void aDeadlineThatPasses_interruptsTheCaller_andFinishSaysSo_clearingTheInterrupt() {
        Deadlines.Deadline d = Deadlines.start(TimeUnit.MILLISECONDS.toNanos(50));
        assertThrows(InterruptedException.class, () -> Thread.sleep(30_000));
        assertTrue(d.finish(), "the deadline passed first");
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was the deadline's, not the caller's");
    }

    @Test
    void aFinishedDeadline_neverInterrupts() throws InterruptedException {
        Deadlines.Deadline d = Deadlines.start(TimeUnit.MILLISECONDS.toNanos(20));
        assertFalse(d.finish());
        Thread.sleep(200); // well past the deadline: an interrupt would end this sleep with an exception
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void theCallersOwnInterrupt_isLeftStanding() {
        Deadlines.Deadline d = Deadlines.start(TimeUnit.SECONDS.toNanos(30));
        Thread.currentThread().interrupt();
        assertFalse(d.finish());
        assertTrue(Thread.interrupted(), "the caller's interrupt is still set");
    }

    @Test
    void anEarlierDeadline_startedWhileTheWatcherWaitsForALaterOne_stillEndsOnTime() throws Exception {
        CountDownLatch later = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = Thread.ofPlatform().start(() -> {
            Deadlines.Deadline far = Deadlines.start(TimeUnit.SECONDS.toNanos(60));
            later.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            far.finish();
        });
        try {
            assertTrue(later.await(10, TimeUnit.SECONDS));
            Thread watcher = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("neon-client-deadlines"))
                    .findFirst().orElseThrow();
            while (watcher.getState() != Thread.State.TIMED_WAITING) { // asleep until the 60 s deadline
                Thread.onSpinWait();
            }
            Deadlines.Deadline near = Deadlines.start(TimeUnit.MILLISECONDS.toNanos(50));
            // Were the watcher left asleep until the 60 s deadline, this sleep would run its full 20 s and fail.
            assertThrows(InterruptedException.class, () -> Thread.sleep(20_000));
            assertTrue(near.finish());
        } finally {
            release.countDown();
            other.join(10_000);
        }
    }

    @Test
    void manyCallersAtOnce_onlyThoseWhoseDeadlinePasses_areInterrupted_wherever_theyStandInTheList() throws Exception {
        // 12 threads: each starts a short or a long deadline, then waits; the short ones sit first, last and in between
        // in the in-flight list, and thousands of start/finish pairs from a 13th thread churn the list meanwhile.
        int callers = 12;
        CountDownLatch started = new CountDownLatch(callers);
        CountDownLatch done = new CountDownLatch(1);
        boolean[] interrupted = new boolean[callers];
        boolean[] passed = new boolean[callers];
        Thread[] threads = new Thread[callers];
        for (int i = 0; i < callers; i++) {
            int k = i;
            boolean shortOne = k % 3 == 0 || k == callers - 1;
            threads[i] = Thread.ofPlatform().start(() -> {
                Deadlines.Deadline d = Deadlines.start(shortOne ? TimeUnit.MILLISECONDS.toNanos(100) : TimeUnit.SECONDS.toNanos(60));
                started.countDown();
                try {
                    done.await(); // a short deadline ends this wait early
                } catch (InterruptedException e) {
                    interrupted[k] = true;
                }
                passed[k] = d.finish();
            });
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread churn = Thread.ofPlatform().start(() -> {
            for (int n = 0; n < 20_000; n++) {
                Deadlines.start(TimeUnit.SECONDS.toNanos(30)).finish();
            }
        });
        churn.join(30_000);
        for (int i = 0; i < callers; i++) {
            boolean shortOne = i % 3 == 0 || i == callers - 1;
            if (shortOne) {
                threads[i].join(10_000);
            }
        }
        done.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        for (int i = 0; i < callers; i++) {
            boolean shortOne = i % 3 == 0 || i == callers - 1;
            assertEquals(shortOne, interrupted[i], "caller " + i + " interrupted");
            assertEquals(shortOne, passed[i], "caller " + i + " told its deadline passed");
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
