package io.neonclient.samples;

import io.neonclient.core.AuthException;
import io.neonclient.core.Scope;
import io.neonclient.core.TransportException;
import java.util.Optional;

/** What to do about a failure, said in the CLI's terms (flags and environment variables), derived from the failure itself. */
final class Advice {
    private Advice() {}

    /** The environment variable {@code neon-ops} reads a scope's token from. */
    static String tokenVariable(Scope scope) {
        return switch (scope) {
            case PAGESERVER_API -> "NEON_PAGESERVER_TOKEN";
            case SAFEKEEPER_DATA -> "NEON_SAFEKEEPER_TOKEN";
            case COMPUTE_CTL_ADMIN -> "NEON_COMPUTE_TOKEN";
            default -> "NEON_ADMIN_TOKEN";
        };
    }

    /** Advice for {@code failure} (or what caused it), or empty when the message says all there is. */
    static Optional<String> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthException a) {
                return Optional.of(auth(a));
            }
            if (t instanceof TransportException e) {
                return Optional.of(transport(e));
            }
        }
        return Optional.empty();
    }

    private static String auth(AuthException a) {
        if (a.scope().isEmpty()) {
            return "the server wants a token; set NEON_ADMIN_TOKEN (controller), NEON_PAGESERVER_TOKEN, NEON_SAFEKEEPER_TOKEN or NEON_COMPUTE_TOKEN";
        }
        Scope scope = a.scope().get();
        String variable = tokenVariable(scope);
        // The controller takes admin on every route (storage_controller/src/http.rs check_permissions), so NEON_ADMIN_TOKEN
        // is what to set for a controller route whatever narrower scope the route also accepts.
        String wanted = variable.equals("NEON_ADMIN_TOKEN") && scope != Scope.ADMIN
                ? "scope 'admin' (this route also takes '" + scope.claim() + "')" : "scope '" + scope.claim() + "'";
        if (!a.tokenSent()) {
            return "set " + variable + " to a token with " + wanted;
        }
        return "the token " + neonOpsSource(scope) + " was refused (" + a.status() + "): it must carry " + wanted
                + " and be signed by a key the server trusts (its --auth-public-key / auth_validation_public_key_path)";
    }

    private static String neonOpsSource(Scope scope) {
        String variable = tokenVariable(scope);
        return variable.equals("NEON_ADMIN_TOKEN") ? "in NEON_ADMIN_TOKEN" : "in " + variable + " (or NEON_ADMIN_TOKEN when that is unset)";
    }

    private static String transport(TransportException e) {
        String path = e.operation() == null ? "" : e.operation().pathTemplate();
        boolean controller = path.startsWith("/control/") || path.startsWith("/debug/") || path.equals("/status") || path.equals("/ready");
        String what = e.isTimeout() ? "did not answer in time" : "could not be reached";
        return controller
                ? "the storage controller " + what + ": check --storcon (or NEON_STORCON_URL) and that the controller is up"
                : "the server for " + path + " " + what + " at the address the controller registered for it; check that it is up";
    }
}
