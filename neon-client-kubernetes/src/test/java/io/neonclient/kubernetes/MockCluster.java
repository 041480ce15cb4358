package io.neonclient.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.neonclient.core.WaitPolicy;

/** Test helpers over fabric8's CRUD mock server: objects to seed it with, the requests it saw, and a background loop. */
final class MockCluster {
    private MockCluster() {}

    /** A millisecond wait policy: 2 ms between polls, {@code timeout} in all. */
    static WaitPolicy fast(Duration timeout) {
        return new WaitPolicy(timeout, Duration.ofMillis(2), Duration.ofMillis(10), 0);
    }

    /** "METHOD path" of every request the server received since the last call. */
    static List<String> requests(KubernetesMockServer server) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null; ) {
            seen.add(r.getMethod() + " " + r.getPath());
        }
        return seen;
    }

    static GenericKubernetesResource resource(String apiVersion, String kind, String namespace, String name,
                                              Map<String, String> labels, Map<String, Object> body) {
        var r = new GenericKubernetesResource();
        r.setApiVersion(apiVersion);
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels).build());
        body.forEach(r::setAdditionalProperty);
        return r;
    }

    /** Mutable nested maps from {@code k1, v1, k2, v2 …}, as the JSON decoder would give them. */
    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Runs {@code tick} every 2 ms on a daemon thread until closed, as a controller's reconcile loop would; a tick that
     * throws (an object deleted meanwhile) is retried on the next one.
     */
    static AutoCloseable loop(KubernetesClient client, Consumer<KubernetesClient> tick) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulated-controller");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                tick.accept(client);
            } catch (RuntimeException e) {
                // next tick
            }
        }, 0, 2, TimeUnit.MILLISECONDS);
        return () -> {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        };
    }
}
