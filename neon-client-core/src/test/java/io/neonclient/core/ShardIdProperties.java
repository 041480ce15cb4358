package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ShardIdProperties {
    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");

    @Provide
    Arbitrary<ShardIndex> indexes() {
        Arbitrary<ShardIndex> sharded = Arbitraries.integers().between(1, 255)
                .flatMap(count -> Arbitraries.integers().between(0, count - 1).map(n -> ShardIndex.of(n, count)));
        return Arbitraries.oneOf(sharded, Arbitraries.just(ShardIndex.UNSHARDED));
    }

    @Provide
    Arbitrary<TenantShardId> shardIds() {
        return Combinators.combine(Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).map(TenantId::parse), indexes())
                .as(TenantShardId::of);
    }

    @Property
    void shardIndex_parseInvertsToString(@ForAll("indexes") ShardIndex index) {
        assertEquals(index, ShardIndex.parse(index.toString()));
        assertEquals(String.format("%02x%02x", index.number(), index.count()), index.toString());
    }

    @Property
    void tenantShardId_parseInvertsToString(@ForAll("shardIds") TenantShardId id) {
        assertEquals(id, TenantShardId.parse(id.toString()));
        assertEquals(id.shardIndex().isUnsharded() ? 32 : 37, id.toString().length());
    }

    @Property
    void shardIndex_rejectsNumberNotBelowCount(@ForAll @IntRange(min = 1, max = 255) int count,
                                               @ForAll @IntRange(min = 0, max = 255) int number) {
        if (number < count) {
            assertEquals(number, ShardIndex.of(number, count).number());
        } else {
            var e = assertThrows(IllegalArgumentException.class, () -> ShardIndex.of(number, count));
            Messages.assertMentions(e, "below the count", Integer.toString(number));
            String text = TENANT + "-" + String.format("%02x%02x", number, count);
            assertThrows(IllegalArgumentException.class, () -> TenantShardId.parse(text));
        }
    }

    @Provide
    Arbitrary<String> malformed() {
        return Arbitraries.of(
                "", TENANT + "-", TENANT + "-01", TENANT + "-010203", TENANT + "_0102", TENANT + "-0x02",
                TENANT + "-0000", TENANT.toString().substring(1), TENANT + "0102", " " + TENANT, TENANT + "-zz02");
    }

    @Property
    void tenantShardId_rejectsAnythingElse_quotingIt(@ForAll("malformed") String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> TenantShardId.parse(text));
        assertTrue(e.getMessage().contains(text.length() > 80 ? text.substring(0, 10) : text) || e.getMessage().contains("'"),
                e.getMessage());
    }

    @Example
    void wireExamples() {
        TenantShardId s = TenantShardId.parse(TENANT + "-0102");
        assertEquals(TENANT, s.tenantId());
        assertEquals(1, s.shardNumber());
        assertEquals(2, s.shardCount());
        assertFalse(s.isShardZero());
        assertEquals(TENANT.toString(), TenantShardId.unsharded(TENANT).toString());
        assertEquals(TenantShardId.parse(TENANT + "-0001"), TenantShardId.of(TENANT, ShardIndex.of(0, 1)));
        assertTrue(!TenantShardId.parse(TENANT + "-0001").equals(TenantShardId.unsharded(TENANT)),
                "count 1 is not the legacy unsharded layout");
        assertEquals("0304", ShardIndex.of(3, 4).toString());
        assertEquals(TenantShardId.parse(TENANT + "-0a10"), TenantShardId.parse(TENANT.toString().toUpperCase() + "-0A10"));
    }
}
