package io.neonclient.core;

import java.util.Optional;

/**
 * 401 (no or malformed {@code Authorization} header) or 403 (bad token, or a scope this endpoint does not accept).
 * Neon scopes match exactly; see {@link Scope}. {@link #scope()} names the scope the client asked its
 * {@link TokenProvider} for, and {@link #tokenSent()} whether the provider had a token for it, so a tool can say which
 * token to set or fix without ever seeing one.
 */
public final class AuthException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final Scope scope;
    private final boolean tokenSent;

    AuthException(Operation operation, int status, String serverMessage, int attempts, Scope scope, boolean tokenSent) {
        super(operation, status, serverMessage, attempts);
        this.scope = scope;
        this.tokenSent = tokenSent;
    }

    /** The scope of the route's token as the client sends it; empty for a call made without one (or a receiver's own check). */
    public Optional<Scope> scope() {
        return Optional.ofNullable(scope);
    }

    /** Whether an {@code Authorization} header was sent: false means no token was configured for {@link #scope()}. */
    public boolean tokenSent() {
        return tokenSent;
    }
}
