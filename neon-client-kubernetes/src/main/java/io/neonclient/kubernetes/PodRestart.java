package io.neonclient.kubernetes;

import io.neonclient.core.Acceptor;
import io.neonclient.core.Awaitable;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A pod deleted for its controller to recreate, from {@link Pods#restart}. Each {@code await} polls
 * {@code GET /api/v1/namespaces/{namespace}/pods?labelSelector=…} until a pod with the same labels but another
 * {@code metadata.uid} is Ready, and returns it. Fails at once when that new pod's phase is {@code Failed}. The state
 * observed (a timeout's {@code lastState(List.class)}) is the list of matching pods.
 */
public final class PodRestart implements Awaitable<Pod> {
    private final Pod deleted;
    private final Waiting<List<Pod>, Pod> waiting;

    PodRestart(Pod deleted, Map<String, String> labels, WaitPolicy defaults, Supplier<List<Pod>> probe) {
        this.deleted = deleted;
        this.waiting = new Waiting<>("a new pod with labels " + labels + " Ready in namespace " + deleted.namespace()
                + " (replacing " + deleted.name() + " uid " + deleted.uid() + ")", defaults, probe::get,
                Acceptor.judge(this::pendingReason, List.of(
                        Acceptor.<List<Pod>>done(pods -> successor(pods).filter(Pod::ready).isPresent()),
                        Acceptor.<List<Pod>>failed(pods -> successor(pods).flatMap(Pod::phase).filter("Failed"::equals).isPresent(),
                                pods -> "the new pod " + successor(pods).map(Pod::name).orElse("") + " is Failed"))),
                pods -> successor(pods).orElseThrow());
    }

    private Optional<Pod> successor(List<Pod> pods) {
        return pods.stream().filter(p -> !p.uid().equals(deleted.uid()) && !p.terminating())
                .max(java.util.Comparator.comparing(Pod::ready));
    }

    private String pendingReason(List<Pod> pods) {
        if (pods.stream().anyMatch(p -> p.uid().equals(deleted.uid()))) {
            return "the old pod " + deleted.name() + " is still terminating";
        }
        return successor(pods).map(p -> "new pod " + p.name() + " " + p.phase().orElse("without phase") + ", not Ready yet")
                .orElse("no new pod yet");
    }

    /** The pod that was deleted. */
    public Pod deleted() {
        return deleted;
    }

    @Override
    public Pod await() {
        return waiting.await();
    }

    @Override
    public Pod await(Duration timeout) {
        return waiting.await(timeout);
    }

    @Override
    public Pod await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return waiting.await(policy, progress);
    }

    @Override
    public String toString() {
        return "Awaitable[" + waiting.awaited() + "]";
    }
}
