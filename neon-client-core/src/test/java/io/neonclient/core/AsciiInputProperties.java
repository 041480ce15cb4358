package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Neon's grammar is ASCII (upstream parses ids with {@code hex::decode} and numbers with {@code u64::from_str}), while
 * Java's {@code Character.digit} and {@code Long.parseLong} also take fullwidth ({@code ３}), Arabic-Indic ({@code ٣})
 * and other scripts' digits. Every parser must refuse them, naming the type, before anything could be sent.
 */
class AsciiInputProperties {

    /** Characters Java reads as a digit (decimal or hex) that are not ASCII. */
    @Provide
    Arbitrary<Character> nonAsciiDigit() {
        return Arbitraries.of('\u0663', '\u06F3', '\u0969', '\uFF13', '\uFF41', '\uFF21', '\u1D7F', '\uFF46', '\u0E53', '\u17E3');
    }

    private static void refused(String what, Function<String, ?> parse, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse.apply(text), text);
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    private static String replaceAt(String s, int i, char c) {
        return s.substring(0, i) + c + s.substring(i + 1);
    }

    @Property
    void idsRefuseNonAsciiHexDigits(@ForAll("nonAsciiDigit") char c, @ForAll("position") int at) {
        String hex = "99336152a31c64b41034e4e904629ce9";
        refused("TenantId", TenantId::parse, replaceAt(hex, at, c));
        refused("TimelineId", TimelineId::parse, replaceAt(hex, at, c));
        refused("TenantId", TenantShardId::parse, replaceAt(hex, at, c) + "-0102"); // names the part that is wrong
        refused("ShardIndex", TenantShardId::parse, hex + "-01" + c + "2");
        refused("ShardIndex", ShardIndex::parse, "01" + c + "2");
    }

    @Provide
    Arbitrary<Integer> position() {
        return Arbitraries.integers().between(0, 31);
    }

    @Property
    void numbersRefuseNonAsciiDigits(@ForAll("nonAsciiDigit") char c) {
        refused("NodeId", NodeId::parse, "1" + c);
        refused("NodeId", NodeId::parse, String.valueOf(c));
        refused("Lsn", Lsn::parse, "16/B374D84" + c);
        refused("Lsn", Lsn::parse, c + "/0");
        refused("duration", HumanDuration::parse, "1" + c + "s");
        refused("PlacementPolicy", PlacementPolicy::parse, "Attached(" + c + ")");
    }

    @Property
    void asciiFormsStillParse(@ForAll("position") int n) {
        assertTrue(NodeId.parse(Integer.toString(n)).value() == n);
        assertTrue(PlacementPolicy.parse("Attached(" + (n % 4) + ")") instanceof PlacementPolicy.Attached);
        assertTrue(HumanDuration.parse(n + "s").getSeconds() == n);
    }
}
