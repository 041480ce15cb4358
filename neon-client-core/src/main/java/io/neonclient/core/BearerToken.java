package io.neonclient.core;

/**
 * A bearer token. Its {@link #toString()} never shows the value, so it is safe in logs and messages.
 *
 * @param value the token text as sent after {@code Bearer }
 */
public record BearerToken(String value) {

    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public BearerToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("bearer token must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                // a newline here would let a token split the header block
                throw new IllegalArgumentException("bearer token must be printable ASCII without spaces (character " + i + ")");
            }
        }
    }

    /** The same as the constructor: refuses a blank token, or one with spaces or non-ASCII characters. */
    public static BearerToken of(String value) {
        return new BearerToken(value);
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
