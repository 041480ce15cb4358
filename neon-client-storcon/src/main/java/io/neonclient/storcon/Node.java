package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import java.util.Optional;

/**
 * A pageserver as the controller sees it: {@code NodeDescribeResponse} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs}, from {@code GET /control/v1/node/{id}}.
 *
 * @param id                 the node id
 * @param availability       whether heartbeats reach it
 * @param scheduling         whether shards may be placed on it, and which background operation runs
 * @param availabilityZoneId its availability zone
 * @param listenHttpAddr     host of its management API
 * @param listenHttpPort     port of its management API
 * @param listenHttpsPort    HTTPS port of its management API, when it has one
 * @param listenPgAddr       host of its libpq page service
 * @param listenPgPort       port of its libpq page service
 * @param listenGrpcAddr     host of its gRPC page service, when it has one
 * @param listenGrpcPort     port of its gRPC page service, when it has one
 */
public record Node(NodeId id, NodeAvailability availability, NodeSchedulingPolicy scheduling, String availabilityZoneId,
                   String listenHttpAddr, int listenHttpPort, Optional<Integer> listenHttpsPort,
                   String listenPgAddr, int listenPgPort, Optional<String> listenGrpcAddr, Optional<Integer> listenGrpcPort) {

    /** A component the wire left out (null) takes its empty or default value. */
    public Node {
        listenHttpsPort = listenHttpsPort == null ? Optional.empty() : listenHttpsPort;
        listenGrpcAddr = listenGrpcAddr == null ? Optional.empty() : listenGrpcAddr;
        listenGrpcPort = listenGrpcPort == null ? Optional.empty() : listenGrpcPort;
    }

    /** True when the node answers heartbeats and accepts new shards. */
    public boolean isSchedulable() {
        return availability == NodeAvailability.ACTIVE && scheduling == NodeSchedulingPolicy.ACTIVE;
    }

    /** The libpq URL computes use for this pageserver: {@code postgresql://no_user@host:port}. */
    public String libpqUrl() {
        return "postgresql://no_user@" + listenPgAddr + ":" + listenPgPort;
    }

    @Override
    public String toString() {
        return "Node " + id + " (" + availability + ", " + scheduling + ", az " + availabilityZoneId + ", http "
                + listenHttpAddr + ":" + listenHttpPort + ", pg " + listenPgAddr + ":" + listenPgPort + ")";
    }
}
