package io.neonclient.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MilliCpuTest {

    @Test
    void parse_readsNeonVmsSpellings() {
        assertEquals(2000, MilliCpu.parse("2").millis());
        assertEquals(500, MilliCpu.parse("0.5").millis());
        assertEquals(1000, MilliCpu.parse("1.").millis());
        assertEquals(250, MilliCpu.parse("250m").millis());
    }

    @Test
    void toString_printsWholeCpusAsIntegersAndTheRestInMillis() {
        assertEquals("2", MilliCpu.ofCpus(2).toString());
        assertEquals("1500m", new MilliCpu(1500).toString());
        for (String s : new String[] {"0", "3", "250m", "1250m"}) {
            assertEquals(s, MilliCpu.parse(s).toString());
        }
    }

    @Test
    void parse_refusesWhatTheCrdPatternRefuses() {
        assertEquals("MilliCpu needs a CPU amount like 2, 0.5 or 500m, got '-1'",
                assertThrows(IllegalArgumentException.class, () -> MilliCpu.parse("-1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MilliCpu.parse("2Gi"));
        assertThrows(IllegalArgumentException.class, () -> MilliCpu.parse("0.0005"));
        assertThrows(IllegalArgumentException.class, () -> new MilliCpu(-1));
    }
}
