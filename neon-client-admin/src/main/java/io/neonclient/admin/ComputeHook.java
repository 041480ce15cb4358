package io.neonclient.admin;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.StorageControllerClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's compute hook as a service: the address operators give the storage controller as
 * {@code --control-plane-url}. It serves upstream's contract ({@code storage_controller/src/compute_hook.rs},
 * {@code timeline_import.rs}):
 * <ul>
 *   <li>{@code PUT /notify-attach}: every registered compute of the tenant gets compute_ctl {@code POST /configure}
 *       with the new placement (shard count, stripe size, each shard's pageserver);</li>
 *   <li>{@code PUT /notify-safekeepers}: every compute of the timeline gets the new safekeepers and generation;</li>
 *   <li>{@code PUT /import_complete}: the outcome is recorded (read it with {@link #find(TenantId, TimelineId)});</li>
 *   <li>{@code GET /healthz} and {@code GET /metrics} (Prometheus text format).</li>
 * </ul>
 * Answers are the status codes the controller understands: 200 when applied to every registered compute, 423 when
 * recorded but a compute could not take it yet (the hook retries it in the background and reports it in
 * {@link #pending()}), 429 when too many notifications are in flight, 503 when the controller or the registry cannot
 * be read, 400 for a body that is not upstream's, 401 for a missing or wrong {@code Authorization: Bearer} token.
 * Notifications of one tenant apply in arrival order, and a stale one never replaces a newer state. On start the hook
 * compares every registered compute with the controller's placement and re-configures those that differ.
 */
public final class ComputeHook implements ImportOutcomes, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeHook.class);

    private final ComputeStore store;
    private final HookAuth auth;
    private final HookMetrics metrics;
    private final ComputeFollower follower;
    private final HttpServer server;
    private final boolean tls;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ComputeHook(Builder b) {
        this.store = b.store;
        this.auth = b.auth;
        this.metrics = new HookMetrics(b.meters == null ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : b.meters,
                () -> store.list().stream().filter(r -> r.lastError().isPresent()).count());
        this.follower = new ComputeFollower(store, b.storcon, b.computeTokens, b.computeConfig, b.ctlConfig, metrics);
        this.tls = b.sslContext != null;
        try {
            if (tls) {
                HttpsServer https = HttpsServer.create(b.listen, 128);
                https.setHttpsConfigurator(new HttpsConfigurator(b.sslContext));
                server = https;
            } else {
                server = HttpServer.create(b.listen, 128);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compute hook cannot listen on " + b.listen + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", new HookRoutes(store, auth, metrics, follower, b.maxInFlight)::handle);
        server.start();
        long every = b.retryInterval.toMillis();
        retries.scheduleWithFixedDelay(this::retryPending, b.reconcileOnStart ? 0 : every, every, TimeUnit.MILLISECONDS);
        if (b.reconcileOnStart) {
            retries.execute(this::reconcileQuietly);
        }
        LOG.info("compute hook listening on {} ({} computes in {}, auth {})", uri(), store.list().size(), store,
                auth.enabled() ? "on" : "off");
    }

    /** A builder: give it at least {@link Builder#storageController} and usually a {@link Builder#store}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address to give the storage controller as {@code --control-plane-url}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /** The registry the hook keeps its computes in; register computes here ({@link ComputeStore#put}). */
    public ComputeStore store() {
        return store;
    }

    /** The registered computes whose last re-configure failed; the hook retries them in the background. */
    public List<ComputeRecord> pending() {
        return store.list().stream().filter(r -> r.lastError().isPresent()).toList();
    }

    /**
     * Compares every registered compute with the controller's placement ({@code GET /control/v1/tenant/{tenant_id}},
     * {@code GET /control/v1/node}) and sends {@code POST /configure} to those that differ; returns how many were
     * re-configured (or already right) and how many failed (recorded, retried in the background).
     */
    public Reconciliation reconcile() {
        ComputeFollower.Outcome o = follower.reconcile();
        return new Reconciliation(o.applied(), o.failed());
    }

    /**
     * What {@link #reconcile()} did.
     *
     * @param inPlace computes that now match the controller's placement
     * @param failed  computes that could not be re-configured (see {@link #pending()})
     */
    public record Reconciliation(int inPlace, int failed) {}

    /** The {@code import_complete} notification recorded for this timeline, if one arrived. */
    @Override
    public Optional<ImportOutcome> find(TenantId tenantId, TimelineId timelineId) {
        return store.find(tenantId, timelineId);
    }

    /** The metrics {@code GET /metrics} exposes, in Prometheus text format. */
    public String scrape() {
        return metrics.scrape();
    }

    private void reconcileQuietly() {
        try {
            ComputeFollower.Outcome o = follower.reconcile();
            LOG.info("compute hook reconciled its registry with the controller: {} computes in place, {} failed", o.applied(), o.failed());
        } catch (RuntimeException e) {
            LOG.warn("compute hook could not reconcile with the controller (retried with the pending computes): {}", e.getMessage());
        }
    }

    private void retryPending() {
        try {
            follower.retryPending();
        } catch (RuntimeException e) {
            LOG.warn("compute hook retry round failed: {}", e.getMessage());
        }
    }

    /** Stops listening and retrying; the registry stays as it is, for the next start. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.stop(0);
        retries.shutdownNow();
        executor.shutdownNow();
        follower.close();
        LOG.info("compute hook on {} stopped", uri());
    }

    /** Builds and starts a {@link ComputeHook}. */
    public static final class Builder {
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
        private ComputeStore store;
        private Supplier<StorageControllerClient> storcon;
        private HookAuth auth = HookAuth.none();
        private SSLContext sslContext;
        private Function<ComputeRecord, String> computeTokens = r -> null;
        private ClientConfig computeConfig = ClientConfig.defaults().withRequestTimeout(Duration.ofSeconds(8));
        private ComputeCtlConfig ctlConfig = ComputeCtlConfig.empty();
        private PrometheusMeterRegistry meters;
        private Duration retryInterval = Duration.ofSeconds(5);
        private boolean reconcileOnStart = true;
        private int maxInFlight = 256;

        private Builder() {}

        /** Where to listen (default {@code 127.0.0.1} on a free port); {@code 0.0.0.0:3000} for a deployment. */
        public Builder listen(InetSocketAddress address) {
            this.listen = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * {@code HOST:PORT}, e.g. {@code 0.0.0.0:3000}; port 0 picks a free one.
         *
         * @throws IllegalArgumentException when it is not HOST:PORT with a port 0..65535
         */
        public Builder listen(String hostPort) {
            Objects.requireNonNull(hostPort, "hostPort");
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || !hostPort.substring(colon + 1).matches("\\d{1,5}") || Integer.parseInt(hostPort.substring(colon + 1)) > 65535) {
                throw new IllegalArgumentException("listen must be HOST:PORT with a port 0..65535, e.g. 0.0.0.0:3000, got '" + hostPort + "'");
            }
            String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
            return listen(new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1))));
        }

        /** The registry (default {@link ComputeStore#inMemory()}, which a restart loses). */
        public Builder store(ComputeStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The controller whose nodes, safekeepers and placements the hook reads. */
        public Builder storageController(StorageControllerClient storcon) {
            Objects.requireNonNull(storcon, "storcon");
            this.storcon = () -> storcon;
            return this;
        }

        /** As {@link #storageController(StorageControllerClient)}, resolved on first use: for a hook that listens before the controller starts. */
        public Builder storageController(Supplier<StorageControllerClient> storcon) {
            this.storcon = Objects.requireNonNull(storcon, "storcon");
            return this;
        }

        /** Accept only {@code Authorization: Bearer <token>}: the controller's {@code --control-plane-jwt-token}. */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            this.auth = HookAuth.token(token.strip());
            return this;
        }

        /** Accept a JWT signed (EdDSA) by one of these Ed25519 keys, and not expired. */
        public Builder jwtPublicKeys(List<PublicKey> keys) {
            Objects.requireNonNull(keys, "keys");
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("jwtPublicKeys needs at least one Ed25519 public key");
            }
            this.auth = HookAuth.jwt(keys);
            return this;
        }

        /** As {@link #jwtPublicKeys(List)}, from a PEM {@code PUBLIC KEY} file or a directory of them. */
        public Builder jwtPublicKeys(Path pemFileOrDirectory) {
            return jwtPublicKeys(HookAuth.readPublicKeys(Objects.requireNonNull(pemFileOrDirectory, "pemFileOrDirectory")));
        }

        /**
         * Serve HTTPS with the key and certificate in a PKCS12 keystore.
         *
         * @throws IllegalArgumentException when the keystore cannot be read with that password
         */
        public Builder tls(Path pkcs12, char[] password) {
            Objects.requireNonNull(pkcs12, "pkcs12");
            Objects.requireNonNull(password, "password");
            try (InputStream in = Files.newInputStream(pkcs12)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                this.sslContext = ctx;
                return this;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("tls keystore " + pkcs12 + " must be a PKCS12 file readable with the given password: "
                        + e.getMessage(), e);
            }
        }

        /** The bearer token for each compute's compute_ctl (e.g. a JWT with {@code compute_id}); null for none. */
        public Builder computeTokens(Function<ComputeRecord, String> tokens) {
            this.computeTokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /** The settings of the compute_ctl clients (default: 8 s request timeout, under the controller's 10 s). */
        public Builder computeClientConfig(ClientConfig config) {
            this.computeConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The {@code compute_ctl_config} sent with every {@code POST /configure} (default: empty JWKS, no TLS). */
        public Builder computeCtlConfig(ComputeCtlConfig config) {
            this.ctlConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The Micrometer registry to record into and expose (default: a new one). */
        public Builder meterRegistry(PrometheusMeterRegistry registry) {
            this.meters = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** How often computes whose re-configure failed are tried again (default 5 s). */
        public Builder retryInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("retryInterval must be positive, got " + interval);
            }
            this.retryInterval = interval;
            return this;
        }

        /** Whether to compare the registry with the controller's placement on start (default true). */
        public Builder reconcileOnStart(boolean reconcile) {
            this.reconcileOnStart = reconcile;
            return this;
        }

        /** Starts listening; the registry is reconciled in the background. */
        public ComputeHook start() {
            if (storcon == null) {
                throw new IllegalStateException("a compute hook needs storageController(..) to resolve node and safekeeper ids");
            }
            if (store == null) {
                store = ComputeStore.inMemory();
            }
            return new ComputeHook(this);
        }
    }
}
