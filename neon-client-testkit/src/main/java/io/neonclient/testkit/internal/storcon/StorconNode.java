package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.testkit.internal.http.Json;
import java.util.Objects;

/**
 * A registered pageserver as the controller sees it (storage_controller/src/node.rs): what it registered with, its
 * availability and scheduling policy. Only model code changes it, with the {@link Storcon} monitor held; each field
 * holds an immutable value and is volatile, so readers (describe, list, the scheduler's checks) need no lock.
 */
public final class StorconNode {
    private final long id;
    private volatile Registration registration;
    private volatile NodeAvailability availability = NodeAvailability.OFFLINE;
    private volatile NodeSchedulingPolicy scheduling = NodeSchedulingPolicy.ACTIVE;
    /** {@code System.nanoTime()} of the last good heartbeat, or of registration. */
    private volatile long lastOkNanos = System.nanoTime();
    /** The policy to restore when a delete is cancelled. */
    private volatile NodeSchedulingPolicy schedulingBeforeDelete;

    /**
     * What a node registered with ({@code NodeRegisterRequest} in libs/pageserver_api/src/controller_api.rs); the
     * optional ports and addresses are null when not given.
     */
    public record Registration(String pgAddr, int pgPort, String httpAddr, int httpPort, Integer httpsPort, String grpcAddr,
                               Integer grpcPort, String az, String ipAddr) {
        /** Whether a re-registration names the same addresses (service.rs {@code node_register}: else a conflict). */
        boolean sameAddresses(Registration other) {
            return pgAddr.equals(other.pgAddr) && pgPort == other.pgPort && httpAddr.equals(other.httpAddr)
                    && httpPort == other.httpPort && az.equals(other.az);
        }
    }

    StorconNode(long id, Registration registration) {
        this.id = id;
        this.registration = Objects.requireNonNull(registration, "registration");
    }

    public long id() {
        return id;
    }

    public String az() {
        return registration.az();
    }

    public Registration registration() {
        return registration;
    }

    public NodeAvailability availability() {
        return availability;
    }

    public NodeSchedulingPolicy scheduling() {
        return scheduling;
    }

    public boolean available() {
        return availability != NodeAvailability.OFFLINE;
    }

    /** Can take new shards: availability Active and scheduling Active (storage_controller/src/scheduler.rs). */
    public boolean schedulable() {
        return availability == NodeAvailability.ACTIVE && scheduling == NodeSchedulingPolicy.ACTIVE;
    }

    void register(Registration r) {
        this.registration = r;
    }

    void availability(NodeAvailability a) {
        this.availability = a;
    }

    void scheduling(NodeSchedulingPolicy p) {
        this.scheduling = p;
    }

    long lastOkNanos() {
        return lastOkNanos;
    }

    void heardFrom(long nanos) {
        this.lastOkNanos = nanos;
    }

    /** The busy policy of a starting node operation; the one it replaces is kept for {@code cancel_node_delete} to restore. */
    void startOperation(NodeSchedulingPolicy busy) {
        this.schedulingBeforeDelete = scheduling;
        this.scheduling = busy;
    }

    NodeSchedulingPolicy schedulingBeforeDelete() {
        return schedulingBeforeDelete == null ? NodeSchedulingPolicy.ACTIVE : schedulingBeforeDelete;
    }

    /** NodeDescribeResponse (libs/pageserver_api/src/controller_api.rs). */
    public ObjectNode describe() {
        Registration r = registration;
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("availability", availability.toString());
        n.put("scheduling", scheduling.toString());
        n.put("availability_zone_id", r.az());
        n.put("listen_http_addr", r.httpAddr());
        n.put("listen_http_port", r.httpPort());
        n.set("listen_https_port", r.httpsPort() == null ? n.nullNode() : n.numberNode(r.httpsPort()));
        n.put("listen_pg_addr", r.pgAddr());
        n.put("listen_pg_port", r.pgPort());
        n.put("listen_grpc_addr", r.grpcAddr());
        n.set("listen_grpc_port", r.grpcPort() == null ? n.nullNode() : n.numberNode(r.grpcPort()));
        return n;
    }
}
