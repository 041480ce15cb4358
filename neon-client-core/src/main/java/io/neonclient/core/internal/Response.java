package io.neonclient.core.internal;

import java.net.http.HttpHeaders;

/**
 * A successful (2xx) answer.
 *
 * @param status   the status code
 * @param body     the raw body, empty for none
 * @param headers  response headers
 * @param attempts how many times the request was sent
 */
public record Response(int status, byte[] body, HttpHeaders headers, int attempts) {

    /** True when the body is empty or the JSON text {@code null}. */
    public boolean isNullBody() {
        if (body.length == 0) {
            return true;
        }
        String s = new String(body, java.nio.charset.StandardCharsets.US_ASCII).strip();
        return s.isEmpty() || s.equals("null");
    }
}
