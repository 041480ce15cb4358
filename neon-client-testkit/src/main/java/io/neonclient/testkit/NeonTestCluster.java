package io.neonclient.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.WaitPolicy;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.internal.cluster.Cluster;
import io.neonclient.testkit.internal.compute.ComputeNode;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.http.ServerHost;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An embedded, stateful Neon cluster on loopback: a storage controller, pageservers, safekeepers and compute_ctl
 * instances, each a real HTTP server on an ephemeral port that speaks upstream's routes, bodies, status codes
 * and error shapes. Background reconciliation, heartbeats, fail-over, drains, graceful migrations and the
 * compute hook run on a clock {@code timeScale} times faster than upstream's.
 *
 * <pre>{@code
 * try (var cluster = NeonTestCluster.builder().pageservers(2).safekeepers(3).build().start()) {
 *     URI storcon = cluster.storageController();
 *     ...
 * }
 * }</pre>
 */
public final class NeonTestCluster implements AutoCloseable {
    private static final WaitPolicy TEST_WAITS = new WaitPolicy(Duration.ofSeconds(60), Duration.ofMillis(5), Duration.ofMillis(100), 0.2);
    private static final RetryPolicy TEST_RETRIES = RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(100));
    private volatile ClientConfig clientConfig;
    private final Cluster cluster;
    private final NeonTestClusterBuilder settings;

    NeonTestCluster(Cluster cluster, NeonTestClusterBuilder settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    /** A builder with defaults: 1 pageserver, 1 safekeeper, time scale 100, auth off, seed 0. */
    public static NeonTestClusterBuilder builder() {
        return new NeonTestClusterBuilder();
    }

    /** Starts every server (well under a second) and, if asked, registers the nodes with the controller. */
    public NeonTestCluster start() {
        cluster.start();
        if (settings.registerNodes) {
            NodeRegistrations.register(cluster, settings.availabilityZone);
        }
        return this;
    }

    /** The storage controller's base URI, {@code http://127.0.0.1:PORT}. */
    public URI storageController() {
        return cluster.storconUri();
    }

    /** The base URI of pageserver {@code id} (ids are 1..n). */
    public URI pageserver(long id) {
        return pageserverNode(id).host().uri();
    }

    /** Pageserver ids → base URIs. */
    public Map<Long, URI> pageservers() {
        Map<Long, URI> out = new LinkedHashMap<>();
        cluster.pageservers().keySet().stream().sorted().forEach(id -> out.put(id, pageserver(id)));
        return out;
    }

    /** The libpq port computes use for pageserver {@code id} in their connection strings (not served). */
    public int pageserverPgPort(long id) {
        return pageserverNode(id).pgPort();
    }

    /** The base URI of safekeeper {@code id}. */
    public URI safekeeper(long id) {
        ServerHost h = cluster.safekeepers().get(id);
        if (h == null) {
            throw new IllegalArgumentException("safekeeper id must be 1.." + cluster.safekeepers().size() + ", got " + id);
        }
        return h.uri();
    }

    /** Safekeeper ids → base URIs. */
    public Map<Long, URI> safekeepers() {
        Map<Long, URI> out = new LinkedHashMap<>();
        cluster.safekeepers().forEach((id, h) -> out.put(id, h.uri()));
        return out;
    }

    /**
     * A bearer token carrying {@code scope}, or null when auth is off. Tokens are HS256 JWTs signed with a
     * per-cluster random secret, claims {@code {"scope": "<scope>"}}; {@link Scope#COMPUTE_CTL_ADMIN} tokens also
     * carry {@code "aud": ["compute"]} and open every compute's compute_ctl.
     */
    public String token(Scope scope) {
        return cluster.auth().enabled() ? cluster.auth().issue(scope.claim(), null) : null;
    }

    /** A {@code tenant}-scoped token for {@code tenant} ({@code {"scope": "tenant", "tenant_id": …}}), or null when auth is off. */
    public String tenantToken(TenantId tenant) {
        return cluster.auth().enabled() ? cluster.auth().issue(Scope.TENANT.claim(), tenant.toString()) : null;
    }

    /**
     * A token for one compute's compute_ctl, claims {@code {"compute_id": compute.computeId()}} (what the control
     * plane gives a compute), or null when auth is off. Other computes answer it with 403.
     */
    public String computeToken(TestCompute compute) {
        return cluster.auth().enabled() ? cluster.auth().issueCompute(compute.computeId()) : null;
    }

    /**
     * A token signed with this cluster's key carrying exactly {@code claims} (e.g. an {@code exp} in the past, a
     * {@code compute_ctl:admin} scope without {@code aud}), or null when auth is off. Values are written as JSON.
     */
    public String token(Map<String, ?> claims) {
        Objects.requireNonNull(claims, "claims");
        return cluster.auth().enabled() ? cluster.auth().sign(Json.MAPPER.valueToTree(claims)) : null;
    }

    /**
     * Every client's tokens for this cluster: one per scope ({@link Scope#TENANT} excepted, it needs a tenant), so
     * the same provider serves {@code StorageControllerClient}, {@code PageserverClient}, {@code SafekeeperClient}
     * and {@code ComputeClient} ({@code compute_ctl:admin} opens every compute). {@link TokenProvider#none()} when
     * auth is off.
     */
    public TokenProvider tokens() {
        if (!authEnabled()) {
            return TokenProvider.none();
        }
        Map<Scope, String> byScope = new EnumMap<>(Scope.class);
        for (Scope s : Scope.values()) {
            if (s != Scope.TENANT) {
                byScope.put(s, token(s));
            }
        }
        return TokenProvider.perScope(byScope);
    }

    /**
     * The configuration every client of this cluster should use: {@link #tokens()}, waits that poll every few
     * milliseconds (the cluster runs {@code timeScale} times faster than upstream) for up to a minute, retries with
     * millisecond backoff. Give it to any client, e.g.
     * {@code SafekeeperClient.builder().baseUri(cluster.safekeeper(1)).config(cluster.clientConfig()).build()}.
     */
    public ClientConfig clientConfig() {
        ClientConfig config = clientConfig;
        if (config == null) {
            // One instance, so clients built from it report equal configurations (tokens() makes a new provider each call).
            config = ClientConfig.defaults().withTokens(tokens()).withWaitPolicy(TEST_WAITS).withRetryPolicy(TEST_RETRIES);
            clientConfig = config;
        }
        return config;
    }

    /** A ready client for the controller, with {@link #clientConfig()}. */
    public StorageControllerClient storageControllerClient() {
        return StorageControllerClient.builder().baseUri(storageController()).config(clientConfig()).build();
    }

    /** A ready client for pageserver {@code id}, with {@link #clientConfig()}. */
    public PageserverClient pageserverClient(long id) {
        return PageserverClient.builder().baseUri(pageserver(id)).config(clientConfig()).build();
    }

    /** Whether the cluster checks tokens. */
    public boolean authEnabled() {
        return cluster.auth().enabled();
    }

    /** Stops pageserver {@code id}'s process: connections are refused and it forgets its locations. */
    public void stopPageserver(long id) {
        pageserverNode(id).stop();
    }

    /** Starts pageserver {@code id} again on the same port; it re-attaches through the controller's upcall. */
    public void startPageserver(long id) {
        pageserverNode(id).start();
        cluster.reAttach(id);
    }

    /** Whether pageserver {@code id}'s process is up. */
    public boolean pageserverRunning(long id) {
        return pageserverNode(id).running();
    }

    /**
     * A compute writes {@code bytes} of WAL on the timeline and commits: {@code last_record_lsn} advances and the
     * commit time is recorded for {@code get_lsn_by_timestamp}. Returns the new WAL end.
     */
    public Lsn write(TenantId tenant, TimelineId timeline, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        var data = cluster.timelines().remote().existing(tenant);
        var t = data == null ? null : data.timeline(timeline);
        if (t == null) {
            throw new IllegalArgumentException("timeline " + tenant + "/" + timeline + " does not exist");
        }
        synchronized (data) {
            return t.write(bytes, cluster.timing().now());
        }
    }

    /**
     * Simulates a corrupt layer on the pageservers: the timeline answers with state {@code Broken} (its WAL on the
     * safekeepers is intact) until it is deleted and re-created, e.g. from its preserved initdb and that WAL.
     */
    public void corruptTimeline(TenantId tenant, TimelineId timeline, String reason) {
        Objects.requireNonNull(reason, "reason");
        var data = cluster.timelines().remote().existing(tenant);
        var t = data == null ? null : data.timeline(timeline);
        if (t == null) {
            throw new IllegalArgumentException("timeline " + tenant + "/" + timeline + " does not exist");
        }
        t.markBroken(reason);
    }

    /** A new compute_ctl in status {@code empty}: configure it yourself with {@code POST /configure}. */
    public TestCompute newCompute() {
        ComputeNode node = cluster.newCompute();
        return new TestCompute(node, cluster.computeHost(node), cluster.computeInternalHost(node));
    }

    /**
     * A compute for the timeline, configured (as {@code POST /configure} would) with a spec that points at the
     * pageservers the controller currently has attached. Its status is {@code running}, or {@code failed} when
     * the basebackup failed.
     */
    public TestCompute startCompute(TenantId tenant, TimelineId timeline) {
        ComputeNode node = cluster.startCompute(tenant, timeline);
        return new TestCompute(node, cluster.computeHost(node), cluster.computeInternalHost(node));
    }

    /**
     * A compute started the way {@code compute_ctl -c configFile --compute-id …} starts: the file holds
     * {@code {"spec", "compute_ctl_config"}} (upstream {@code ComputeConfig}, e.g. written by neon-client's
     * {@code ComputeConfig.writeTo}). With a spec the compute configures itself from it and is {@code running}, or
     * {@code failed} with the basebackup's error; without one it waits in {@code empty} for {@code POST /configure}.
     *
     * @throws IllegalArgumentException when the file is not JSON of that shape
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public TestCompute startCompute(java.nio.file.Path configFile) {
        Objects.requireNonNull(configFile, "configFile");
        com.fasterxml.jackson.databind.JsonNode config;
        try {
            config = Json.MAPPER.readTree(java.nio.file.Files.readString(configFile));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("compute config " + configFile + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read compute config " + configFile, e);
        }
        ComputeNode node = cluster.startCompute(config);
        return new TestCompute(node, cluster.computeHost(node), cluster.computeInternalHost(node));
    }

    /** Injects {@code fault} into requests to {@code component} with {@code method} ({@code "*"} for any) on paths matching {@code pathGlob} ({@code *} one segment, {@code **} any). */
    public void inject(Component component, String method, String pathGlob, Fault fault) {
        cluster.faults().add(component, method, pathGlob, fault);
    }

    /** Removes every injected fault, un-sticks reconciles and ends a {@link #stepDown()}. */
    public void clearFaults() {
        cluster.clearFaults();
    }

    /** Makes reconciles of {@code shard} hang (is_reconciling stays true) until cancel_reconcile or {@link #clearFaults()}. */
    public void stickReconcile(TenantShardId shard) {
        synchronized (cluster.storcon()) {
            cluster.storcon().shard(shard).setStuck(true);
        }
    }

    /** The controller steps down: every route but health gets 503 and no reconcile starts until {@link #resumeLeadership()}. */
    public void stepDown() {
        cluster.storcon().markSteppedDown();
    }

    /** Ends {@link #stepDown()}: the controller leads again and answers every route. */
    public void resumeLeadership() {
        cluster.storcon().resumeLeadership();
    }

    /**
     * The storage controller process dies: connections to it are refused and its background work (heartbeats,
     * reconciles, compute notifications) stops. Its state survives, as upstream's database does.
     */
    public void stopStorageController() {
        cluster.stopController();
    }

    /**
     * Starts the storage controller again on the same port. It runs its start-up reconcile (see
     * {@link NeonTestClusterBuilder#startupReconcile}) before tenant routes answer, then notifies the control plane
     * of every attached tenant again.
     */
    public void startStorageController() {
        cluster.startController();
    }

    /** {@link #stopStorageController()} then {@link #startStorageController()}. */
    public void restartStorageController() {
        cluster.stopController();
        cluster.startController();
    }

    /** Whether the controller's start-up reconcile is done ({@code GET /ready} answers 200). */
    public boolean storageControllerReady() {
        return cluster.controllerRunning() && cluster.gate().ready();
    }

    /** The simulation's wall clock (commit times, lease expiry, time travel). */
    public Instant now() {
        return cluster.timing().now();
    }

    /** Moves the simulation's wall clock forward. */
    public void advanceClock(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("advanceClock needs a non-negative duration, got " + by);
        }
        cluster.timing().advance(by);
    }

    /** The standalone jar's JSON line: storage_controller, pageservers, safekeepers, pageserver_pg_ports. */
    public String describe() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("storage_controller", storageController().toString());
        ObjectNode ps = n.putObject("pageservers");
        pageservers().forEach((id, uri) -> ps.put(id.toString(), uri.toString()));
        ObjectNode sk = n.putObject("safekeepers");
        safekeepers().forEach((id, uri) -> sk.put(id.toString(), uri.toString()));
        ObjectNode pg = n.putObject("pageserver_pg_ports");
        cluster.pageservers().keySet().stream().sorted().forEach(id -> pg.put(id.toString(), pageserverPgPort(id)));
        n.put("time_scale", cluster.timing().scale());
        if (authEnabled()) {
            n.put("admin_token", token(Scope.ADMIN));
            // Ready tokens for every scope a client or script needs, and the key they verify with.
            ObjectNode tokens = n.putObject("tokens");
            for (Scope scope : new Scope[] {Scope.ADMIN, Scope.INFRA, Scope.SCRUBBER, Scope.PAGESERVER_API, Scope.SAFEKEEPER_DATA,
                    Scope.GENERATIONS_API, Scope.COMPUTE_CTL_ADMIN}) {
                tokens.put(scope.claim(), token(scope));
            }
            n.put("auth_public_key", cluster.auth().ownPublicKeyPem());
        }
        return Json.encodeToString(n);
    }

    private PageserverNode pageserverNode(long id) {
        PageserverNode ps = cluster.pageservers().get(id);
        if (ps == null) {
            throw new IllegalArgumentException("pageserver id must be 1.." + cluster.pageservers().size() + ", got " + id);
        }
        return ps;
    }

    /** Stops every server. */
    @Override
    public void close() {
        cluster.close();
    }
}
