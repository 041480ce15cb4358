package io.neonclient.core;

/**
 * No usable HTTP answer: connection refused or reset, a timeout, a truncated or malformed response, or
 * the calling thread was interrupted (the interrupt flag is then set again).
 */
public final class TransportException extends NeonException {
    private static final long serialVersionUID = 1L;

    /** Public for sibling modules' transports; applications only catch it. */
    public TransportException(Operation operation, String what, int attempts, Throwable cause) {
        super(operation + " failed: " + what + " after " + plural(attempts, "attempt"), operation, attempts, cause);
    }

    /** True when the request or connection timed out. */
    public boolean isTimeout() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
