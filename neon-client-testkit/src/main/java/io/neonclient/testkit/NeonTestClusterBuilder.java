package io.neonclient.testkit;

import io.neonclient.testkit.internal.http.Auth;
import io.neonclient.testkit.internal.cluster.Cluster;
import io.neonclient.testkit.internal.cluster.Timing;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link NeonTestCluster}. Durations are in upstream's units (heartbeat 5 s, max offline 30 s …)
 * and run {@link #timeScale(double)} times faster.
 */
public final class NeonTestClusterBuilder {
    int pageservers = 1;
    int safekeepers = 1;
    double timeScale = 100;
    boolean auth;
    private final java.util.List<java.security.PublicKey> authPublicKeys = new java.util.ArrayList<>();
    private final java.util.List<java.nio.file.Path> authPublicKeyPaths = new java.util.ArrayList<>();
    long seed;
    URI controlPlane;
    String controlPlaneToken;
    boolean registerNodes;
    boolean timelinesOntoSafekeepers;
    String availabilityZone = "az-a";
    Duration heartbeatInterval = Duration.ofSeconds(5);
    Duration maxOfflineInterval = Duration.ofSeconds(30);
    Duration maxWarmingUpInterval = Duration.ofSeconds(300);
    Duration reconcileLatency = Duration.ofSeconds(1);
    Duration secondaryWarmup = Duration.ofSeconds(10);
    Duration importDuration = Duration.ofSeconds(30);
    Duration startupReconcile = Duration.ZERO;
    int tenantRateLimit = 10;
    java.nio.file.Path importBucketRoot;

    NeonTestClusterBuilder() {}

    /** Number of pageservers, ids 1..n (1 to 64). */
    public NeonTestClusterBuilder pageservers(int n) {
        this.pageservers = range("pageservers", n, 1, 64);
        return this;
    }

    /** Number of safekeepers, ids 1..n (0 to 64). */
    public NeonTestClusterBuilder safekeepers(int n) {
        this.safekeepers = range("safekeepers", n, 0, 64);
        return this;
    }

    /** How many times faster than upstream the simulation's intervals run (1 = real time; default 100). */
    public NeonTestClusterBuilder timeScale(double scale) {
        if (!(scale >= 1 && scale <= 100_000)) {
            throw new IllegalArgumentException("timeScale must be 1..100000, got " + scale);
        }
        this.timeScale = scale;
        return this;
    }

    /** Turns token checks on: every route then needs the scope upstream requires (get tokens with {@link NeonTestCluster#token}). */
    public NeonTestClusterBuilder auth(boolean on) {
        this.auth = on;
        return this;
    }

    /**
     * Also accepts tokens signed by the Ed25519 key(s) whose public half is in {@code path} (a PEM {@code PUBLIC KEY}
     * file, or a directory of them, as upstream's servers take {@code auth_validation_public_key_path}), so tokens
     * minted by an operator's own tooling work; turns auth on. The cluster still signs the tokens it hands out
     * ({@link NeonTestCluster#token}) with its own key.
     *
     * @throws IllegalArgumentException naming the file when it is not an Ed25519 public key
     */
    public NeonTestClusterBuilder authPublicKey(java.nio.file.Path path) {
        this.authPublicKeys.addAll(io.neonclient.testkit.internal.http.Auth.readPublicKeys(java.util.Objects.requireNonNull(path, "path")));
        this.authPublicKeyPaths.add(path);
        this.auth = true;
        return this;
    }

    /** Seed of the random source behind probabilistic faults and latency jitter. */
    public NeonTestClusterBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The control plane the controller sends {@code notify-attach} and {@code import_complete} to. */
    public NeonTestClusterBuilder controlPlane(URI url, String bearerToken) {
        this.controlPlane = Objects.requireNonNull(url, "controlPlane url must not be null");
        this.controlPlaneToken = bearerToken;
        return this;
    }

    /**
     * Registers every pageserver ({@code POST /control/v1/node} with its loopback addresses) and safekeeper at
     * start, as pageservers with a metadata.json do through re-attach. Off by default: tests usually register.
     */
    public NeonTestClusterBuilder registerNodes(boolean on) {
        this.registerNodes = on;
        return this;
    }

    /**
     * Upstream {@code --timelines-onto-safekeepers}: timeline create places each timeline on 3 active safekeepers
     * (the response's {@code safekeepers} is then non-null) and {@code safekeeper_migrate} sends
     * {@code notify-safekeepers}.
     */
    public NeonTestClusterBuilder timelinesOntoSafekeepers(boolean on) {
        this.timelinesOntoSafekeepers = on;
        return this;
    }

    /** Availability zone for registered nodes (default {@code az-a}). */
    public NeonTestClusterBuilder availabilityZone(String az) {
        this.availabilityZone = Objects.requireNonNull(az, "availabilityZone must not be null");
        return this;
    }

    /** Upstream {@code --heartbeat-interval} (default 5 s). */
    public NeonTestClusterBuilder heartbeatInterval(Duration d) {
        this.heartbeatInterval = positive("heartbeatInterval", d);
        return this;
    }

    /** Upstream {@code --max-offline-interval} (default 30 s). */
    public NeonTestClusterBuilder maxOfflineInterval(Duration d) {
        this.maxOfflineInterval = positive("maxOfflineInterval", d);
        return this;
    }

    /** How long one reconcile takes (default 1 s upstream time). */
    public NeonTestClusterBuilder reconcileLatency(Duration d) {
        this.reconcileLatency = positive("reconcileLatency", d);
        return this;
    }

    /** How long a new secondary location takes to download its heatmap layers (default 10 s). */
    public NeonTestClusterBuilder secondaryWarmup(Duration d) {
        this.secondaryWarmup = positive("secondaryWarmup", d);
        return this;
    }

    /** How long an import_pgdata job runs (default 30 s). */
    public NeonTestClusterBuilder importDuration(Duration d) {
        this.importDuration = positive("importDuration", d);
        return this;
    }

    /**
     * Where {@code import_pgdata} jobs read their {@code {"AwsS3": {"bucket", "key"}}} location: the directory an
     * S3-compatible server keeps its buckets in ({@code <root>/<bucket>/<key>/status/pgdata},
     * {@code …/pgdata/global/pg_control}), e.g. the base directory of s3proxy's filesystem backend; upstream points its
     * pageservers at such a server with {@code import_pgdata_aws_endpoint_url}. A job then waits for
     * {@code status/pgdata} to say {@code {"done": true}} and fails without {@code pg_control}. Default: none, and jobs
     * only take {@link #importDuration}.
     */
    public NeonTestClusterBuilder importBucketRoot(java.nio.file.Path root) {
        this.importBucketRoot = Objects.requireNonNull(root, "root");
        return this;
    }

    /**
     * How long the controller's start-up reconcile takes after each (re)start (default zero). Until it is done
     * {@code GET /ready} answers 503 and tenant routes wait for it, at most 30 s (upstream
     * {@code STARTUP_RECONCILE_TIMEOUT}), then answer {@code 408 Timed out waiting for service readiness}.
     */
    public NeonTestClusterBuilder startupReconcile(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("startupReconcile must be zero or positive, got " + d);
        }
        this.startupReconcile = d;
        return this;
    }

    /**
     * Upstream {@code --tenant-rate-limit}: requests per second per tenant on the controller routes that are rate
     * limited (timeline create/delete, passthrough GETs, leases …; default 10, burst of the same size, upstream
     * seconds). Requests over the limit are delayed, never refused. 0 turns the limit off (a testkit extension).
     */
    public NeonTestClusterBuilder tenantRateLimit(int perSecond) {
        this.tenantRateLimit = range("tenantRateLimit", perSecond, 0, 1_000_000);
        return this;
    }

    /** Builds the (not yet started) cluster. */
    public NeonTestCluster build() {
        Timing timing = new Timing(timeScale, heartbeatInterval, maxOfflineInterval, maxWarmingUpInterval, reconcileLatency,
                secondaryWarmup, importDuration);
        Cluster c = new Cluster(pageservers, safekeepers, timing, new Auth(auth, authPublicKeys, authPublicKeyPaths), seed, controlPlane, controlPlaneToken,
                tenantRateLimit, startupReconcile);
        c.storcon().placeTimelinesOntoSafekeepers(timelinesOntoSafekeepers);
        c.storcon().readImportsFrom(importBucketRoot);
        return new NeonTestCluster(c, this);
    }

    private static int range(String field, int n, int min, int max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    private static Duration positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + d);
        }
        return d;
    }
}
