package io.neonclient.pageserver;

import io.neonclient.core.Acceptor;
import io.neonclient.core.Awaitable;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.internal.Polling;
import io.neonclient.model.SecondaryProgress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A secondary location's layer download, started by {@link PageserverTenant#secondaryDownload(Duration)}. The
 * pageserver answers {@code 200} when the heatmap's layers are all on disk and {@code 202} while it is still
 * downloading ({@code secondary_download_handler} in upstream {@code pageserver/src/http/routes.rs}). {@code await}
 * repeats the long-poll ({@code POST …/secondary/download?wait_ms=…}, each holding up to the wait given at start; the
 * policy's delays apply between them) until the server answers 200, and returns the final progress; a download the
 * first call already finished returns at once. The state each poll observes is a {@code Poll} (done flag + progress).
 */
public final class SecondaryDownload implements Awaitable<SecondaryProgress> {
    private final PageserverTenant tenant;
    private final Duration wait;
    private final Poll first;
    private final Polling<Poll, SecondaryProgress> polling;

    private SecondaryDownload(PageserverTenant tenant, Duration wait, Poll first) {
        this.tenant = tenant;
        this.wait = wait;
        this.first = first;
        this.polling = Polling.<Poll>of("secondary download of " + tenant.id(), tenant.client().settings(), this::poll,
                        Acceptor.judge(p -> p.progress().toString(), List.of(Acceptor.<Poll>done(Poll::done))))
                .map(Poll::progress);
    }

    static SecondaryDownload start(PageserverTenant tenant, Duration wait) {
        return new SecondaryDownload(tenant, wait, tenant.downloadOnce(wait));
    }

    private Poll poll() {
        return first.done() ? first : tenant.downloadOnce(wait);
    }

    /** True when the first call already answered 200 (done). */
    public boolean isDone() {
        return first.done();
    }

    /** The progress the first call reported. */
    public SecondaryProgress progress() {
        return first.progress();
    }

    @Override
    public SecondaryProgress await() {
        return polling.await();
    }

    @Override
    public SecondaryProgress await(Duration timeout) {
        return polling.await(timeout);
    }

    @Override
    public SecondaryProgress await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return polling.await(policy, progress);
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
