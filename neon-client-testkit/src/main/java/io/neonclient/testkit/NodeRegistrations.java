package io.neonclient.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.cluster.Cluster;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.storcon.StorconNode;

/** Registers the cluster's own pageservers and safekeepers with its controller (start-up self-registration). */
final class NodeRegistrations {
    private NodeRegistrations() {}

    static void register(Cluster cluster, String az) {
        synchronized (cluster.storcon) {
            for (PageserverNode ps : cluster.pageservers.values()) {
                cluster.storconNodes.nodeRegister(ps.id(), new StorconNode.Registration("127.0.0.1", ps.pgPort(), "127.0.0.1",
                        ps.host().port(), null, null, null, az, null));
            }
            cluster.safekeepers.forEach((id, host) -> {
                ObjectNode rec = Json.MAPPER.createObjectNode();
                rec.put("id", id);
                rec.put("region_id", "local");
                rec.put("version", 1);
                rec.put("host", "127.0.0.1");
                rec.put("port", 5454);
                rec.put("http_port", host.port());
                rec.putNull("https_port");
                rec.put("availability_zone_id", az);
                rec.put("scheduling_policy", "Activating");
                cluster.storcon.safekeepers.put(id, rec);
            });
        }
    }
}
