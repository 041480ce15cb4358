package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class LsnProperties {

    @Property
    void parseInvertsToString(@ForAll long value) {
        Lsn lsn = Lsn.of(value);
        assertEquals(lsn, Lsn.parse(lsn.toString()));
        assertTrue(lsn.toString().matches("[0-9A-F]{1,8}/[0-9A-F]{1,8}"), lsn.toString());
    }

    @Property
    void parseAcceptsLowerCaseAndPadding(@ForAll long value) {
        String hi = Long.toHexString(value >>> 32);
        String lo = String.format("%08x", value & 0xFFFF_FFFFL);
        assertEquals(Lsn.of(value), Lsn.parse(hi + "/" + lo));
    }

    @Property
    void orderingIsUnsigned(@ForAll long a, @ForAll long b) {
        assertEquals(Integer.signum(Long.compareUnsigned(a, b)), Integer.signum(Lsn.of(a).compareTo(Lsn.of(b))));
    }

    @Property
    void plusCarriesIntoTheHighHalf(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long lo,
                                    @ForAll @LongRange(min = 0, max = 0xFFFF_FFFEL) long hi,
                                    @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long bytes) {
        Lsn start = Lsn.of((hi << 32) | lo);
        Lsn end = start.plus(bytes);
        assertEquals(start.value() + bytes, end.value());
        assertEquals(bytes, end.minus(start));
        assertTrue(!end.isBefore(start));
    }

    @Example
    void plusCarries_example() {
        assertEquals("1/0", Lsn.parse("0/FFFFFFFF").plus(1).toString());
        assertEquals("16/B374D848", Lsn.parse("16/B374D800").plus(0x48).toString());
    }

    @Example
    void plusPastTheEnd_throws() {
        assertThrows(ArithmeticException.class, () -> Lsn.parse("FFFFFFFF/FFFFFFFF").plus(1));
    }

    @Provide
    Arbitrary<String> malformed() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "/", "0/", "/0", "0", "16B374D848", "1/2/3", "G/0", "0/-1", " 0/1", "0/1 ", "0x1/2"),
                // a half over 32 bits
                Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(9).map(h -> h + "/0"),
                Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(9).map(l -> "0/" + l));
    }

    @Property
    void rejectsMalformed_quotingTheInput(@ForAll("malformed") String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Lsn.parse(text));
        Messages.assertMentions(e, "Lsn", "'" + text + "'");
    }

    @Example
    void wireExamples() {
        assertEquals(0x16_B374_D848L, Lsn.parse("16/B374D848").value());
        assertEquals("0/1520CF8", Lsn.parse("0/01520cf8").toString());
        assertEquals("0/0", Lsn.ZERO.toString());
    }
}
