package io.neonclient.core;

/**
 * The server answered, but not in a form the SDK can read: a body that is not the expected JSON (the
 * message names the field), or one larger than the configured cap. Usually a version mismatch between
 * the SDK and the server, or a request sent to the wrong component.
 */
public final class ProtocolException extends NeonException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** Public for sibling modules' transports; applications only catch it. */
    public ProtocolException(Operation operation, int status, String what, int attempts, Throwable cause) {
        super(operation + " answered " + status + " with a body neon-client cannot read: " + what
                + " after " + plural(attempts, "attempt"), operation, attempts, cause);
        this.status = status;
    }

    /** The HTTP status of the unreadable answer. */
    public int status() {
        return status;
    }
}
