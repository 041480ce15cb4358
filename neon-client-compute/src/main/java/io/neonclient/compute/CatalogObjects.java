package io.neonclient.compute;

import java.util.List;
import java.util.Optional;

/**
 * The roles and databases in the compute's catalog: {@code CatalogObjects} in upstream
 * {@code libs/compute_api/src/responses.rs}, the answer of {@code GET /dbs_and_roles} (read from Postgres, so it
 * shows what the spec created and anything created since). Per-object options are not decoded.
 *
 * @param roles     the roles
 * @param databases the databases
 */
public record CatalogObjects(List<Role> roles, List<Database> databases) {
    /** Checks the components: copies lists and maps (unmodifiable). */
    public CatalogObjects {
        roles = roles == null ? List.of() : List.copyOf(roles);
        databases = databases == null ? List.of() : List.copyOf(databases);
    }

    /**
     * Upstream {@code Role} ({@code libs/compute_api/src/spec.rs}).
     *
     * @param name              the role name
     * @param encryptedPassword its password hash, if it has one (left out of {@code toString()})
     */
    public record Role(String name, Optional<String> encryptedPassword) {
        /** A component the wire left out (null) takes its empty or default value. */
        public Role {
            encryptedPassword = encryptedPassword == null ? Optional.empty() : encryptedPassword;
        }

        @Override
        public String toString() {
            return "Role[name=" + name + ", encryptedPassword=" + (encryptedPassword.isPresent() ? "(set)" : "(none)") + "]";
        }
    }

    /**
     * Upstream {@code Database} ({@code libs/compute_api/src/spec.rs}).
     *
     * @param name         the database name
     * @param owner        its owner role
     * @param restrictConn whether connections are refused ({@code datallowconn} false)
     * @param invalid      whether a dropped database was left half-removed
     */
    public record Database(String name, String owner, boolean restrictConn, boolean invalid) {}
}
