package io.neonclient.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.Checks;

/**
 * How many consecutive 8 KiB pages go to one shard before the next takes over. The wire unit is
 * <em>pages</em>, not bytes (mirrors {@code ShardStripeSize(u32)} in upstream {@code libs/utils/src/shard.rs};
 * default 2048 pages = 16 MiB).
 *
 * @param pages the stripe in 8 KiB pages, 1 to 2^32-1
 */
public record StripeSize(@JsonValue long pages) {

    /** One Postgres page. */
    public static final int PAGE_BYTES = 8192;

    /** Upstream's {@code DEFAULT_STRIPE_SIZE}: 2048 pages, 16 MiB. */
    public static final StripeSize DEFAULT = new StripeSize(2048);

    public StripeSize {
        Checks.unsigned32("StripeSize pages", pages);
        if (pages == 0) {
            throw new IllegalArgumentException("StripeSize pages must be > 0 (the unit is 8 KiB pages)");
        }
    }

    @JsonCreator
    public static StripeSize ofPages(long pages) {
        return new StripeSize(pages);
    }

    /** From a size in bytes, which must be a whole number of 8 KiB pages. */
    public static StripeSize ofBytes(long bytes) {
        if (bytes <= 0 || bytes % PAGE_BYTES != 0) {
            throw new IllegalArgumentException("StripeSize bytes must be a positive multiple of 8192, got " + bytes);
        }
        return new StripeSize(bytes / PAGE_BYTES);
    }

    /** The stripe in bytes. */
    public long bytes() {
        return pages * PAGE_BYTES;
    }

    /** True when the page count is a power of two, as every stripe size upstream uses is. */
    public boolean isPowerOfTwo() {
        return Long.bitCount(pages) == 1;
    }

    @Override
    public String toString() {
        return pages + " pages";
    }
}
