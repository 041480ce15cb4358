package io.neonclient.safekeeper;

import io.neonclient.core.NodeId;

/**
 * A safekeeper in a timeline's membership (upstream {@code SafekeeperId}, {@code libs/safekeeper_api/src/membership.rs}).
 *
 * @param id     node id
 * @param host   host name
 * @param pgPort its Postgres-protocol port
 */
public record SafekeeperMember(NodeId id, String host, int pgPort) {
    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public SafekeeperMember {
        if (id == null || host == null || host.isBlank()) {
            throw new IllegalArgumentException("safekeeper member needs an id and a host");
        }
        if (pgPort < 1 || pgPort > 65535) {
            throw new IllegalArgumentException("pgPort must be 1..65535, got " + pgPort);
        }
    }
}
