package io.neonclient.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gives the bearer token to send for a request that needs a {@link Scope}. Called for every attempt, so
 * an implementation may rotate tokens; return empty to send no {@code Authorization} header.
 */
@FunctionalInterface
public interface TokenProvider {

    Optional<BearerToken> tokenFor(Scope scope);

    /**
     * Sends no tokens (a cluster started without auth, as {@code neon_local} and the testkit do by default). Always the
     * same instance, so {@link ClientConfig#toString()} can say {@code tokens=<none>}.
     */
    static TokenProvider none() {
        return NoTokens.INSTANCE;
    }

    /** The same token for every scope, e.g. an {@code admin} token for the storage controller. */
    static TokenProvider of(String token) {
        BearerToken t = BearerToken.of(token);
        return scope -> Optional.of(t);
    }

    /**
     * One token per scope, matched exactly; scopes not in the map send no token.
     *
     * @throws IllegalArgumentException if a token is blank
     */
    static TokenProvider perScope(Map<Scope, String> tokens) {
        Map<Scope, BearerToken> copy = new EnumMap<>(Scope.class);
        tokens.forEach((scope, token) -> copy.put(scope, BearerToken.of(token)));
        return scope -> Optional.ofNullable(copy.get(scope));
    }

    /** This provider, falling back to {@code other} for scopes it has no token for. */
    default TokenProvider orElse(TokenProvider other) {
        return scope -> tokenFor(scope).or(() -> other.tokenFor(scope));
    }
}
