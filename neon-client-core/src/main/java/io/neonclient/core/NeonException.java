package io.neonclient.core;

/**
 * Root of every exception neon-client throws for a failed call or wait. Unchecked and sealed: an
 * {@link ApiException} (the server answered with an error status), a {@link TransportException} (no usable
 * answer), a {@link ProtocolException} (an answer the SDK cannot read) or a {@link WaitException}.
 * Messages name the operation, status, server message and attempts on one line, and never a token.
 */
public abstract sealed class NeonException extends RuntimeException
        permits ApiException, TransportException, ProtocolException, WaitException {
    private static final long serialVersionUID = 1L;

    private final Operation operation;
    private final int attempts;

    NeonException(String message, Operation operation, int attempts, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.attempts = attempts;
    }

    /** The call that failed, e.g. {@code GET /control/v1/tenant/{tenant_id}}; null for waits not tied to one call. */
    public Operation operation() {
        return operation;
    }

    /** How many times the request was sent (1 when it was not retried); for waits, the number of polls. */
    public int attempts() {
        return attempts;
    }

    static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
