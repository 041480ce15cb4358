package io.neonclient.testkit;

import io.neonclient.core.RetryPolicy;
import io.neonclient.core.WaitPolicy;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link NeonCluster}: one started cluster per test, stored in the test's
 * extension store (closed when the test ends), injected into parameters and fields of type
 * {@link NeonTestCluster}, and a ready {@link StorageControllerClient} for it into parameters and fields of that type
 * (with the cluster's per-scope tokens when auth is on, and millisecond wait policies). For pageservers, safekeepers
 * and computes use the cluster's URIs ({@link NeonTestCluster#pageserver(long)}, …) with their clients.
 */
public final class NeonClusterExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NeonClusterExtension.class);

    /** Created by JUnit through {@code @ExtendWith}. */
    public NeonClusterExtension() {}

    private record Holder(NeonTestCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        NeonTestCluster cluster = cluster(context);
        Object instance = context.getRequiredTestInstance();
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                if (f.getType() == NeonTestCluster.class) {
                    f.setAccessible(true);
                    f.set(instance, cluster);
                } else if (f.getType() == StorageControllerClient.class) {
                    f.setAccessible(true);
                    f.set(instance, storcon(context));
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == NeonTestCluster.class || type == StorageControllerClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        if (e.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("NeonTestCluster can only be injected into test methods, not constructors");
        }
        return p.getParameter().getType() == StorageControllerClient.class ? storcon(e) : cluster(e);
    }

    /** A client for the test's cluster: its tokens per scope when auth is on, waits that poll every few milliseconds. */
    private static StorageControllerClient storcon(ExtensionContext context) {
        NeonTestCluster cluster = cluster(context);
        return StorageControllerClient.builder().baseUri(cluster.storageController()).tokens(cluster.tokens())
                .waitPolicy(new WaitPolicy(Duration.ofSeconds(60), Duration.ofMillis(5), Duration.ofMillis(100), 0.2))
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(100))).build();
    }

    private static NeonTestCluster cluster(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent("cluster", k -> new Holder(start(config(context))), Holder.class).cluster();
    }

    private static NeonCluster config(ExtensionContext context) {
        Optional<NeonCluster> onMethod = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, NeonCluster.class));
        return onMethod.or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, NeonCluster.class)))
                .orElseThrow(() -> new IllegalStateException("NeonClusterExtension needs @NeonCluster on the test class or method"));
    }

    private static NeonTestCluster start(NeonCluster c) {
        return NeonTestCluster.builder().pageservers(c.pageservers()).safekeepers(c.safekeepers()).timeScale(c.timeScale())
                .auth(c.auth()).registerNodes(c.registerNodes()).seed(c.seed()).build().start();
    }
}
