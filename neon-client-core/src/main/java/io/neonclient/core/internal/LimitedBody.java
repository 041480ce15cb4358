package io.neonclient.core.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into a byte array, refusing bodies over a cap: a declared
 * {@code Content-Length} over the cap is refused before reading, and a streamed body is cut off as soon as
 * it passes the cap, so a runaway server cannot fill the heap.
 */
final class LimitedBody {
    private LimitedBody() {}

    /** Thrown (inside an IOException chain) when the body is larger than the cap. */
    static final class TooLarge extends java.io.IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        TooLarge(int status, long limit) {
            super("response body larger than the " + limit + "-byte cap (maxResponseBytes)");
            this.status = status;
        }
    }

    /**
     * A body declared within the cap is read by the JDK's own byte-array subscriber: a fixed-length body cannot outgrow
     * its declared length, and the JDK hands a body to a subscriber of its own on the thread that reads the socket, while
     * any other subscriber's body is collected through the client's executor (a thread hand-off per call,
     * {@code ResponseSubscribers.TrustedSubscriber} in {@code java.net.http}). Bodies of undeclared length are counted
     * as they stream.
     */
    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> {
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > limit) {
                return new Refusing(info.statusCode(), limit);
            }
            if (declared >= 0) {
                return HttpResponse.BodySubscribers.ofByteArray();
            }
            return new Collecting(info.statusCode(), limit);
        };
    }

    private static final class Refusing implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final long limit;

        private final int status;

        Refusing(int status, long limit) {
            this.status = status;
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            result.completeExceptionally(new TooLarge(status, limit));
        }

        @Override
        public void onNext(List<ByteBuffer> item) {}

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {}
    }

    private static final class Collecting implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final long limit;
        private Flow.Subscription subscription;
        private byte[] buffer = new byte[8192];
        private int size;

        private final int status;

        Collecting(int status, long limit) {
            this.status = status;
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if ((long) size + n > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge(status, limit));
                    return;
                }
                if (size + n > buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(buffer.length * 2L, (long) size + n)));
                }
                b.get(buffer, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size));
        }
    }
}
