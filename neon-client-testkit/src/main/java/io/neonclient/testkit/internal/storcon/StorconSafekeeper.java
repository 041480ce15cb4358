package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.testkit.internal.http.Json;
import java.util.Objects;

/**
 * A safekeeper registered with the controller: its row in the {@code safekeepers} table
 * (storage_controller/src/persistence.rs {@code SafekeeperPersistence}). Immutable; the registry replaces it.
 * {@code httpsPort} is null when not given.
 */
public record StorconSafekeeper(long id, String regionId, long version, String host, long port, long httpPort, Integer httpsPort,
                                String availabilityZoneId, SkSchedulingPolicy schedulingPolicy) {
    public StorconSafekeeper {
        Objects.requireNonNull(schedulingPolicy, "schedulingPolicy");
    }

    StorconSafekeeper withSchedulingPolicy(SkSchedulingPolicy policy) {
        return new StorconSafekeeper(id, regionId, version, host, port, httpPort, httpsPort, availabilityZoneId, policy);
    }

    /** {@code SafekeeperDescribeResponse} (libs/pageserver_api/src/controller_api.rs), fields in its order. */
    public ObjectNode describe() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("region_id", regionId);
        n.put("version", version);
        n.put("host", host);
        n.put("port", port);
        n.put("http_port", httpPort);
        n.set("https_port", httpsPort == null ? n.nullNode() : n.numberNode(httpsPort));
        n.put("availability_zone_id", availabilityZoneId);
        n.put("scheduling_policy", schedulingPolicy.toString());
        return n;
    }
}
