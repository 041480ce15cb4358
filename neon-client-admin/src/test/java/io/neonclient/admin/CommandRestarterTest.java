package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.NodeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NodeRestarter.command: /bin/sh -c with {id} replaced, exit codes and timeouts. */
class CommandRestarterTest {

    @Test
    void command_replacesEveryIdAndRunsThroughTheShell(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        NodeRestarter.command("echo restart pageserver{id} node={id} > '" + out + "'").restart(NodeId.of(42));
        assertEquals("restart pageserver42 node=42", Files.readString(out).strip());
    }

    @Test
    void command_nonZeroExit_failsNamingTheCommandItsExitCodeAndTheTailOfItsOutput() {
        var e = assertThrows(IllegalStateException.class,
                () -> NodeRestarter.command("echo no such container pageserver{id} >&2; exit 7").restart(NodeId.of(3)));
        assertTrue(e.getMessage().contains("'echo no such container pageserver3 >&2; exit 7'"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with 7"), e.getMessage());
        assertTrue(e.getMessage().contains("no such container pageserver3"), e.getMessage());
    }

    @Test
    void command_longOutput_showsOnlyItsTail() {
        var e = assertThrows(IllegalStateException.class,
                () -> NodeRestarter.command("seq 1 20000; echo last-line-{id}; exit 1").restart(NodeId.of(1)));
        assertTrue(e.getMessage().endsWith("last-line-1"), e.getMessage());
        assertTrue(e.getMessage().length() < CommandRestarter.TAIL_CHARS + 200, "length " + e.getMessage().length());
    }

    @Test
    void command_stillRunningAfterTheTimeout_isKilledAndFails() {
        long start = System.nanoTime();
        var e = assertThrows(IllegalStateException.class,
                () -> NodeRestarter.command("sleep 30 # {id}", Duration.ofMillis(300)).restart(NodeId.of(2)));
        assertTrue(e.getMessage().contains("did not exit within PT0.3S"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }

    @Test
    void command_badTemplateOrTimeout_isRefusedNamingTheField() {
        var noId = assertThrows(IllegalArgumentException.class, () -> NodeRestarter.command("docker restart pageserver"));
        assertTrue(noId.getMessage().contains("needs {id}"), noId.getMessage());
        var blank = assertThrows(IllegalArgumentException.class, () -> NodeRestarter.command("  "));
        assertTrue(blank.getMessage().contains("must not be blank"), blank.getMessage());
        var timeout = assertThrows(IllegalArgumentException.class, () -> NodeRestarter.command("x {id}", Duration.ZERO));
        assertTrue(timeout.getMessage().contains("timeout must be positive"), timeout.getMessage());
        assertThrows(NullPointerException.class, () -> NodeRestarter.command(null));
    }
}
