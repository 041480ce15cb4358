package io.neonclient.core;

import java.util.Optional;

/** The one {@link TokenProvider#none()}: an interface cannot hold a private constant, so it lives here. */
final class NoTokens implements TokenProvider {
    static final NoTokens INSTANCE = new NoTokens();

    private NoTokens() {}

    @Override
    public Optional<BearerToken> tokenFor(Scope scope) {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "TokenProvider.none()";
    }
}
