package io.neonclient.testkit.internal.http;

/**
 * An error answer. Storage components render it as {@code {"msg": …}} with upstream's prefixes
 * (libs/http-utils/src/error.rs, {@code ApiError}); compute_ctl renders {@code {"error": …}}.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean nullBody;

    private HttpError(int status, String message, boolean nullBody) {
        super(message, null, false, false);
        this.status = status;
        this.nullBody = nullBody;
    }

    public int status() {
        return status;
    }

    /** True when the answer's body is the JSON text {@code null} instead of an error object. */
    public boolean nullBody() {
        return nullBody;
    }

    public static HttpError badRequest(String msg) {
        return new HttpError(400, msg, false);
    }

    public static HttpError notFound(String msg) {
        return new HttpError(404, "NotFound: " + msg, false);
    }

    public static HttpError conflict(String msg) {
        return new HttpError(409, "Conflict: " + msg, false);
    }

    public static HttpError precondition(String msg) {
        return new HttpError(412, "Precondition failed: " + msg, false);
    }

    public static HttpError internal(String msg) {
        return new HttpError(500, msg, false);
    }

    public static HttpError unavailable(String msg) {
        return new HttpError(503, msg, false);
    }

    public static HttpError timeout(String msg) {
        return new HttpError(408, msg, false);
    }

    public static HttpError unauthorized(String msg) {
        return new HttpError(401, "Unauthorized: " + msg, false);
    }

    public static HttpError forbidden() {
        return new HttpError(403, "Forbidden: JWT authentication error", false);
    }

    /** A status with its message as given (used for compute_ctl and pass-through statuses). */
    public static HttpError of(int status, String msg) {
        return new HttpError(status, msg, false);
    }

    /** A status whose body is JSON {@code null} (e.g. timeline delete's 409 while still deleting). */
    public static HttpError withNullBody(int status) {
        return new HttpError(status, "", true);
    }
}
