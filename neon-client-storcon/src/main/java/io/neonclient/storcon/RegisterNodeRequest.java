package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.neonclient.core.NodeId;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /control/v1/node}: {@code NodeRegisterRequest} in upstream
 * {@code libs/pageserver_api/src/controller_api.rs}. Optional fields are sent as {@code null} when unset, as
 * upstream serializes them. Build with {@link #of} and the {@code with…} methods.
 *
 * @param nodeId             the node id the operator chose
 * @param listenPgAddr       host of the libpq page service
 * @param listenPgPort       port of the libpq page service
 * @param listenGrpcAddr     host of the gRPC page service, or null
 * @param listenGrpcPort     port of the gRPC page service, or null (given together with the address)
 * @param listenHttpAddr     host of the management API (must resolve on the controller)
 * @param listenHttpPort     port of the management API
 * @param listenHttpsPort    HTTPS port of the management API, or null
 * @param availabilityZoneId the availability zone
 * @param nodeIpAddr         the node's IP address literal, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RegisterNodeRequest(NodeId nodeId, String listenPgAddr, int listenPgPort, String listenGrpcAddr,
                                  Integer listenGrpcPort, String listenHttpAddr, int listenHttpPort, Integer listenHttpsPort,
                                  String availabilityZoneId, String nodeIpAddr) {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public RegisterNodeRequest {
        Validate.notNull("nodeId", nodeId);
        Validate.nonBlank("listenPgAddr", listenPgAddr);
        Validate.port("listenPgPort", listenPgPort);
        Validate.nonBlank("listenHttpAddr", listenHttpAddr);
        Validate.port("listenHttpPort", listenHttpPort);
        Validate.optionalPort("listenHttpsPort", listenHttpsPort);
        Validate.nonBlank("availabilityZoneId", availabilityZoneId);
        if ((listenGrpcAddr == null) != (listenGrpcPort == null)) {
            throw new IllegalArgumentException("listenGrpcAddr and listenGrpcPort must be given together (the controller answers 400 otherwise)");
        }
        if (listenGrpcAddr != null) {
            Validate.nonBlank("listenGrpcAddr", listenGrpcAddr);
            Validate.port("listenGrpcPort", listenGrpcPort);
        }
        if (nodeIpAddr != null && !IP_LITERAL.matcher(nodeIpAddr).matches()) {
            throw new IllegalArgumentException("nodeIpAddr must be an IPv4 or IPv6 literal, got '" + nodeIpAddr + "'");
        }
    }

    /** A registration with the required addresses; the pg and http hosts are often the same name. */
    public static RegisterNodeRequest of(NodeId nodeId, String listenPgAddr, int listenPgPort, String listenHttpAddr,
                                         int listenHttpPort, String availabilityZoneId) {
        return new RegisterNodeRequest(nodeId, listenPgAddr, listenPgPort, null, null, listenHttpAddr, listenHttpPort, null,
                availabilityZoneId, null);
    }

    /** This registration with the HTTPS port of the management API. */
    public RegisterNodeRequest withHttpsPort(int port) {
        return new RegisterNodeRequest(nodeId, listenPgAddr, listenPgPort, listenGrpcAddr, listenGrpcPort, listenHttpAddr,
                listenHttpPort, port, availabilityZoneId, nodeIpAddr);
    }

    /** This registration with the gRPC page service address and port (both are sent together). */
    public RegisterNodeRequest withGrpc(String addr, int port) {
        return new RegisterNodeRequest(nodeId, listenPgAddr, listenPgPort, Validate.nonBlank("listenGrpcAddr", addr), port,
                listenHttpAddr, listenHttpPort, listenHttpsPort, availabilityZoneId, nodeIpAddr);
    }

    /** This registration with the node's IP address literal ({@code node_ip_addr}). */
    public RegisterNodeRequest withIpAddr(String ip) {
        return new RegisterNodeRequest(nodeId, listenPgAddr, listenPgPort, listenGrpcAddr, listenGrpcPort, listenHttpAddr,
                listenHttpPort, listenHttpsPort, availabilityZoneId, Validate.notNull("nodeIpAddr", ip));
    }
}
