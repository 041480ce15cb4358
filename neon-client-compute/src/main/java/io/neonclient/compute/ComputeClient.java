package io.neonclient.compute;

import io.neonclient.core.Acceptor;
import io.neonclient.core.Awaitable;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.Scope;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Polling;
import io.neonclient.core.internal.Request;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A client for one compute's {@code compute_ctl} (upstream {@code compute_tools/src/http/}). Its token is not a
 * storage token: a JWT verified against the JWKS in the compute's {@code compute_ctl_config}, with claims
 * {@code {"compute_id": …}} or {@code {"scope": "compute_ctl:admin", "aud": ["compute"]}}. Error bodies are
 * {@code {"error": …}}. {@code /refresh_configuration} lives on the internal (loopback) listener; point a client with
 * that port at it.
 *
 * <pre>{@code
 * var compute = ComputeClient.builder().baseUri("http://compute-1:3080").configure(c -> c.withBearerToken(jwt)).build();
 * compute.status().status();   // e.g. RUNNING
 * compute.running().await(Duration.ofMinutes(2));
 * }</pre>
 */
public final class ComputeClient implements AutoCloseable {
    static final Scope SCOPE = Scope.COMPUTE_CTL_ADMIN;
    private static final Json.Reader<ComputeState> STATE = Json.reader(ComputeState.class);
    private static final Json.Reader<ComputeMetrics> METRICS = Json.reader(ComputeMetrics.class);
    private static final Json.Reader<Terminated> TERMINATED = Json.reader(Terminated.class);
    private static final Json.Reader<PromoteState> PROMOTE = Json.reader(PromoteState.class);
    private static final Json.Reader<CatalogObjects> CATALOG = Json.reader(CatalogObjects.class);
    private static final Json.Reader<Insights> INSIGHTS = Json.reader(Insights.class);
    private static final Json.Reader<ExtensionInstallation> INSTALLED = Json.reader(ExtensionInstallation.class);
    private static final Json.Reader<RoleGrants> GRANTS = Json.reader(RoleGrants.class);
    private static final Set<ComputeStatus> TERMINATING = Set.of(ComputeStatus.TERMINATED,
            ComputeStatus.TERMINATION_PENDING_FAST, ComputeStatus.TERMINATION_PENDING_IMMEDIATE);

    private final ClientSettings settings;
    final HttpTransport transport;

