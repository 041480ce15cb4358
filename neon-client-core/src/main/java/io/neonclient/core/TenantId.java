package io.neonclient.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.Checks;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A Neon tenant id: 32 hex digits, printed lower case (mirrors {@code TenantId} in upstream
 * {@code libs/utils/src/id.rs}). {@link #toString()} is the wire form.
 *
 * @param hex the 32 lower-case hex digits
 */
public record TenantId(String hex) {
    /** Made on first {@code generate()}: seeding a SecureRandom costs a short command ~15 ms that parsing ids never needs. */
    private static final class Random {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** Validates and normalises to lower case; throws {@link IllegalArgumentException} naming the bad input. */
    public TenantId {
        hex = Checks.hexId("TenantId", hex, 32);
    }

    /** Parses 32 hex digits in either case. */
    @JsonCreator
    public static TenantId parse(String text) {
        return new TenantId(text);
    }

    /** A new random id, as {@code neon_local} and the control plane generate them. */
    public static TenantId generate() {
        byte[] bytes = new byte[16];
        Random.RANDOM.nextBytes(bytes);
        return new TenantId(HexFormat.of().formatHex(bytes));
    }

    /** The wire form: 32 lower-case hex digits. */
    @JsonValue
    @Override
    public String toString() {
        return hex;
    }
}
