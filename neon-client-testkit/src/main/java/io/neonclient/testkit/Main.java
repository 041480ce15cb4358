package io.neonclient.testkit;

import io.neonclient.core.HumanDuration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone testkit: {@code java -jar neon-testkit.jar --pageservers 2 --safekeepers 3 [--time-scale 100]
 * [--auth] [--register-nodes] [--timelines-onto-safekeepers] [--seed N] [--control-plane URL [--control-plane-token T]]
 * [--tenant-rate-limit N] [--startup-reconcile DURATION]}. Prints one JSON line
 * with the URLs on stdout, then serves until stdin closes or the process is terminated.
 */
public final class Main {
    private Main() {}

    private static final String USAGE = "usage: --pageservers N --safekeepers N [--time-scale X] [--auth] [--register-nodes]"
            + " [--timelines-onto-safekeepers] [--seed N] [--control-plane URL [--control-plane-token T]] [--tenant-rate-limit N]"
            + " [--startup-reconcile DURATION, e.g. 5s]";

    public static void main(String[] args) throws InterruptedException {
        NeonTestClusterBuilder b = NeonTestCluster.builder();
        try {
            parse(args, b);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "; " + USAGE);
            System.exit(2);
        }
        serve(b.build().start());
    }

    private static void parse(String[] args, NeonTestClusterBuilder b) {
        URI controlPlane = null;
        String controlPlaneToken = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--pageservers" -> b.pageservers(Integer.parseInt(value(args, ++i, a)));
                case "--safekeepers" -> b.safekeepers(Integer.parseInt(value(args, ++i, a)));
                case "--time-scale" -> b.timeScale(Double.parseDouble(value(args, ++i, a)));
                case "--seed" -> b.seed(Long.parseLong(value(args, ++i, a)));
                case "--auth" -> b.auth(true);
                case "--register-nodes" -> b.registerNodes(true);
                case "--timelines-onto-safekeepers" -> b.timelinesOntoSafekeepers(true);
                case "--control-plane" -> controlPlane = URI.create(value(args, ++i, a));
                case "--control-plane-token" -> controlPlaneToken = value(args, ++i, a);
                case "--tenant-rate-limit" -> b.tenantRateLimit(Integer.parseInt(value(args, ++i, a)));
                case "--startup-reconcile" -> b.startupReconcile(HumanDuration.parse(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (controlPlane != null) {
            b.controlPlane(controlPlane, controlPlaneToken);
        }
    }

    private static void serve(NeonTestCluster cluster) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            done.countDown();
        }));
        System.out.println(cluster.describe());
        System.out.flush();
        Thread stdin = Thread.ofPlatform().daemon().start(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // Serve until stdin closes.
                }
            } catch (IOException e) {
                // A broken stdin counts as closed.
            }
            done.countDown();
        });
        done.await();
        stdin.interrupt();
        cluster.close();
        System.exit(0);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
