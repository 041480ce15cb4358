package io.neonclient.admin;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temp dir, {@code pg_ctl start} on a free loopback port
 * with its unix socket in that dir, password (scram) authentication over TCP; {@link #close} stops it and deletes the
 * dir. As root (CI), initdb and pg_ctl run as the {@code postgres} user through {@code runuser}, on a dir chowned to it.
 * Without PostgreSQL's server binaries it fails, saying how to install them: the journal tests must not skip silently.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String USER = "neon";
    public static final String PASSWORD = "journal-secret-7f3a";

    private final Path bin;
    private final Path dir;
    private final boolean asPostgresUser;
    public final int port;
    public final Duration startedIn;

    private TestPostgres(Path bin, Path dir, boolean asPostgresUser, int port, Duration startedIn) {
        this.bin = bin;
        this.dir = dir;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
        this.startedIn = startedIn;
    }

    public static TestPostgres start() throws IOException, InterruptedException {
        Path bin = serverBinaries().orElseThrow(() -> new AssertionError("PostgreSQL server binaries (initdb, pg_ctl) are not installed:"
                + " install them (Debian: apt-get install -y postgresql; .ci/run does this) or put initdb on PATH"));
        long t0 = System.nanoTime();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("neon-client-pg");
        Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
        if (root) {
            run(List.of("chown", "-R", "postgres:", dir.toString()), dir, false);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TestPostgres pg = new TestPostgres(bin, dir, root, port, Duration.ZERO);
        try {
            pg.pg(List.of("initdb", "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile=" + dir.resolve("pwfile"),
                    "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"));
            pg.pg(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
                    "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir, "start"));
        } catch (IOException | RuntimeException | Error e) {
            pg.close();
            throw e;
        }
        return new TestPostgres(bin, dir, root, port, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} with initdb, else the directory of {@code initdb} on PATH. */
    static Optional<Path> serverBinaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(p -> !p.isEmpty()).map(Path::of)
                .filter(p -> Files.isExecutable(p.resolve("initdb"))).findFirst();
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        run(full, dir, true);
    }

    private static void run(List<String> command, Path dir, boolean logged) throws IOException, InterruptedException {
        Path out = Files.createTempFile("neon-client-pg", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                String log = logged && Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(out) + log);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** {@code postgresql://neon@127.0.0.1:PORT/postgres}, without the password. */
    public String url() {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/postgres";
    }

    /** A journal on this server, with the password. */
    public Journal journal() {
        return Journal.postgres(url(), PASSWORD);
    }

    /** A connection of the test's own (e.g. to damage a row or end another session). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                pg(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e.getMessage());
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }
    }
}
