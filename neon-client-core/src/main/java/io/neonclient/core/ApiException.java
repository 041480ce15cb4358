package io.neonclient.core;

/**
 * The server answered with an error status. Subtypes follow the status family; {@link #status()} has the
 * exact code and {@link #serverMessage()} the server's {@code msg} (storage components) or {@code error}
 * (compute_ctl) text.
 */
public abstract sealed class ApiException extends NeonException
        permits BadRequestException, AuthException, NotFoundException, ConflictException,
                PreconditionFailedException, UnavailableException, ServerErrorException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String serverMessage;

    ApiException(Operation operation, int status, String serverMessage, int attempts) {
        super(format(operation, status, serverMessage, attempts), operation, attempts, null);
        this.status = status;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
    }

    private static String format(Operation operation, int status, String serverMessage, int attempts) {
        String msg = serverMessage == null || serverMessage.isEmpty() ? "(no message)" : "\"" + serverMessage + "\"";
        return operation + " failed: " + status + " " + reason(status) + ": " + msg + " after " + plural(attempts, "attempt");
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The server's error text ({@code msg} or {@code error} of the body, or the plain-text body); may be empty. */
    public String serverMessage() {
        return serverMessage;
    }

    /**
     * Maps a status to the exception of its family. Public for sibling modules' transports and for
     * compute-hook receivers; not something applications need.
     */
    public static ApiException of(Operation operation, int status, String serverMessage, int attempts) {
        return of(operation, status, serverMessage, attempts, null, false);
    }

    /**
     * As {@link #of(Operation, int, String, int)}, recording for a 401/403 the token scope the call used (null when none)
     * and whether a token was sent.
     */
    public static ApiException of(Operation operation, int status, String serverMessage, int attempts, Scope scope, boolean tokenSent) {
        return switch (status) {
            case 401, 403 -> new AuthException(operation, status, serverMessage, attempts, scope, tokenSent);
            case 404 -> new NotFoundException(operation, status, serverMessage, attempts);
            case 409 -> new ConflictException(operation, status, serverMessage, attempts);
            case 412 -> new PreconditionFailedException(operation, status, serverMessage, attempts);
            case 408, 429, 503 -> new UnavailableException(operation, status, serverMessage, attempts);
            default -> status >= 500
                    ? new ServerErrorException(operation, status, serverMessage, attempts)
                    : new BadRequestException(operation, status, serverMessage, attempts);
        };
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 423 -> "Locked";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
