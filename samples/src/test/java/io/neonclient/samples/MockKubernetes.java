package io.neonclient.samples;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** neon-ops against fabric8's CRUD mock API server: a kubeconfig naming it, the requests it saw, a controller loop. */
final class MockKubernetes {
    private MockKubernetes() {}

    /** A kubeconfig in {@code dir} whose current context is the mock server, namespace {@code namespace}. */
    static Path kubeconfig(KubernetesClient client, Path dir, String namespace) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: "%s"
                    insecure-skip-tls-verify: true
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                    namespace: %s
                current-context: mock
                users:
                - name: mock
                  user:
                    token: mock-token
                """.formatted(client.getConfiguration().getMasterUrl(), namespace);
        try {
            return Files.writeString(dir.resolve("kubeconfig"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "METHOD path" of every request the server received since the last call. */
    static List<String> requests(KubernetesMockServer server) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null; ) {
            seen.add(r.getMethod() + " " + r.getPath());
        }
        return seen;
    }

    /** Runs {@code tick} every 5 ms until closed, as a Kubernetes controller's loop would; a failing tick is retried. */
    static AutoCloseable loop(KubernetesClient client, Consumer<KubernetesClient> tick) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulated-kubernetes-controller");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                tick.accept(client);
            } catch (RuntimeException e) {
                // next tick
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        return () -> {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        };
    }
}
