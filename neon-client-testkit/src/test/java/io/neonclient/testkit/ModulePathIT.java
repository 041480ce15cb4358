package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout a modular application's tests get from Surefire: the client's modules on the module path (the
 * application's {@code module-info} requires them) and the testkit, a test-scope dependency, on the class path. The
 * testkit must work there: it may not reach into the client's non-exported packages.
 */
class ModulePathIT {

    @Test
    void testkitOnTheClassPath_besideTheClientOnTheModulePath_startsWithAuth_andServes() throws Exception {
        List<String> modulePath = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .flatMap(p -> Stream.of(p.split(File.pathSeparator)))
                .filter(e -> !e.isBlank())
                .forEach(e -> {
                    String s = e.replace('\\', '/');
                    if (s.contains("neon-client-testkit")) {
                        if (s.endsWith("/classes") || s.matches(".*/neon-client-testkit-[^/]*[0-9T](-SNAPSHOT)?\\.jar")) {
                            classPath.add(e);
                        }
                    } else if (s.matches(".*neon-client-(core|model|storcon|pageserver|compute)(/target/classes|-[^/]*[0-9T]\\.jar)")
                            || s.matches(".*/com/fasterxml/jackson/(core|datatype)/.*") || s.contains("/io/github/resilience4j/") || s.contains("/org/slf4j/slf4j-api")) {
                        modulePath.add(e);
                    }
                });
        assertTrue(modulePath.stream().anyMatch(e -> e.contains("neon-client-core")), "core not found in " + modulePath);
        assertEquals(1, classPath.size(), "the testkit's classes, once: " + classPath);

        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath), "--add-modules", "ALL-MODULE-PATH",
                "-cp", classPath.get(0), "io.neonclient.testkit.Main", "--auth", "--register-nodes")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertNotNull(line, "the testkit exited before printing its line");
            JsonNode urls = RawHttp.JSON.readTree(line);
            RawHttp storcon = RawHttp.storcon(URI.create(urls.path("storage_controller").asText()), urls.path("admin_token").asText());
            RawHttp.Resp nodes = storcon.get("/control/v1/node");
            assertEquals(200, nodes.status(), nodes.body());
            assertEquals(1, RawHttp.JSON.readTree(nodes.body()).size(), nodes.body());
            p.getOutputStream().close();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the testkit exits when stdin closes");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
