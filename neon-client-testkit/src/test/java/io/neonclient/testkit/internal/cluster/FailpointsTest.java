package io.neonclient.testkit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.testkit.Component;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fail crate's action strings as Failpoints reads and evaluates them (the fail crate's FromStr for Action). */
class FailpointsTest {
    private final Failpoints fp = new Failpoints(1);

    private Optional<String> hit(String name) {
        return fp.eval(Component.PAGESERVER, name, () -> true);
    }

    @Test
    void countedReturn_thenOff_firesExactlyThatManyTimes() {
        fp.configure(Component.PAGESERVER, "api-503", "2*return(x)->off");
        assertEquals(Optional.of("x"), hit("api-503"));
        assertEquals(Optional.of("x"), hit("api-503"));
        assertEquals(Optional.empty(), hit("api-503"));
        assertEquals(Optional.empty(), hit("api-503"));
    }

    @Test
    void failpointsAreKeptPerServer_andOffStopsThem() {
        fp.configure(Component.PAGESERVER, "api-500", "return");
        assertEquals(Optional.empty(), fp.eval(Component.SAFEKEEPER, "api-500", () -> true));
        assertEquals(Optional.of(""), hit("api-500"));
        fp.configure(Component.PAGESERVER, "api-500", "off");
        assertEquals(Optional.empty(), hit("api-500"));
        assertEquals(1, fp.describe().size(), "off stays configured, as the fail crate keeps it");
    }

    @Test
    void zeroPercent_neverFires_hundredPercentAlways() {
        fp.configure(Component.PAGESERVER, "a", "0%return");
        fp.configure(Component.PAGESERVER, "b", "100%return");
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), hit("a"));
            assertEquals(Optional.of(""), hit("b"));
        }
    }

    @Test
    void pause_waitsUntilCancelledOrReconfigured() {
        fp.configure(Component.STORAGE_CONTROLLER, "reconciler-epilogue", "pause");
        assertEquals(Optional.empty(), fp.eval(Component.STORAGE_CONTROLLER, "reconciler-epilogue", () -> true),
                "a cancelled caller is let go");
        Thread t = Thread.ofVirtual().start(() -> fp.eval(Component.STORAGE_CONTROLLER, "reconciler-epilogue", () -> false));
        fp.configure(Component.STORAGE_CONTROLLER, "reconciler-epilogue", "off");
        assertTrue(joined(t), "reconfiguring releases a paused caller");
    }

    @Test
    void malformedActions_areRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Failpoints.parse("boom"));
        assertEquals("unrecognized command \"boom\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Failpoints.parse("sleep(abc)"));
        assertThrows(IllegalArgumentException.class, () -> Failpoints.parse("x%return"));
        assertThrows(IllegalArgumentException.class, () -> Failpoints.parse("return(1"));
        assertEquals(3, Failpoints.parse("1*sleep(10)->50%return->off").size());
    }

    private static boolean joined(Thread t) {
        try {
            t.join(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }
}
