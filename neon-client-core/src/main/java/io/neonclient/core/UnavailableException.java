package io.neonclient.core;

/** 503, 429 or 408: the server could not do it now (not leader, shard not yet attached, busy, a bounded wait expired). Retried automatically on calls safe to repeat; {@link #attempts()} says how often. */
public final class UnavailableException extends ApiException {
    private static final long serialVersionUID = 1L;

    UnavailableException(Operation operation, int status, String serverMessage, int attempts) {
        super(operation, status, serverMessage, attempts);
    }
}
