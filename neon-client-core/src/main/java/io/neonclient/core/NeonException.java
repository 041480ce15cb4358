package io.neonclient.core;

/**
 * Root of every exception neon-client throws for a failed call, wait or recipe. Unchecked and sealed: an
 * {@link ApiException} (the server answered with an error status), a {@link TransportException} (no usable
 * answer), a {@link ProtocolException} (an answer the SDK cannot read), a {@link WaitException} or a
 * {@link RecipeFailedException} (a recipe stopped at a step, saying how to continue).
 * Messages name the operation, status, server message and attempts on one line, and never a token.
 */
public abstract sealed class NeonException extends RuntimeException
        permits ApiException, TransportException, ProtocolException, WaitException, RecipeFailedException {
    private static final long serialVersionUID = 1L;

    private final Operation operation;
    private final int attempts;

    NeonException(String message, Operation operation, int attempts, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.attempts = attempts;
    }

    /**
     * The call that failed, e.g. {@code GET /control/v1/tenant/{tenant_id}}; null for waits not tied to one call and
     * for recipe failures whose cause was not a call.
     */
    public Operation operation() {
        return operation;
    }

    /**
     * How many times the request was sent (1 when it was not retried); for waits, the number of polls; for a recipe
     * failure, its cause's count (0 when the cause was not a call or wait).
     */
    public int attempts() {
        return attempts;
    }

    static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
