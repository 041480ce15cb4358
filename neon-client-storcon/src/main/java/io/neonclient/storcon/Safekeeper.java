package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import java.util.Optional;

/**
 * A safekeeper registered with the controller: {@code SafekeeperDescribeResponse} in upstream {@code controller_api.rs},
 * from {@code GET /control/v1/safekeeper/{id}}.
 *
 * @param id                 the safekeeper id
 * @param regionId           its region
 * @param version            the registration version (1 = just created)
 * @param host               its host name
 * @param port               its Postgres (WAL) port
 * @param httpPort           its HTTP API port
 * @param httpsPort          its HTTPS API port, when it has one
 * @param availabilityZoneId its availability zone
 * @param schedulingPolicy   whether timelines may be placed on it
 */
public record Safekeeper(NodeId id, String regionId, long version, String host, int port, int httpPort,
                         Optional<Integer> httpsPort, String availabilityZoneId, SkSchedulingPolicy schedulingPolicy) {
    public Safekeeper {
        httpsPort = httpsPort == null ? Optional.empty() : httpsPort;
    }
}
