package io.neonclient.core;

/** 409: the operation conflicts with the current state (scheduling impossible, an operation already running, a tenant that is Detached for a timeline operation, …). */
public final class ConflictException extends ApiException {
    private static final long serialVersionUID = 1L;

    ConflictException(Operation operation, int status, String serverMessage, int attempts) {
        super(operation, status, serverMessage, attempts);
    }
}
