package io.neonclient.admin;

import io.neonclient.core.NodeId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** {@link NodeRestarter#command}: runs {@code /bin/sh -c} with the template's {@code {id}} replaced. */
final class CommandRestarter implements NodeRestarter {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** How much of the command's output a failure shows, from its end. */
    static final int TAIL_CHARS = 2000;

    private final String template;
    private final Duration timeout;

    CommandRestarter(String template, Duration timeout) {
        if (template.isBlank()) {
            throw new IllegalArgumentException("restart command template must not be blank; expected e.g. 'docker restart pageserver{id}'");
        }
        if (!template.contains("{id}")) {
            throw new IllegalArgumentException("restart command template needs {id} (the node id), got '" + template + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("restart command timeout must be positive, got " + timeout);
        }
        this.template = template;
        this.timeout = timeout;
    }

    /** The command for {@code node}: the template with every {@code {id}} replaced by the id's ASCII digits. */
    String commandFor(NodeId node) {
        return template.replace("{id}", Long.toString(node.value()));
    }

    @Override
    public void restart(NodeId node) {
        String command = commandFor(Objects.requireNonNull(node, "node"));
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
            process.getOutputStream().close(); // the command reads no input
        } catch (IOException e) {
            throw new IllegalStateException("restart command '" + command + "' could not start: " + e.getMessage(), e);
        }
        Tail tail = new Tail(process.getInputStream());
        Thread reader = Thread.ofVirtual().name("restart-command-output").start(tail);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                reader.join(1000);
                throw new IllegalStateException("restart command '" + command + "' did not exit within " + timeout + "; killed it"
                        + tail.describe());
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restart command '" + command + "' ran; killed it", e);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new IllegalStateException("restart command '" + command + "' exited with " + exit + tail.describe());
        }
    }

    @Override
    public String toString() {
        return "the command '" + template + "'";
    }

    /** Reads the command's output, keeping its last {@link #TAIL_CHARS} characters. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final StringBuilder kept = new StringBuilder();

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (kept) {
                        kept.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (kept.length() > 2 * TAIL_CHARS) {
                            kept.delete(0, kept.length() - TAIL_CHARS);
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed or closed its output: keep what was read
            }
        }

        String describe() {
            String text;
            synchronized (kept) {
                text = kept.length() > TAIL_CHARS ? "…" + kept.substring(kept.length() - TAIL_CHARS) : kept.toString();
            }
            text = text.strip();
            return text.isEmpty() ? " (no output)" : "; output ends with:\n" + text;
        }
    }
}
