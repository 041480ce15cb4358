package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void format_matchesHumantimeOutput() {
        assertEquals("0s", HumanDuration.format(Duration.ZERO));
        assertEquals("7days", HumanDuration.format(Duration.ofDays(7)));
        assertEquals("1day", HumanDuration.format(Duration.ofDays(1)));
        assertEquals("1h 30m", HumanDuration.format(Duration.ofMinutes(90)));
        assertEquals("20s", HumanDuration.format(Duration.ofSeconds(20)));
        assertEquals("1s 500ms", HumanDuration.format(Duration.ofMillis(1500)));
        assertEquals("1year", HumanDuration.format(Duration.ofSeconds(31_557_600)));
        assertEquals("1month 1day 13h 26m 24s", HumanDuration.format(Duration.ofDays(32)));
    }

    @Test
    void format_roundTripsThroughCoreParser() {
        for (Duration d : new Duration[] {Duration.ofDays(7), Duration.ofMinutes(90), Duration.ofDays(400), Duration.ofNanos(1_234_567_891)}) {
            assertEquals(d, HumanDuration.parse(HumanDuration.format(d)));
        }
    }
}