    private ComputeClient(ClientSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings);
    }

    /** A client for {@code baseUri} (e.g. {@code "http://127.0.0.1:3080"}) with {@link ClientConfig#defaults()}. */
    public static ComputeClient create(String baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A client for {@code baseUri} with {@link ClientConfig#defaults()}. */
    public static ComputeClient create(URI baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A builder with no base URI yet and {@link ClientConfig#defaults()}. */
    public static Builder builder() {
        return new Builder(null, ClientConfig.defaults());
    }

    /** A builder holding this client's base URI and configuration, to derive a differently configured copy. */
    public Builder toBuilder() {
        return new Builder(settings.baseUri(), settings.config());
    }

    /** The compute_ctl's base URI. */
    public URI baseUri() {
        return settings.baseUri();
    }

    /** This client's configuration (tokens, timeouts, policies, TLS), to share with other clients. */
    public ClientConfig config() {
        return settings.config();
    }

    /**
     * Closes this client. Sends nothing: it waits for the calls in flight to end, then releases the connections and the
     * selector thread of the JDK {@code HttpClient} the client built. A JVM that ends with such a thread open spends
     * about 0.3 s more in its exit, so a short-lived program (a command, a job) closes its clients, e.g. with
     * try-with-resources; a service closes them at shutdown. An {@code HttpClient} given with
     * {@link ClientConfig#withHttpClient} is the caller's and stays open. Calls after this throw
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        transport.close();
    }

    /** {@code GET /status}: the compute's lifecycle state, tenant, timeline and last error. */
    public ComputeState status() {
        return transport.call(Request.get("/status").scope(SCOPE).build(), STATE);
    }

    /**
     * {@code POST /configure} with {@code {"spec": …, "compute_ctl_config": …}}: applies the spec and blocks until the
     * compute is {@link ComputeStatus#RUNNING} again (bounded by the client's request timeout), then returns the state.
     * Not retried: the caller decides whether to repeat a configuration.
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 when the compute is neither empty nor running (busy)
     * @throws io.neonclient.core.BadRequestException         400 when compute_ctl rejects the spec
     * @throws io.neonclient.core.ServerErrorException        500 when applying the spec failed
     */
    public ComputeState configure(ComputeSpec spec, ComputeCtlConfig config) {
        if (spec == null || config == null) {
            throw new NullPointerException("configure needs a spec and a compute_ctl config");
        }
        return transport.call(Request.post("/configure").scope(SCOPE).json(new ConfigurationRequest(spec, config)).build(), STATE);
    }

    /**
     * {@code POST /configure} with the {@code spec} and {@code compute_ctl_config} of {@code config} (the file
     * {@code compute_ctl -c} reads): as {@link #configure(ComputeSpec, ComputeCtlConfig)}.
     *
     * @throws IllegalArgumentException when the config has no spec (nothing to configure; nothing is sent)
     */
    public ComputeState configure(ComputeConfig config) {
        Objects.requireNonNull(config, "config");
        ComputeSpec spec = config.spec().orElseThrow(() -> new IllegalArgumentException(
                "config needs a spec to configure a compute with (POST /configure requires one)"));
        return configure(spec, config.computeCtlConfig());
    }

    /**
     * {@code POST /terminate?mode=…}: stops Postgres and waits for it (upstream answers 200, or 201 when it was already
     * terminated). Returns the LSN Postgres flushed last, if it reported one.
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 when the compute is busy (neither empty nor running)
     */
    public Optional<Lsn> terminate(TerminateMode mode) {
        if (mode == null) {
            throw new NullPointerException("terminate mode must not be null");
        }
        Terminated t = transport.call(Request.post("/terminate").query("mode", mode).scope(SCOPE).idempotent(true).build(), TERMINATED);
        return t == null ? Optional.empty() : t.lsn();
    }

    /**
     * {@code POST /refresh_configuration}: asks compute_ctl to fetch its spec again and re-apply it. compute_ctl serves
     * this on its internal listener only ({@code --internal-http-port}, default 3081, no auth; see
     * compute_tools/src/http/server.rs), so call it on a client whose base URI is that port; the external listener
     * (3080) answers 404.
     *
     * @throws io.neonclient.core.ServerErrorException 500 when a refresh is already running
     */
    public void refreshConfiguration() {
        transport.send(Request.post("/refresh_configuration").scope(SCOPE).build());
    }

    /** {@code GET /metrics.json}: start-up timings. */
    public ComputeMetrics metrics() {
        return transport.call(Request.get("/metrics.json").scope(SCOPE).build(), METRICS);
    }

    /**
     * {@code GET /hadron_liveness_probe}: whether Postgres accepts connections (upstream {@code hadron_liveness_probe}
     * runs {@code pg_isready} on the compute's port, {@code compute_tools/src/http/routes/hadron_liveness_probe.rs});
     * returns normally when it does. A read, so retried on 503.
     *
     * @throws io.neonclient.core.ServerErrorException 500 with {@code pg_isready}'s error when Postgres does not answer
     */
    public void livenessProbe() {
        transport.send(Request.get("/hadron_liveness_probe").scope(SCOPE).idempotent(true).build());
    }

    /**
     * {@code POST /check_writability}: writes to the database now (upstream {@code check_writability},
     * {@code compute_tools/src/checker.rs}); returns normally when the write succeeded.
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 when the compute is not running
     * @throws io.neonclient.core.ServerErrorException        500 with the error when the write failed
     */
    public void checkWritability() {
        transport.send(Request.post("/check_writability").scope(SCOPE).build());
    }

    /**
     * {@code POST /promote} with {@code {"spec": …, "wal_flush_lsn": …}} (upstream {@code PromoteConfig}): turns this
     * replica into the primary once it has replayed WAL up to {@code walFlushLsn} (the old primary's last flush), then
     * applies {@code spec} (the primary's, with this compute's mode set to primary); blocks until done. Not retried.
     *
     * @throws io.neonclient.core.BadRequestException  400 when the spec does not parse
     * @throws io.neonclient.core.ServerErrorException 500 with the {@code failed} state's error (e.g. the compute is not
     *                                                  a replica, or did not catch up)
     */
    public PromoteState promote(ComputeSpec spec, Lsn walFlushLsn) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(walFlushLsn, "walFlushLsn");
        return transport.call(Request.post("/promote").scope(SCOPE).json(new PromoteConfig(spec, walFlushLsn)).build(), PROMOTE);
    }

    /** The Local File Cache routes, {@code /lfc/prewarm} and {@code /lfc/offload}. No request is sent. */
    public ComputeLfc lfc() {
        return new ComputeLfc(this);
    }

    /**
     * {@code GET /insights}: the slowest statements from {@code pg_stat_statements}.
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 when the compute is not running
     */
    public Insights insights() {
        Insights insights = transport.call(Request.get("/insights").scope(SCOPE).build(), INSIGHTS);
        return insights == null ? new Insights(List.of()) : insights;
    }

    /** {@code GET /dbs_and_roles}: the roles and databases in the compute's catalog (upstream {@code get_dbs_and_roles}). */
    public CatalogObjects dbsAndRoles() {
        CatalogObjects catalog = transport.call(Request.get("/dbs_and_roles").scope(SCOPE).build(), CATALOG);
        return catalog == null ? new CatalogObjects(List.of(), List.of()) : catalog;
    }

    /**
     * {@code GET /database_schema?database=…}: the schema of {@code database} as SQL ({@code pg_dump --schema-only}
     * output, upstream {@code get_database_schema}).
     *
     * @throws IllegalArgumentException               when {@code database} is blank
     * @throws io.neonclient.core.NotFoundException    404 when the database does not exist
     */
    public String databaseSchema(String database) {
        Objects.requireNonNull(database, "database");
        if (database.isBlank()) {
            throw new IllegalArgumentException("database must name a database, got a blank string");
        }
        byte[] body = transport.send(Request.get("/database_schema").query("database", database).scope(SCOPE).build()).body();
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * {@code POST /extensions} with {@code {"extension", "database", "version"}} (upstream {@code ExtensionInstallRequest}):
     * installs or updates an extension in one database and answers 201 with the version installed. compute_ctl serves it
     * on its internal listener, as {@link #refreshConfiguration()}.
     *
     * @throws IllegalArgumentException                       when a name or the version is blank
     * @throws io.neonclient.core.PreconditionFailedException 412 when the compute is not running
     * @throws io.neonclient.core.ServerErrorException        500 when the installation failed
     */
    public ExtensionInstallation installExtension(String extension, String database, String version) {
        for (String[] field : new String[][] {{"extension", extension}, {"database", database}, {"version", version}}) {
            Objects.requireNonNull(field[1], field[0]);
            if (field[1].isBlank()) {
                throw new IllegalArgumentException(field[0] + " must not be blank");
            }
        }
        return transport.call(Request.post("/extensions").scope(SCOPE)
                .json(new ExtensionInstallRequest(extension, database, version)).build(), INSTALLED);
    }

    /**
     * {@code POST /grants} with {@code {"database", "schema", "privileges", "role"}} (upstream {@code SetRoleGrantsRequest},
     * handler {@code add_grant} in {@code compute_tools/src/http/routes/grants.rs}): grants {@code privileges} on
     * {@code schema} in {@code database} to {@code role}; answers 201 repeating the request. compute_ctl serves it on its
     * internal listener, as {@link #installExtension}. Not retried: it runs {@code GRANT} once per call.
     *
     * @throws IllegalArgumentException                       when a name is blank or {@code privileges} is empty
     * @throws io.neonclient.core.PreconditionFailedException 412 when the compute is not running
     * @throws io.neonclient.core.ServerErrorException        500 when Postgres refused the grant (unknown role, schema, ...)
     */
    public RoleGrants grants(String database, String schema, List<Privilege> privileges, String role) {
        for (String[] field : new String[][] {{"database", database}, {"schema", schema}, {"role", role}}) {
            Objects.requireNonNull(field[1], field[0]);
            if (field[1].isBlank()) {
                throw new IllegalArgumentException(field[0] + " must not be blank");
            }
        }
        Objects.requireNonNull(privileges, "privileges");
        if (privileges.isEmpty()) {
            throw new IllegalArgumentException("privileges must name at least one privilege, got an empty list");
        }
        for (Privilege p : privileges) {
            Objects.requireNonNull(p, "privileges element");
        }
        return transport.call(Request.post("/grants").scope(SCOPE)
                .json(new SetRoleGrantsRequest(database, schema, List.copyOf(privileges), role)).build(), GRANTS);
    }

    /**
     * The compute reaching {@link ComputeStatus#RUNNING}: {@code await} polls {@code GET /status} until it reports
     * {@code running} and returns that state. It fails at once when the compute reports {@code failed} (with its
     * error) or is terminating or terminated; any other state, including one this SDK does not know, is "not yet".
     * Nothing is sent until {@code await}.
     */
    public Awaitable<ComputeState> running() {
        return Polling.<ComputeState>of("compute at " + settings.baseUri() + " running", settings, this::status,
                Acceptor.judge(s -> "status " + s.status(), List.of(
                        Acceptor.<ComputeState>done(s -> s.status() == ComputeStatus.RUNNING),
                        Acceptor.<ComputeState>failed(s -> s.status() == ComputeStatus.FAILED,
                                s -> "compute failed: " + s.error().orElse("no error reported")),
                        Acceptor.<ComputeState>failed(s -> TERMINATING.contains(s.status()),
                                s -> "compute is terminating (" + s.status() + ")"))));
    }

    /** Upstream {@code ConfigurationRequest} ({@code libs/compute_api/src/requests.rs}). */
    record ConfigurationRequest(ComputeSpec spec, ComputeCtlConfig computeCtlConfig) {}

    ClientSettings settings() {
        return settings;
    }

    /** Upstream {@code PromoteConfig} ({@code libs/compute_api/src/responses.rs}). */
    record PromoteConfig(ComputeSpec spec, Lsn walFlushLsn) {}

    /** Upstream {@code ExtensionInstallRequest} ({@code libs/compute_api/src/requests.rs}). */
    record ExtensionInstallRequest(String extension, String database, String version) {}

    /** Upstream {@code SetRoleGrantsRequest} ({@code libs/compute_api/src/requests.rs}). */
    record SetRoleGrantsRequest(String database, String schema, List<Privilege> privileges, String role) {}

    /** Upstream {@code TerminateResponse}. */
    record Terminated(Optional<Lsn> lsn) {}

    /** Builds a {@link ComputeClient} from a base URI and a {@link ClientConfig}. */
    public static final class Builder {
        private URI baseUri;
        private ClientConfig config;

        private Builder(URI baseUri, ClientConfig config) {
            this.baseUri = baseUri;
            this.config = config;
        }

        /** compute_ctl's address, e.g. {@code http://compute-1:3080} (external port; the internal one, 3081, for {@code refreshConfiguration}). */
        public Builder baseUri(URI uri) {
            this.baseUri = ClientSettings.normalizeBaseUri("baseUri", Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /** compute_ctl's address, e.g. {@code http://compute-1:3080} (external port; the internal one, 3081, for {@code refreshConfiguration}). */
        public Builder baseUri(String uri) {
            this.baseUri = ClientSettings.parseBaseUri("baseUri", Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /** Every other setting (default {@link ClientConfig#defaults()}); one configuration can serve every client. */
        public Builder config(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Derives the configuration from the current one, e.g. {@code configure(c -> c.withBearerToken(token))}. */
        public Builder configure(UnaryOperator<ClientConfig> change) {
            return config(Objects.requireNonNull(change, "change").apply(config));
        }

        /**
         * The client for this compute_ctl.
         *
         * @throws IllegalArgumentException when the base URI is missing
         */
        public ComputeClient build() {
            return new ComputeClient(new ClientSettings("compute_ctl", baseUri, config));
        }
    }
}
