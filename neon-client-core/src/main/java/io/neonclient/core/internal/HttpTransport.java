package io.neonclient.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.neonclient.core.ApiException;
import io.neonclient.core.BearerToken;
import io.neonclient.core.Operation;
import io.neonclient.core.ProtocolException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link Request}s over {@code java.net.http}: adds the scope's token, retries what is safe to repeat
 * (transport failures and 503/429/408, plus a request's documented retry statuses) under the
 * {@link RetryPolicy} with Resilience4j, honours {@code Retry-After}, caps the body size, and turns every
 * failure into the SDK's exception tree. Logs one debug line per attempt on {@code io.neonclient.http}
 * with method, path template, status, duration and attempt: never headers, so never a token.
 */
public final class HttpTransport {
    private static final Logger LOG = LoggerFactory.getLogger("io.neonclient.http");

    private final ClientSettings settings;
    private final HttpClient client;
    /** True when this transport built {@link #client} itself (so {@link #close()} may close it). */
    private final boolean ownsClient;
    private final Retry retry;
    /** The policy's attempts per call, 1 when nothing is retried. */
    private final int maxAttempts;
    /** Reads every answer's body under the configured cap. */
    private final HttpResponse.BodyHandler<byte[]> bodyHandler;
    private volatile boolean closed;

    public HttpTransport(ClientSettings settings) {
        this.settings = settings;
        this.ownsClient = settings.httpClient() == null;
        this.client = ownsClient ? newClient(settings) : settings.httpClient();
        this.bodyHandler = LimitedBody.handler(settings.maxResponseBytes());
        RetryPolicy policy = settings.retryPolicy();
        this.maxAttempts = policy.maxAttempts();
        this.retry = Retry.of(settings.component(), RetryConfig.<Attempt>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnResult(Attempt::shouldRetry)
                .retryOnException(e -> e instanceof RetryableIo)
                .failAfterMaxAttempts(false)
                .intervalBiFunction((Integer attempt, Either<Throwable, Attempt> outcome) -> delayMillis(policy, attempt, outcome))
                .build());
    }

    private static HttpClient newClient(ClientSettings s) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(s.connectTimeout());
        if (s.sslContext() != null) {
            b.sslContext(s.sslContext());
        } else if ("http".equalsIgnoreCase(s.baseUri().getScheme())) {
            b.sslContext(PlainHttp.noTls()).sslParameters(PlainHttp.parameters());
        }
        return b.build();
    }

    /** The JDK client this transport sends with. */
    HttpClient httpClient() {
        return client;
    }

    public ClientSettings settings() {
        return settings;
    }

    /**
     * Closes the JDK client this transport built, once the exchanges in flight have ended: its connections and its
     * selector thread go away. A JVM cannot exit quickly while that thread waits in native code (its exit waits for
     * such threads for about 0.3 s), so a short-lived program closes its clients before it ends. A client given in the
     * configuration ({@code ClientConfig.withHttpClient}) belongs to the caller and stays open. Later sends throw
     * {@link IllegalStateException}. Idempotent.
     */
    public void close() {
        closed = true;
        if (ownsClient) {
            client.close();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Sends and returns the 2xx answer; any other status becomes the matching {@link ApiException}. */
    public Response send(Request request) {
        if (closed) {
            throw new IllegalStateException("this " + settings.component() + " client (" + settings.baseUri() + ") is closed; build a new one");
        }
        Attempt last;
        try {
            last = attempts(request);
        } catch (RetryableIo e) {
            throw e.toException();
        } catch (NonRetryableIo e) {
            throw e.toException();
        } catch (TransportException | ProtocolException e) {
            throw e;
        } catch (Throwable e) {
            if (Thread.currentThread().isInterrupted() || e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new TransportException(request.operation(), "interrupted", 1, e);
            }
            throw new TransportException(request.operation(), e.toString(), 1, e);
        }
        if (last.status >= 200 && last.status < 300) {
            return new Response(last.status, last.response.body(), last.response.headers(), last.number);
        }
        boolean tokenSent = last.response.request().headers().firstValue("Authorization").isPresent();
        throw ApiException.of(request.operation(), last.status, serverMessage(last.response.body()), last.number, request.scope(), tokenSent);
    }

    /**
     * The attempts of one call. The first runs on its own: most calls are answered at once, and then no retry context
     * is made at all. An outcome the policy repeats (a retryable status or I/O failure) hands the call to Resilience4j,
     * which is given that outcome as its first attempt and goes on from there: its wait, further attempts and final
     * outcome are exactly those of a retry that had made the first attempt itself.
     */
    private Attempt attempts(Request request) throws Throwable {
        Attempt first = null;
        RetryableIo firstFailure = null;
        try {
            first = attempt(request, 1);
            if (maxAttempts == 1 || !first.shouldRetry()) {
                return first;
            }
        } catch (RetryableIo e) {
            if (maxAttempts == 1) {
                throw e;
            }
            firstFailure = e;
        }
        Attempt replayed = first;
        RetryableIo replayedFailure = firstFailure;
        int[] attempts = {0};
        return retry.executeCheckedSupplier(() -> {
            int number = ++attempts[0];
            if (number > 1) {
                return attempt(request, number);
            }
            if (replayedFailure != null) {
                throw replayedFailure;
            }
            return replayed;
        });
    }

    /** Sends and decodes the body; a {@code null} or empty body gives null. */
    public <T> T call(Request request, Json.Reader<T> reader) {
        Response r = send(request);
        return decode(request.operation(), r, reader);
    }

    public static <T> T decode(Operation op, Response r, Json.Reader<T> reader) {
        try {
            return reader.read(r.body());
        } catch (IOException | RuntimeException e) {
            String what = e instanceof IOException io ? Json.describe(io) : e.getMessage();
            throw new ProtocolException(op, r.status(), what, r.attempts(), e);
        }
    }

    /** One send; returns the answer, or throws a {@link RetryableIo}/{@link NonRetryableIo} for I/O failures. */
    private Attempt attempt(Request request, int number) throws Exception {
        Duration timeout = request.timeout() != null ? request.timeout() : settings.requestTimeout();
        HttpRequest.Builder hb = HttpRequest.newBuilder(URI.create(settings.baseUri() + request.pathAndQuery()))
                .header("User-Agent", settings.userAgent())
                .header("Accept", "application/json");
        if (request.scope() != null) {
            Optional<BearerToken> token = settings.tokens().tokenFor(request.scope());
            token.ifPresent(t -> hb.header("Authorization", "Bearer " + t.value()));
        }
        String method = request.operation().method();
        if (request.body() != null) {
            hb.header("Content-Type", request.contentType());
            hb.method(method, HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            switch (method) {
                // No body publisher at all: the JDK then sends no Content-Length on a GET, HEAD or DELETE without a body
                // (Http1Request in java.net.http), as RFC 9110 §8.6 asks; a publisher, even noBody(), adds
                // "Content-Length: 0".
                case "GET" -> hb.GET();
                case "HEAD" -> hb.HEAD();
                case "DELETE" -> hb.DELETE();
                default -> hb.method(method, HttpRequest.BodyPublishers.noBody());
            }
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = exchange(hb.build(), timeout);
            log(request, String.valueOf(response.statusCode()), start, number);
            return new Attempt(request, response, number);
        } catch (IOException e) {
            log(request, e.getClass().getSimpleName(), start, number);
            LimitedBody.TooLarge tooLarge = findTooLarge(e);
            if (tooLarge != null) {
                throw new NonRetryableIo(request, number, e, true);
            }
            // A refused connection sent nothing, so it is safe to repeat whatever the method.
            boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
            if (request.idempotent() || notSent) {
                throw new RetryableIo(request, number, e);
            }
            throw new NonRetryableIo(request, number, e, false);
        }
    }

    /**
     * One exchange, bounded as a whole by {@code timeout}: connection, headers and body. {@link HttpRequest#timeout}
     * alone ends at the headers, so a server that sends its headers and then stalls mid-body would hold the call
     * forever. The exchange runs on the calling thread ({@code HttpClient.send}, which the JDK carries out inline until
     * it must wait for the socket) under a {@link Deadlines} watch that cancels it, closing its connection, when the
     * timeout passes.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request, Duration timeout) throws IOException, InterruptedException {
        Deadlines.Deadline deadline = Deadlines.start(timeout.toNanos());
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, bodyHandler);
        } catch (InterruptedException | IOException e) {
            if (deadline.finish()) {
                throw new StalledExchange("no complete answer (headers and body) within " + timeout.toMillis() + " ms");
            }
            throw e;
        } catch (RuntimeException | Error e) {
            deadline.finish();
            throw e;
        }
        deadline.finish(); // a deadline passing as the answer completed leaves the answer standing
        return response;
    }

    /** The whole exchange outlived its timeout. */
    static final class StalledExchange extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        StalledExchange(String message) {
            super(message);
        }
    }

    private static LimitedBody.TooLarge findTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitedBody.TooLarge tl) {
                return tl;
            }
        }
        return null;
    }

    private void log(Request request, String outcome, long startNanos, int attempt) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} ms (attempt {})", request.operation().method(), request.operation().pathTemplate(),
                    outcome, (System.nanoTime() - startNanos) / 1_000_000, attempt);
        }
    }

    private static long delayMillis(RetryPolicy policy, int attempt, Either<Throwable, Attempt> outcome) {
        if (outcome.isRight()) {
            Optional<Duration> after = retryAfter(outcome.get().response);
            if (after.isPresent()) {
                return Math.min(after.get().toMillis(), policy.maxRetryAfter().toMillis());
            }
        }
        long base = policy.backoff(attempt).toMillis();
        if (policy.jitter() == 0 || base == 0) {
            return base;
        }
        double factor = 1 + policy.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.max(0, (long) (base * factor));
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").flatMap(v -> {
            String s = v.strip();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (RuntimeException notDate) {
                    return Optional.empty();
                }
            }
        });
    }

    /**
     * The error text of a body: {@code msg} (storage components, {@code libs/http-utils/src/error.rs}) or
     * {@code error} (compute_ctl), else the plain text (routers answer unmatched paths with {@code Not Found}).
     */
    public static String serverMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                for (String field : new String[] {"msg", "error", "message"}) {
                    JsonNode v = node.get(field);
                    if (v != null && v.isTextual()) {
                        return v.asText();
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // fall back to the raw text
            }
        }
        if (text.equals("null")) {
            return "";
        }
        return text.length() > 500 ? text.substring(0, 497) + "..." : text;
    }

    /** One answered attempt. */
    private static final class Attempt {
        final Request request;
        final HttpResponse<byte[]> response;
        final int status;
        final int number;

        Attempt(Request request, HttpResponse<byte[]> response, int number) {
            this.request = request;
            this.response = response;
            this.status = response.statusCode();
            this.number = number;
        }

        boolean shouldRetry() {
            if (request.extraRetryStatuses().contains(status)) {
                return true;
            }
            return request.idempotent() && (status == 503 || status == 429 || status == 408);
        }
    }

    /** An I/O failure worth another attempt. */
    private static final class RetryableIo extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Request request;
        private final int attempts;

        RetryableIo(Request request, int attempts, IOException cause) {
            super(cause);
            this.request = request;
            this.attempts = attempts;
        }

        TransportException toException() {
            return new TransportException(request.operation(), describe(getCause()), attempts, getCause());
        }
    }

    /** An I/O failure that must not be repeated (the request may have been processed), or a body over the cap. */
    private static final class NonRetryableIo extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Request request;
        private final int attempts;
        private final boolean tooLarge;

        NonRetryableIo(Request request, int attempts, IOException cause, boolean tooLarge) {
            super(cause);
            this.request = request;
            this.attempts = attempts;
            this.tooLarge = tooLarge;
        }

        RuntimeException toException() {
            if (tooLarge) {
                LimitedBody.TooLarge tl = findTooLarge(getCause());
                return new ProtocolException(request.operation(), tl.status, tl.getMessage(), attempts, getCause());
            }
            return new TransportException(request.operation(), describe(getCause()), attempts, getCause());
        }
    }

    static String describe(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof StalledExchange stalled) {
            return "request timed out: " + stalled.getMessage();
        }
        if (e instanceof HttpTimeoutException) {
            return "request timed out";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
