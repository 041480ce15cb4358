package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neonclient.testkit.internal.cluster.FaultTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Glob matching, bursts, and seeded determinism of probabilistic faults. */
class FaultTableTest {

    @Test
    void burst_failsExactlyTimes_andGlobMatchesOneSegmentPerStar() {
        FaultTable t = new FaultTable(1);
        t.add(Component.PAGESERVER, "GET", "/v1/tenant/*/timeline", Fault.unavailable(2));
        assertEquals(0, t.actions(Component.PAGESERVER, "GET", "/v1/tenant/a/b/timeline").size());
        assertEquals(0, t.actions(Component.STORAGE_CONTROLLER, "GET", "/v1/tenant/a/timeline").size());
        assertEquals(1, t.actions(Component.PAGESERVER, "GET", "/v1/tenant/a/timeline/").size());
        assertEquals(1, t.actions(Component.PAGESERVER, "GET", "/v1/tenant/a/timeline").size());
        assertEquals(0, t.actions(Component.PAGESERVER, "GET", "/v1/tenant/a/timeline").size());
    }

    @Test
    void probabilisticFaults_repeatWithTheSameSeed() {
        assertEquals(run(42), run(42));
    }

    private static List<Integer> run(long seed) {
        FaultTable t = new FaultTable(seed);
        t.add(Component.STORAGE_CONTROLLER, "*", "/**", Fault.unavailable(0.5));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            out.add(t.actions(Component.STORAGE_CONTROLLER, "GET", "/status").size());
        }
        return out;
    }
}
