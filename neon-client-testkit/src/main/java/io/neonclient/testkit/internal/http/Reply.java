package io.neonclient.testkit.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;

/** An HTTP answer: status, body bytes and content type (null for an empty body). */
public record Reply(int status, byte[] body, String contentType) {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** {@code status} with {@code value} as JSON. */
    public static Reply json(int status, Object value) {
        try {
            return new Reply(status, Json.MAPPER.writeValueAsBytes(value), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode reply: " + e.getOriginalMessage(), e);
        }
    }

    public static Reply ok(Object value) {
        return json(200, value);
    }

    /** {@code 200} with the JSON text {@code null}: upstream's answer for handlers returning {@code ()}. */
    public static Reply nullBody() {
        return new Reply(200, NULL, "application/json");
    }

    public static Reply nullBody(int status) {
        return new Reply(status, NULL, "application/json");
    }

    /** An empty body (e.g. safekeeper upsert's 204). */
    public static Reply empty(int status) {
        return new Reply(status, new byte[0], null);
    }

    public static Reply text(int status, String text) {
        return new Reply(status, text.getBytes(StandardCharsets.UTF_8), "text/plain");
    }
}
