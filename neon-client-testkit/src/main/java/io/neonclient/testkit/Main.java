package io.neonclient.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone testkit: {@code java -jar neon-testkit.jar --pageservers 2 --safekeepers 3 [--time-scale 100]
 * [--auth] [--register-nodes] [--timelines-onto-safekeepers] [--seed N] [--control-plane URL [--control-plane-token T]]}. Prints one JSON line
 * with the URLs on stdout, then serves until stdin closes or the process is terminated.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        NeonTestClusterBuilder b = NeonTestCluster.builder();
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
                default -> {
                    System.err.println("unknown argument '" + a + "'; usage: --pageservers N --safekeepers N [--time-scale X]"
                            + " [--auth] [--register-nodes] [--timelines-onto-safekeepers] [--seed N] [--control-plane URL [--control-plane-token T]]");
                    System.exit(2);
                }
            }
        }
        if (controlPlane != null) {
            b.controlPlane(controlPlane, controlPlaneToken);
        }
        NeonTestCluster cluster = b.build().start();
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
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
