package io.neonclient.testkit;

import io.neonclient.core.HumanDuration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone testkit: {@code java -jar neon-testkit.jar --pageservers 2 --safekeepers 3 [--time-scale 100]
 * [--auth] [--register-nodes] [--timelines-onto-safekeepers] [--seed N] [--control-plane URL [--control-plane-token T]]
 * [--tenant-rate-limit N] [--startup-reconcile DURATION] [--auth-public-key FILE|DIR] [--fault 'COMPONENT METHOD PATH FAULT' …]}. Prints one JSON line
 * with the URLs on stdout, then serves until stdin closes or the process is terminated. Each {@code --fault} adds a
 * rule as {@code POST /testkit/v1/faults} does, e.g. {@code --fault 'pageserver GET /v1/tenant/** unavailable:3'}.
 */
public final class Main {
    private Main() {}

    private static final String USAGE = "usage: --pageservers N --safekeepers N [--time-scale X] [--auth] [--register-nodes]"
            + " [--timelines-onto-safekeepers] [--seed N] [--control-plane URL [--control-plane-token T]] [--tenant-rate-limit N]"
            + " [--startup-reconcile DURATION, e.g. 5s] [--auth-public-key FILE|DIR] [--fault 'COMPONENT METHOD PATH FAULT', e.g. 'pageserver * /v1/** latency:50ms..200ms']";

    /** Starts the cluster the arguments describe, prints its addresses and tokens as one JSON line, and runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        NeonTestClusterBuilder b = NeonTestCluster.builder();
        try {
            parse(args, b);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "; " + USAGE);
            System.exit(2);
        }
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fault") && i + 1 < args.length) {
                faults.add(args[++i]);
            }
        }
        NeonTestCluster cluster = b.build().start();
        try {
            for (String f : faults) {
                addFault(cluster, f);
            }
        } catch (IllegalArgumentException e) {
            cluster.close();
            System.err.println(e.getMessage() + "; " + USAGE);
            System.exit(2);
        }
        serve(cluster);
    }

    /** {@code COMPONENT METHOD PATH FAULT}, e.g. {@code pageserver GET /v1/tenant/** unavailable:3}. */
    static void addFault(NeonTestCluster cluster, String rule) {
        String[] parts = rule.strip().split("\\s+");
        if (parts.length != 4) {
            throw new IllegalArgumentException("--fault needs 'COMPONENT METHOD PATH FAULT' (4 words), got '" + rule + "'");
        }
        Component component = null;
        for (Component c : Component.values()) {
            if (c.name().toLowerCase(java.util.Locale.ROOT).equals(parts[0])) {
                component = c;
            }
        }
        if (component == null) {
            throw new IllegalArgumentException("--fault component must be storage_controller, pageserver, safekeeper or compute,"
                    + " got '" + parts[0] + "'");
        }
        cluster.inject(component, parts[1].toUpperCase(java.util.Locale.ROOT), parts[2], Fault.parse(parts[3]));
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
                case "--auth-public-key" -> b.authPublicKey(java.nio.file.Path.of(value(args, ++i, a)));
                case "--register-nodes" -> b.registerNodes(true);
                case "--timelines-onto-safekeepers" -> b.timelinesOntoSafekeepers(true);
                case "--control-plane" -> controlPlane = URI.create(value(args, ++i, a));
                case "--control-plane-token" -> controlPlaneToken = value(args, ++i, a);
                case "--tenant-rate-limit" -> b.tenantRateLimit(Integer.parseInt(value(args, ++i, a)));
                case "--startup-reconcile" -> b.startupReconcile(HumanDuration.parse(value(args, ++i, a)));
                case "--fault" -> Fault.parse(value(args, ++i, a).strip().replaceAll(".*\\s", "")); // checked here, added once started
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
