package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.testkit.NeonTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code samples/jshell/storcon.jsh} as its header says to run it: {@code jshell --class-path
 * samples/target/neon-ops.jar samples/jshell/storcon.jsh} against a running controller (here the embedded one), with
 * the JShell of the JDK running the build.
 */
class JShellScriptIT {

    @Test
    void theScript_describesTheClustersNodesAndFirstTenant() throws Exception {
        Path jar = Path.of("target", "neon-ops.jar");
        Path script = Path.of("jshell", "storcon.jsh");
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        assertTrue(Files.isExecutable(jshell), "this JDK has no jshell: " + jshell);
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start()) {
            var storcon = cluster.storageControllerClient();
            // Registered pageservers are Offline until their first heartbeat; creating before that is a 409.
            Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                    nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE)
                            ? WaitVerdict.done() : WaitVerdict.pending(nodes.toString()));
            TenantId tenant = TenantId.generate();
            storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT)).await();

            ProcessBuilder pb = new ProcessBuilder(jshell.toString(), "--class-path", jar.toString(), script.toString())
                    .redirectErrorStream(true);
            pb.environment().put("NEON_STORCON_URL", cluster.storageController().toString());
            pb.environment().remove("NEON_TENANT");
            pb.environment().remove("NEON_ADMIN_TOKEN");
            Process p = pb.start();
            p.getOutputStream().close(); // no interactive session after the script
            String out = readAll(p);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jshell did not finish:\n" + out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("ready: true"), out);
            assertTrue(out.contains("tenant " + tenant), out);
            assertTrue(out.contains(tenant + "-0102"), "each shard is printed:\n" + out);
            assertTrue(!out.contains("Error:") && !out.contains("Exception"), out);
        }
    }

    private static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
