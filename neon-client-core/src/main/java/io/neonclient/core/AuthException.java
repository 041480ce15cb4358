package io.neonclient.core;

/** 401 (no or malformed {@code Authorization} header) or 403 (bad token, or a scope this endpoint does not accept). Neon scopes match exactly; see {@link Scope}. */
public final class AuthException extends ApiException {
    private static final long serialVersionUID = 1L;

    AuthException(Operation operation, int status, String serverMessage, int attempts) {
        super(operation, status, serverMessage, attempts);
    }
}
