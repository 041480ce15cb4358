package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.neonclient.core.NodeId;

/**
 * Body of {@code POST /control/v1/safekeeper/{id}}: {@code SafekeeperUpsert} in upstream
 * {@code storage_controller/src/persistence.rs}. {@code https_port} is sent as {@code null} when unset.
 *
 * @param id                 the safekeeper id, &gt; 0 (must equal the path id)
 * @param regionId           its region
 * @param version            registration version, &ge; 0 (1 = just created)
 * @param host               its host name
 * @param port               its Postgres (WAL) port
 * @param httpPort           its HTTP API port
 * @param httpsPort          its HTTPS API port, or null
 * @param availabilityZoneId its availability zone
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UpsertSafekeeperRequest(NodeId id, String regionId, long version, String host, int port, int httpPort,
                                      Integer httpsPort, String availabilityZoneId) {

    public UpsertSafekeeperRequest {
        Validate.notNull("id", id);
        if (id.value() == 0) {
            throw new IllegalArgumentException("safekeeper id must be > 0, got 0");
        }
        Validate.nonBlank("regionId", regionId);
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        Validate.nonBlank("host", host);
        Validate.port("port", port);
        Validate.port("httpPort", httpPort);
        Validate.optionalPort("httpsPort", httpsPort);
        Validate.nonBlank("availabilityZoneId", availabilityZoneId);
    }

    /** A first registration ({@code version} 1) without HTTPS. */
    public static UpsertSafekeeperRequest of(NodeId id, String regionId, String host, int port, int httpPort, String availabilityZoneId) {
        return new UpsertSafekeeperRequest(id, regionId, 1, host, port, httpPort, null, availabilityZoneId);
    }

    /** This registration with an HTTPS API port. */
    public UpsertSafekeeperRequest withHttpsPort(int httpsPort) {
        return new UpsertSafekeeperRequest(id, regionId, version, host, port, httpPort, httpsPort, availabilityZoneId);
    }

    /** This registration with another version number (&ge; 0). */
    public UpsertSafekeeperRequest withVersion(long version) {
        return new UpsertSafekeeperRequest(id, regionId, version, host, port, httpPort, httpsPort, availabilityZoneId);
    }
}
