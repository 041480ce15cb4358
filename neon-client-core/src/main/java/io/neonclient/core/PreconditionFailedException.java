package io.neonclient.core;

/** 412: a precondition did not hold (migration to an unavailable node, another node operation in progress, a compute that is busy configuring, …). */
public final class PreconditionFailedException extends ApiException {
    private static final long serialVersionUID = 1L;

    PreconditionFailedException(Operation operation, int status, String serverMessage, int attempts) {
        super(operation, status, serverMessage, attempts);
    }
}
