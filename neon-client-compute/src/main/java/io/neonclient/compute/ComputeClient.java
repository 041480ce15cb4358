package io.neonclient.compute;

import io.neonclient.core.Lsn;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A client for one compute's {@code compute_ctl} (upstream {@code compute_tools/src/http/}). Its token is not a
 * storage token: a JWT verified against the JWKS in the compute's {@code compute_ctl_config}, with claims
 * {@code {"compute_id": …}} or {@code {"scope": "compute_ctl:admin", "aud": ["compute"]}}. Error bodies are
 * {@code {"error": …}}. {@code /refresh_configuration} lives on the internal (loopback) listener; point a client with
 * that port at it.
 *
 * <pre>{@code
 * var compute = ComputeClient.builder().baseUri("http://compute-1:3080").bearerToken(jwt).build();
 * compute.status().status();   // e.g. RUNNING
 * }</pre>
 */
public final class ComputeClient {
    static final Scope SCOPE = Scope.COMPUTE_CTL_ADMIN;
    private static final Json.Reader<ComputeState> STATE = Json.reader(ComputeState.class);
    private static final Json.Reader<ComputeMetrics> METRICS = Json.reader(ComputeMetrics.class);
    private static final Json.Reader<Terminated> TERMINATED = Json.reader(Terminated.class);

    private final ClientSettings settings;
    private final HttpTransport transport;

    private ComputeClient(ClientSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings);
    }

    /** A client for the compute_ctl at {@code baseUri} (e.g. {@code http://127.0.0.1:3080}) with no token. */
    public static ComputeClient create(String baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A builder; {@code baseUri} is required. */
    public static Builder builder() {
        return new Builder(ClientSettings.builder("compute_ctl"));
    }

    /** A builder preset with this client's settings (e.g. to address the internal port). */
    public Builder toBuilder() {
        return new Builder(settings.toBuilder());
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
            throw new IllegalArgumentException("configure needs a spec and a compute_ctl config");
        }
        return transport.call(Request.post("/configure").scope(SCOPE).json(new ConfigurationRequest(spec, config)).build(), STATE);
    }

    /**
     * {@code POST /terminate?mode=…}: stops Postgres and waits for it (upstream answers 200, or 201 when it was already
     * terminated). Returns the LSN Postgres flushed last, if it reported one.
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 when the compute is busy (neither empty nor running)
     */
    public Optional<Lsn> terminate(TerminateMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("terminate mode must not be null");
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
     * Polls {@code GET /status} until {@link ComputeStatus#RUNNING}, within the client's wait policy and {@code timeout}.
     * Fails at once when the compute reports {@link ComputeStatus#FAILED} (with its error), or has terminated.
     *
     * @throws io.neonclient.core.WaitFailedException  on {@code failed} or {@code terminated}
     * @throws io.neonclient.core.WaitTimeoutException with the last state seen
     */
    public ComputeState awaitRunning(Duration timeout) {
        return awaitRunning(settings.waitPolicy().withTimeout(timeout));
    }

    /** As {@link #awaitRunning(Duration)} with a full policy. */
    public ComputeState awaitRunning(WaitPolicy policy) {
        return Waiter.await("compute at " + settings.baseUri() + " running", policy, this::status, state -> switch (state.status()) {
            case ComputeStatus.Known.RUNNING -> WaitVerdict.done();
            case ComputeStatus.Known.FAILED -> WaitVerdict.failed("compute failed: " + state.error().orElse("no error reported"));
            case ComputeStatus.Known.TERMINATED, ComputeStatus.Known.TERMINATION_PENDING_FAST,
                 ComputeStatus.Known.TERMINATION_PENDING_IMMEDIATE ->
                    WaitVerdict.failed("compute is terminating (" + state.status() + ")");
            case ComputeStatus.Known other -> WaitVerdict.pending("status " + other);
            case ComputeStatus.Unknown unknown -> WaitVerdict.pending("status " + unknown);
        });
    }

    /** Upstream {@code ConfigurationRequest} ({@code libs/compute_api/src/requests.rs}). */
    record ConfigurationRequest(ComputeSpec spec, ComputeCtlConfig computeCtlConfig) {}

    /** Upstream {@code TerminateResponse}. */
    record Terminated(Optional<Lsn> lsn) {}

    /** Collects settings; every setter validates at once. */
    public static final class Builder {
        private final ClientSettings.Builder settings;

        private Builder(ClientSettings.Builder settings) {
            this.settings = settings;
        }

        /** compute_ctl's address, e.g. {@code http://compute-1:3080} (external port). */
        public Builder baseUri(String uri) {
            settings.baseUri(uri);
            return this;
        }

        /** compute_ctl's address. */
        public Builder baseUri(URI uri) {
            settings.baseUri(uri);
            return this;
        }

        /** The compute_ctl JWT for every call. */
        public Builder bearerToken(String token) {
            settings.bearerToken(token);
            return this;
        }

        /** Tokens per scope; the client asks for {@code compute_ctl:admin}. */
        public Builder tokens(TokenProvider tokens) {
            settings.tokens(tokens);
            return this;
        }

        /** TCP/TLS connect timeout. */
        public Builder connectTimeout(Duration timeout) {
            settings.connectTimeout(timeout);
            return this;
        }

        /** Time for one attempt; also bounds a blocking {@code configure} and {@code terminate}. */
        public Builder requestTimeout(Duration timeout) {
            settings.requestTimeout(timeout);
            return this;
        }

        /** Retries of calls safe to repeat. */
        public Builder retryPolicy(RetryPolicy policy) {
            settings.retryPolicy(policy);
            return this;
        }

        /** Default policy of {@link ComputeClient#awaitRunning}. */
        public Builder waitPolicy(WaitPolicy policy) {
            settings.waitPolicy(policy);
            return this;
        }

        /** The {@code User-Agent} header. */
        public Builder userAgent(String userAgent) {
            settings.userAgent(userAgent);
            return this;
        }

        /** TLS trust and keys. */
        public Builder sslContext(SSLContext context) {
            settings.sslContext(context);
            return this;
        }

        /** Trust the PEM CA certificate(s) in {@code pem}. */
        public Builder caCertificate(Path pem) {
            settings.caCertificate(pem);
            return this;
        }

        /** Use this HTTP client. */
        public Builder httpClient(HttpClient client) {
            settings.httpClient(client);
            return this;
        }

        /** Builds the client; throws {@link IllegalArgumentException} when {@code baseUri} is missing. */
        public ComputeClient build() {
            return new ComputeClient(settings.build());
        }
    }
}
