package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class IdProperties {

    @Provide
    Arbitrary<String> hex32() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(32);
    }

    @Provide
    Arbitrary<String> notHex32() {
        Arbitrary<String> wrongLength = Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(0).ofMaxLength(40)
                .filter(s -> s.length() != 32);
        Arbitrary<String> badChar = Arbitraries.strings().withChars("0123456789abcdef").ofLength(31)
                .flatMap(s -> Arbitraries.chars().filter(c -> Character.digit(c, 16) < 0)
                        .flatMap(c -> Arbitraries.integers().between(0, 31).map(i -> s.substring(0, i) + c + s.substring(i))));
        return Arbitraries.oneOf(wrongLength, badChar);
    }

    @Property
    void tenantId_parseInvertsToString(@ForAll("hex32") String hex) {
        TenantId id = TenantId.parse(hex);
        assertEquals(hex.toLowerCase(Locale.ROOT), id.toString());
        assertEquals(id, TenantId.parse(id.toString()));
        assertEquals(id, TenantId.parse(hex.toUpperCase(Locale.ROOT)));
    }

    @Property
    void timelineId_parseInvertsToString(@ForAll("hex32") String hex) {
        TimelineId id = TimelineId.parse(hex);
        assertEquals(id, TimelineId.parse(id.toString()));
        assertTrue(id.toString().matches("[0-9a-f]{32}"));
    }

    @Property
    void tenantId_rejectsMalformed_quotingTheInput(@ForAll("notHex32") String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> TenantId.parse(text));
        Messages.assertMentions(e, "TenantId", "32 hex digits", "'" + text + "'");
    }

    @Property(tries = 50)
    void generate_givesDistinctCanonicalIds(@ForAll @IntRange(min = 1, max = 3) int unused) {
        TenantId a = TenantId.generate();
        TenantId b = TenantId.generate();
        assertTrue(!a.equals(b));
        assertTrue(a.toString().matches("[0-9a-f]{32}"));
        assertTrue(TimelineId.generate().toString().matches("[0-9a-f]{32}"));
    }

    @Property
    void nodeId_parseInvertsToString(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
        NodeId id = NodeId.of(n);
        assertEquals(id, NodeId.parse(id.toString()));
    }

    @Property
    void nodeId_rejectsNegative(@ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long n) {
        var e = assertThrows(IllegalArgumentException.class, () -> NodeId.of(n));
        Messages.assertMentions(e, "NodeId", Long.toString(n));
    }

    @Property
    void nodeId_orderingFollowsTheNumber(@ForAll @LongRange(min = 0) long a, @ForAll @LongRange(min = 0) long b) {
        assertEquals(Integer.signum(Long.compare(a, b)), Integer.signum(NodeId.of(a).compareTo(NodeId.of(b))));
    }

    @Property
    void generation_acceptsExactlyUnsigned32(@ForAll long n) {
        if (n >= 0 && n < 0xFFFF_FFFFL) {
            assertEquals(n, Generation.of(n).value());
            assertEquals(n + 1, Generation.of(n).next().value());
        } else if (n == 0xFFFF_FFFFL) {
            assertThrows(IllegalArgumentException.class, () -> Generation.of(n).next());
        } else {
            var e = assertThrows(IllegalArgumentException.class, () -> Generation.of(n));
            Messages.assertMentions(e, "Generation", Long.toString(n));
        }
    }
}
