package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar: one JSON line, serves until stdin closes, and passes the corrected seed runbook (curl + jq). */
class StandaloneJarIT {

    @Test
    void jar_printsUrls_runsTheRunbook_andExitsWhenStdinCloses() throws Exception {
        Path jar = Path.of("target", "neon-testkit.jar");
        assertTrue(Files.exists(jar), "package the module first: " + jar.toAbsolutePath());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--pageservers", "2", "--safekeepers", "3")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            JsonNode urls = RawHttp.JSON.readTree(line);
            assertEquals(2, urls.path("pageservers").size());
            assertEquals(3, urls.path("safekeepers").size());
            RawHttp storcon = RawHttp.storcon(URI.create(urls.path("storage_controller").asText()), null);
            assertEquals(200, storcon.get("/status").status());

            ProcessBuilder pb = new ProcessBuilder("bash", "src/test/shell/runbook.sh").redirectErrorStream(true);
            pb.environment().put("TESTKIT_JSON", line);
            Process runbook = pb.start();
            String transcript = new String(runbook.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(runbook.waitFor(60, TimeUnit.SECONDS), transcript);
            assertEquals(0, runbook.exitValue(), transcript);
            assertTrue(transcript.contains("RUNBOOK OK"), transcript);

            p.getOutputStream().close();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the jar exits when stdin closes");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
