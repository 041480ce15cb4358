package io.neonclient.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.Checks;

/**
 * Which shard of how many: printed {@code %02x%02x} (number, count), e.g. {@code "0102"} is shard 1 of 2
 * (mirrors {@code ShardIndex} in upstream {@code libs/utils/src/shard.rs}). Count 0 is the legacy
 * unsharded layout, {@code "0000"}; it is not the same as count 1.
 *
 * @param number the shard number, 0..count-1 (0 when unsharded)
 * @param count  the shard count, 0..255 (0 = unsharded)
 */
public record ShardIndex(int number, int count) {

    /** The legacy unsharded index, {@code "0000"}. */
    public static final ShardIndex UNSHARDED = new ShardIndex(0, 0);

    public ShardIndex {
        if (count < 0 || count > 255) {
            throw new IllegalArgumentException("ShardIndex count must be 0..255, got " + count);
        }
        if (number < 0 || number > 255) {
            throw new IllegalArgumentException("ShardIndex number must be 0..255, got " + number);
        }
        if (count == 0 ? number != 0 : number >= count) {
            throw new IllegalArgumentException("ShardIndex number must be below the count (" + count + "), got " + number);
        }
    }

    public static ShardIndex of(int number, int count) {
        return new ShardIndex(number, count);
    }

    /** Parses exactly four lower- or upper-case hex digits, {@code NNCC}. */
    @JsonCreator
    public static ShardIndex parse(String text) {
        Checks.notNull("ShardIndex", text);
        if (text.length() != 4) {
            throw new IllegalArgumentException("ShardIndex needs 4 hex digits NNCC (number, count), got '" + Checks.abbreviate(text) + "'");
        }
        String hex = Checks.hexId("ShardIndex", text, 4);
        return new ShardIndex(Checks.hexDigit(hex.charAt(0)) << 4 | Checks.hexDigit(hex.charAt(1)),
                Checks.hexDigit(hex.charAt(2)) << 4 | Checks.hexDigit(hex.charAt(3)));
    }

    /** True for the legacy layout (count 0), whose shard ids are bare tenant ids. */
    public boolean isUnsharded() {
        return count == 0;
    }

    /** The wire form {@code NNCC}. */
    @JsonValue
    @Override
    public String toString() {
        return String.format("%02x%02x", number, count);
    }
}
