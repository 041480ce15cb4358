package io.neonclient.testkit;

import io.neonclient.core.ClientConfig;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.StorageControllerClient;
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
 * {@link NeonTestCluster}, and ready clients for it into parameters and fields of their types:
 * {@link StorageControllerClient} ({@link NeonTestCluster#storageControllerClient()}) and {@link PageserverClient}
 * (pageserver 1, or the one {@link PageserverId} names; {@link NeonTestCluster#pageserverClient(long)}), both built
 * from {@link NeonTestCluster#clientConfig()}: the cluster's per-scope tokens when auth is on and millisecond wait
 * policies. A parameter or field of type {@link ClientConfig} receives that configuration itself, for the safekeeper
 * and compute clients: {@code SafekeeperClient.builder().baseUri(cluster.safekeeper(1)).config(config).build()}.
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
                    f.set(instance, cluster.storageControllerClient());
                } else if (f.getType() == PageserverClient.class) {
                    f.setAccessible(true);
                    f.set(instance, cluster.pageserverClient(pageserverId(f.getAnnotation(PageserverId.class), cluster)));
                } else if (f.getType() == ClientConfig.class) {
                    f.setAccessible(true);
                    f.set(instance, cluster.clientConfig());
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == NeonTestCluster.class || type == StorageControllerClient.class || type == PageserverClient.class
                || type == ClientConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        if (e.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("NeonTestCluster can only be injected into test methods, not constructors");
        }
        NeonTestCluster cluster = cluster(e);
        Class<?> type = p.getParameter().getType();
        if (type == StorageControllerClient.class) {
            return cluster.storageControllerClient();
        }
        if (type == PageserverClient.class) {
            return cluster.pageserverClient(pageserverId(p.findAnnotation(PageserverId.class).orElse(null), cluster));
        }
        if (type == ClientConfig.class) {
            return cluster.clientConfig();
        }
        return cluster;
    }

    private static long pageserverId(PageserverId annotation, NeonTestCluster cluster) {
        long id = annotation == null ? 1 : annotation.value();
        if (!cluster.pageservers().containsKey(id)) {
            throw new ParameterResolutionException("@PageserverId(" + id + ") names no pageserver of this cluster (ids 1.."
                    + cluster.pageservers().size() + ")");
        }
        return id;
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
