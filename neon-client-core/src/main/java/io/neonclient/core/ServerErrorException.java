package io.neonclient.core;

/** 500 and other 5xx: the server failed. Neon also reports some precondition failures as 500 (time travel on a tenant that is not detached). */
public final class ServerErrorException extends ApiException {
    private static final long serialVersionUID = 1L;

    ServerErrorException(Operation operation, int status, String serverMessage, int attempts) {
        super(operation, status, serverMessage, attempts);
    }
}
