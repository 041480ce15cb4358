package io.neonclient.pageserver;

import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.SecondaryProgress;
import java.time.Duration;

/**
 * A secondary location's layer download, started by {@link PageserverTenant#secondaryDownload(Duration)}. The
 * pageserver answers {@code 200} when the heatmap's layers are all on disk and {@code 202} while it is still
 * downloading ({@code secondary_download_handler} in upstream {@code pageserver/src/http/routes.rs}).
 */
public final class SecondaryDownload {
    private final PageserverTenant tenant;
    private final Duration wait;
    private final Poll first;

    private SecondaryDownload(PageserverTenant tenant, Duration wait, Poll first) {
        this.tenant = tenant;
        this.wait = wait;
        this.first = first;
    }

    static SecondaryDownload start(PageserverTenant tenant, Duration wait) {
        return new SecondaryDownload(tenant, wait, tenant.downloadOnce(wait));
    }

    /** True when the first call already answered 200 (done). */
    public boolean isDone() {
        return first.done();
    }

    /** The progress the first call reported. */
    public SecondaryProgress progress() {
        return first.progress();
    }

    /**
     * Repeats the long-poll ({@code POST …/secondary/download?wait_ms=…}, each holding up to the wait given at start)
     * until the server answers 200, within the client's wait policy with {@code timeout}.
     *
     * @return the final progress
     * @throws io.neonclient.core.WaitTimeoutException with the last progress when {@code timeout} passes first
     */
    public SecondaryProgress await(Duration timeout) {
        return await(tenant.client().waitPolicy().withTimeout(timeout));
    }

    /** As {@link #await(Duration)} with a full policy (the delays apply between long-polls). */
    public SecondaryProgress await(WaitPolicy policy) {
        if (first.done()) {
            return first.progress();
        }
        String awaited = "secondary download of " + tenant.id();
        return Waiter.await(awaited, policy, () -> tenant.downloadOnce(wait),
                poll -> poll.done() ? WaitVerdict.done() : WaitVerdict.pending(poll.progress().toString())).progress();
    }

    /** One answer: 200 (done) or 202, with the progress. */
    record Poll(boolean done, SecondaryProgress progress) {
        @Override
        public String toString() {
            return (done ? "done " : "downloading ") + progress;
        }
    }

    @Override
    public String toString() {
        return "SecondaryDownload[" + tenant.id() + ", " + first + "]";
    }
}
