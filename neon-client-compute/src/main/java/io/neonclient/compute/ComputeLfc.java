package io.neonclient.compute;

import io.neonclient.core.Acceptor;
import io.neonclient.core.Awaitable;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Polling;
import io.neonclient.core.internal.Request;
import java.util.List;
import java.util.Objects;

/**
 * The compute's Local File Cache: {@code /lfc/prewarm} and {@code /lfc/offload} (upstream
 * {@code compute_tools/src/http/routes/lfc.rs} over {@code compute_tools/src/compute_prewarm.rs}). Offloading uploads
 * the list of cached pages to endpoint storage; prewarming reads such a list and loads those pages, so a restarted or
 * promoted compute starts with a warm cache. Obtain with {@link ComputeClient#lfc()}.
 */
public final class ComputeLfc {
    private static final Json.Reader<LfcPrewarmState> PREWARM = Json.reader(LfcPrewarmState.class);
    private static final Json.Reader<LfcOffloadState> OFFLOAD = Json.reader(LfcOffloadState.class);

    private final ComputeClient client;

    ComputeLfc(ComputeClient client) {
        this.client = client;
    }

    /** {@code GET /lfc/prewarm}: the prewarm state. */
    public LfcPrewarmState prewarmState() {
        return client.transport.call(Request.get("/lfc/prewarm").scope(ComputeClient.SCOPE).build(), PREWARM);
    }

    /**
     * {@code POST /lfc/prewarm}: starts prewarming from this endpoint's own offloaded state (202). The handle's
     * {@code await} polls {@link #prewarmState()}: done at {@code completed} or {@code skipped}, failed at
     * {@code failed} or {@code cancelled}.
     *
     * @throws io.neonclient.core.UnavailableException 429 when a prewarm is already running
     */
    public Awaitable<LfcPrewarmState> prewarm() {
        client.transport.send(Request.post("/lfc/prewarm").scope(ComputeClient.SCOPE).build());
        return prewarmDone();
    }

    /**
     * {@code POST /lfc/prewarm?from_endpoint=…}: as {@link #prewarm()}, from the state another endpoint offloaded (e.g.
     * the primary a replica is about to replace).
     *
     * @throws IllegalArgumentException when {@code fromEndpoint} is blank
     */
    public Awaitable<LfcPrewarmState> prewarm(String fromEndpoint) {
        Objects.requireNonNull(fromEndpoint, "fromEndpoint");
        if (fromEndpoint.isBlank()) {
            throw new IllegalArgumentException("fromEndpoint must name an endpoint, got a blank string");
        }
        client.transport.send(Request.post("/lfc/prewarm").query("from_endpoint", fromEndpoint).scope(ComputeClient.SCOPE).build());
        return prewarmDone();
    }

    /** {@code DELETE /lfc/prewarm}: cancels a running prewarm (202, also when none runs). */
    public void cancelPrewarm() {
        client.transport.send(Request.delete("/lfc/prewarm").scope(ComputeClient.SCOPE).idempotent(true).build());
    }

    /** {@code GET /lfc/offload}: the offload state. */
    public LfcOffloadState offloadState() {
        return client.transport.call(Request.get("/lfc/offload").scope(ComputeClient.SCOPE).build(), OFFLOAD);
    }

    /**
     * {@code POST /lfc/offload}: starts uploading the cache state (202). The handle's {@code await} polls
     * {@link #offloadState()}: done at {@code completed} or {@code skipped}, failed at {@code failed}.
     *
     * @throws io.neonclient.core.UnavailableException 429 when an offload is already running
     */
    public Awaitable<LfcOffloadState> offload() {
        client.transport.send(Request.post("/lfc/offload").scope(ComputeClient.SCOPE).build());
        return Polling.<LfcOffloadState>of("LFC offload at " + client.baseUri(), client.settings(), this::offloadState,
                Acceptor.judge(s -> "offload " + s, List.of(
                        Acceptor.<LfcOffloadState>done(s -> s instanceof LfcOffloadState.Completed || s instanceof LfcOffloadState.Skipped),
                        Acceptor.<LfcOffloadState>failed(s -> s instanceof LfcOffloadState.Failed,
                                s -> "LFC offload failed: " + ((LfcOffloadState.Failed) s).error()))));
    }

    private Awaitable<LfcPrewarmState> prewarmDone() {
        return Polling.<LfcPrewarmState>of("LFC prewarm at " + client.baseUri(), client.settings(), this::prewarmState,
                Acceptor.judge(s -> "prewarm " + s, List.of(
                        Acceptor.<LfcPrewarmState>done(s -> s instanceof LfcPrewarmState.Completed || s instanceof LfcPrewarmState.Skipped),
                        Acceptor.<LfcPrewarmState>failed(s -> s instanceof LfcPrewarmState.Failed,
                                s -> "LFC prewarm failed: " + ((LfcPrewarmState.Failed) s).error()),
                        Acceptor.<LfcPrewarmState>failed(s -> s instanceof LfcPrewarmState.Cancelled, s -> "LFC prewarm was cancelled"))));
    }

    @Override
    public String toString() {
        return "ComputeLfc[" + client.baseUri() + "]";
    }
}
