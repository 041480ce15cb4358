package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Json;

/** A registered pageserver as the controller sees it (storage_controller/src/node.rs). Guarded by {@link Storcon}. */
public final class StorconNode {
    public final long id;
    public String availability = "Offline";
    public String scheduling = "Active";
    public String az;
    public String httpAddr;
    public int httpPort;
    public Integer httpsPort;
    public String pgAddr;
    public int pgPort;
    public String grpcAddr;
    public Integer grpcPort;
    public String ipAddr;
    /** {@code System.nanoTime()} of the last good heartbeat, or of registration. */
    public long lastOkNanos = System.nanoTime();
    public boolean heardFrom;
    /** The policy to restore when a delete is cancelled. */
    public String schedulingBeforeDelete;

    public StorconNode(long id) {
        this.id = id;
    }

    public boolean available() {
        return !availability.equals("Offline");
    }

    /** Can take new shards: availability Active and scheduling Active (storage_controller/src/scheduler.rs). */
    public boolean schedulable() {
        return availability.equals("Active") && scheduling.equals("Active");
    }

    /** NodeDescribeResponse (libs/pageserver_api/src/controller_api.rs). */
    public ObjectNode describe() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("availability", availability);
        n.put("scheduling", scheduling);
        n.put("availability_zone_id", az);
        n.put("listen_http_addr", httpAddr);
        n.put("listen_http_port", httpPort);
        n.set("listen_https_port", httpsPort == null ? n.nullNode() : n.numberNode(httpsPort));
        n.put("listen_pg_addr", pgAddr);
        n.put("listen_pg_port", pgPort);
        n.put("listen_grpc_addr", grpcAddr);
        n.set("listen_grpc_port", grpcPort == null ? n.nullNode() : n.numberNode(grpcPort));
        return n;
    }
}
