package io.neonclient.testkit;

import io.neonclient.core.Lsn;
import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.testkit.internal.compute.ComputeNode;
import io.neonclient.testkit.internal.http.ServerHost;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated compute_ctl started by {@link NeonTestCluster#startCompute}. Its HTTP API ({@code GET /status},
 * {@code POST /configure}, {@code POST /terminate}) is at {@link #uri()}; errors are {@code {"error": …}}. With auth
 * on, those routes need a compute token ({@link NeonTestCluster#computeToken(TestCompute)}) or a
 * {@code compute_ctl:admin} one ({@link NeonTestCluster#token(io.neonclient.core.Scope)}).
 */
public final class TestCompute {
    private final ComputeNode node;
    private final ServerHost host;
    private final ServerHost internal;
    private final URI uri;

    TestCompute(ComputeNode node, ServerHost host, ServerHost internal) {
        this.node = node;
        this.host = host;
        this.internal = internal;
        this.uri = host.uri();
    }

    /** Takes compute_ctl down (its listeners close; connections are refused): a compute whose host went away. */
    public void stop() {
        host.stop();
        internal.stop();
    }

    /** Brings compute_ctl back on the same ports, in the state it was in. */
    public void start() {
        host.start();
        internal.start();
    }

    /** The spec compute_ctl last accepted ({@code POST /configure}), as JSON; null before the first one. */
    public String specJson() {
        JsonNode spec = node.spec();
        return spec == null ? null : spec.toString();
    }

    /**
     * Where the compute's own spec points each shard: shard index ({@code 0000}, {@code 0002}, …) → pageserver node id
     * from {@code pageserver_connection_info}; empty before the first spec.
     */
    public Map<String, Long> pageserverNodes() {
        Map<String, Long> out = new TreeMap<>();
        JsonNode spec = node.spec();
        if (spec != null) {
            spec.path("pageserver_connection_info").path("shards").properties().forEach(e ->
                    out.put(e.getKey(), e.getValue().path("pageservers").path(0).path("id").asLong(-1)));
        }
        return out;
    }

    /** The compute id. */
    public long id() {
        return node.id();
    }

    /**
     * The id compute_ctl runs with ({@code --compute-id}, e.g. {@code compute-1}). With auth on, a token for this
     * compute carries it as {@code compute_id}: see {@link NeonTestCluster#computeToken(TestCompute)}.
     */
    public String computeId() {
        return node.computeId();
    }

    /** The compute_ctl external HTTP endpoint. */
    public URI uri() {
        return uri;
    }

    /**
     * compute_ctl's internal HTTP endpoint ({@code POST /extensions}, {@code POST /grants}), which upstream serves
     * without authorization on a second port for the compute's own host.
     */
    public URI internalUri() {
        return internal.uri();
    }

    /** compute_ctl's status, e.g. {@code running}, {@code failed}, {@code empty}, {@code terminated}. */
    public String status() {
        return node.status().toString();
    }

    /** The configuration error (e.g. a basebackup "Timeline not found"), or null. */
    public String error() {
        return node.error();
    }

    /**
     * Per shard index ({@code "0000"} unsharded, {@code "0104"} …), the pageserver id its last successful configuration
     * read from: shard 0's gave the basebackup, the others took the page connections. Empty before one succeeded.
     */
    public java.util.Map<String, Long> pageservers() {
        return node.pageservers();
    }

    /** Commits a transaction of {@code bytes} WAL bytes on the compute's timeline; returns the new WAL end. */
    public Lsn write(long bytes) {
        return node.write(bytes);
    }
}
