package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ValueProperties {

    @Property
    void placementPolicy_parseInvertsToString(@ForAll @IntRange(min = 0, max = 255) int n) {
        for (PlacementPolicy p : new PlacementPolicy[] {PlacementPolicy.attached(n), PlacementPolicy.secondary(), PlacementPolicy.detached()}) {
            assertEquals(p, PlacementPolicy.parse(p.toString()));
            assertEquals(p, PlacementPolicy.fromJson(p.toJson()));
        }
    }

    @Example
    void placementPolicy_rejectsBareAttached() {
        var e = assertThrows(IllegalArgumentException.class, () -> PlacementPolicy.fromJson("Attached"));
        Messages.assertMentions(e, "PlacementPolicy", "Attached");
        assertThrows(IllegalArgumentException.class, () -> PlacementPolicy.attached(-1));
        assertThrows(IllegalArgumentException.class, () -> PlacementPolicy.parse("attached(1)"));
    }

    @Property
    void stripeSize_bytesArePagesTimes8KiB(@ForAll @LongRange(min = 1, max = 0xFFFF_FFFFL) long pages) {
        StripeSize s = StripeSize.ofPages(pages);
        assertEquals(pages * 8192, s.bytes());
        assertEquals(s, StripeSize.ofBytes(s.bytes()));
    }

    @Example
    void stripeSize_rejectsZeroAndPartialPages() {
        Messages.assertMentions(assertThrows(IllegalArgumentException.class, () -> StripeSize.ofPages(0)), "pages", "> 0");
        Messages.assertMentions(assertThrows(IllegalArgumentException.class, () -> StripeSize.ofBytes(1000)), "8192", "1000");
        assertEquals(16L << 20, StripeSize.DEFAULT.bytes());
        assertTrue(!StripeSize.ofPages(65558).isPowerOfTwo(), "the runbook's 65558 is not a power of two");
    }

    @Property
    void rfc3339_parseInvertsFormat(@ForAll @LongRange(min = 0, max = 253402300799L) long seconds,
                                    @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        String text = Rfc3339.format(t);
        assertEquals(t, Rfc3339.parse(text));
        assertTrue(text.endsWith("Z") && !text.contains("+"), text);
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), text);
    }

    @Example
    void rfc3339_examples() {
        assertEquals("2024-05-01T12:00:00Z", Rfc3339.format(Instant.parse("2024-05-01T12:00:00Z")));
        assertEquals("2024-05-01T12:00:00Z", Rfc3339.formatSeconds(Instant.parse("2024-05-01T12:00:00.999Z")));
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), Rfc3339.parse("2024-05-01T12:00:00+00:00"));
        assertEquals(Instant.parse("2025-06-01T10:00:00.123456Z"), Rfc3339.parse("2025-06-01T10:00:00.123456Z"));
        Messages.assertMentions(assertThrows(IllegalArgumentException.class, () -> Rfc3339.parse("2024-05-01 12:00")), "2024-05-01 12:00");
        assertThrows(IllegalArgumentException.class, () -> Rfc3339.format(Instant.parse("1969-12-31T23:59:59Z")));
    }

    @Property
    void humanDuration_parseInvertsFormat(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertEquals(d, HumanDuration.parse(HumanDuration.format(d)));
    }

    @Example
    void humanDuration_readsHumantimeOutput() {
        assertEquals(Duration.ofDays(7), HumanDuration.parse("7days"));
        assertEquals(Duration.ofMinutes(90), HumanDuration.parse("1h 30m"));
        assertEquals("1h 30m", HumanDuration.format(Duration.ofMinutes(90)));
        assertEquals("7days", HumanDuration.format(Duration.ofDays(7)), "humantime's own output");
        assertEquals("1day 2h", HumanDuration.format(Duration.ofHours(26)));
        assertEquals("1year", HumanDuration.format(Duration.ofSeconds(31_557_600)));
        assertEquals("20s", HumanDuration.format(Duration.ofSeconds(20)));
        assertEquals(Duration.ofMillis(500), HumanDuration.parse("500ms"));
        Messages.assertMentions(assertThrows(IllegalArgumentException.class, () -> HumanDuration.parse("5 parsecs")), "5 parsecs");
        assertThrows(IllegalArgumentException.class, () -> HumanDuration.format(Duration.ofSeconds(-1)));
    }

    @Example
    void bearerToken_neverPrintsItsValue() {
        BearerToken t = BearerToken.of("eyJhbGciOiJFZERTQSJ9.secret.sig");
        assertTrue(!t.toString().contains("secret"), t.toString());
        assertThrows(IllegalArgumentException.class, () -> BearerToken.of("two words"));
        assertThrows(IllegalArgumentException.class, () -> BearerToken.of("line\nbreak"));
    }
}
