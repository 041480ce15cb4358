package io.neonclient.testkit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The simulated pg ports of one cluster's pageservers differ even when the OS hands the same free port out twice (a
 * compute's libpq URL is resolved by port: a shared port sent a compute to the wrong pageserver, "Timeline not found …
 * is not attached to pageserver 1", in one CI run out of many).
 */
class DistinctPortTest {

    @Test
    void aPortTheProbeGivesAgain_isSkipped() {
        Iterator<Integer> probe = List.of(40001, 40001, 40001, 40002).iterator();
        Set<Integer> taken = new HashSet<>();
        assertEquals(40001, Cluster.distinctPort(taken, probe::next));
        assertEquals(40002, Cluster.distinctPort(taken, probe::next));
        assertEquals(Set.of(40001, 40002), taken);
    }

    @Test
    void aProbeThatNeverGivesANewPort_isReportedNotLoopedOnForever() {
        Set<Integer> taken = new HashSet<>(Set.of(40001));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Cluster.distinctPort(taken, () -> 40001));
        assertEquals("no loopback port distinct from [40001] after 100 tries", e.getMessage());
    }
}
