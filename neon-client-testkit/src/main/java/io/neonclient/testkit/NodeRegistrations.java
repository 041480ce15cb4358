package io.neonclient.testkit;

import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.testkit.internal.cluster.Cluster;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.storcon.StorconNode;
import io.neonclient.testkit.internal.storcon.StorconSafekeeper;
import io.neonclient.testkit.internal.storcon.StorconSafekeepers;

/** Registers the cluster's own pageservers and safekeepers with its controller (start-up self-registration). */
final class NodeRegistrations {
    private NodeRegistrations() {}

    static void register(Cluster cluster, String az) {
        synchronized (cluster.storcon()) {
            for (PageserverNode ps : cluster.pageservers().values()) {
                cluster.storconNodes().nodeRegister(ps.id(), new StorconNode.Registration("127.0.0.1", ps.pgPort(), "127.0.0.1",
                        ps.host().port(), null, null, null, az, null));
            }
            StorconSafekeepers safekeepers = new StorconSafekeepers(cluster.storcon());
            cluster.safekeepers().forEach((id, host) -> safekeepers.upsertSafekeeper(new StorconSafekeeper(id, "local", 1, "127.0.0.1", 5454,
                    host.port(), null, az, SkSchedulingPolicy.ACTIVATING)));
        }
    }
}
