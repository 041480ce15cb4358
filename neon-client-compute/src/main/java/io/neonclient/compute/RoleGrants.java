package io.neonclient.compute;

import java.util.List;
import java.util.Objects;

/**
 * Privileges granted to a role on a schema: {@code SetRoleGrantsResponse} in upstream
 * {@code libs/compute_api/src/responses.rs}, the answer of {@code POST /grants} (it repeats the request).
 *
 * @param database   the database the schema is in
 * @param schema     the schema
 * @param privileges what was granted
 * @param role       the role that received them
 */
public record RoleGrants(String database, String schema, List<Privilege> privileges, String role) {
    /** Copies the list; an absent list reads as empty. */
    public RoleGrants {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(role, "role");
        privileges = privileges == null ? List.of() : List.copyOf(privileges);
    }
}
