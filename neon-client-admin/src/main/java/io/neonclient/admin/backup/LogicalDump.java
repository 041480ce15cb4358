package io.neonclient.admin.backup;

import io.neonclient.core.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second copy: {@code pg_dump} of a compute's Postgres in custom format, recorded against a catalogued snapshot,
 * and {@code pg_restore} of such a file into another compute (e.g. one on a new, empty timeline). It is the only copy
 * that survives a lost remote-storage bucket or a storage bug. Dump from a compute that reads the snapshot's LSN (a
 * {@code Static}-mode compute on the snapshot branch) so the file matches the snapshot: {@link SnapshotDump} sets one
 * up from a compute_ctl, dumps with this class and puts the compute back.
 *
 * <p>The versions are checked first ({@code pg_dump --version} and {@code SHOW server_version}): {@code pg_dump} cannot
 * dump a server of a newer major version, so that is refused naming the {@code pg_dump} to use; a newer
 * {@code pg_dump} works, but its file restores only with a {@code pg_restore} as new, which the result says.
 */
public final class LogicalDump {
    private static final Pattern MAJOR = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
    private static final long TIMEOUT_MINUTES = 24 * 60;

    /**
     * A Postgres to connect to: {@code postgresql://user@host:port/database} (no password in it).
     *
     * @param host     host name or address
     * @param port     port
     * @param user     user
     * @param database database
     */
    public record Target(String host, int port, String user, String database) {
        public Target {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(database, "database");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, got " + port);
            }
        }

        /**
         * Parses {@code postgresql://user@host:port/database}.
         *
         * @throws IllegalArgumentException naming what was expected, also when the URL holds a password
         */
        public static Target parse(String url) {
            Objects.requireNonNull(url, "url");
            String expected = "expected postgresql://user@host:5432/database";
            URI u;
            try {
                u = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("connection URL is not a URL, " + expected + ", got '" + url + "'");
            }
            if (!"postgresql".equals(u.getScheme()) && !"postgres".equals(u.getScheme())) {
                throw new IllegalArgumentException("connection URL has scheme '" + u.getScheme() + "', " + expected);
            }
            if (u.getUserInfo() == null || u.getUserInfo().contains(":")) {
                throw new IllegalArgumentException("connection URL needs a user and no password (give it as PGPASSWORD), " + expected);
            }
            if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
                throw new IllegalArgumentException("connection URL needs a host and a database, " + expected + ", got '" + url + "'");
            }
            return new Target(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), u.getUserInfo(), u.getPath().substring(1));
        }

        @Override
        public String toString() {
            return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
        }
    }

    /**
     * The client and server versions compared.
     *
     * @param client     {@code pg_dump}'s major version
     * @param server     the server's major version
     * @param clientText what {@code pg_dump --version} printed
     * @param serverText what the server reported
     */
    public record VersionCheck(int client, int server, String clientText, String serverText) {
        /** True when {@code pg_dump} can dump this server (its major version is the server's or newer). */
        public boolean compatible() {
            return client >= server;
        }

        /** What to do: nothing when they match; which {@code pg_dump} to use when they differ. */
        public String advice() {
            if (client == server) {
                return "pg_dump " + client + " matches server " + server;
            }
            String use = "use pg_dump " + server + " (Debian: /usr/lib/postgresql/" + server + "/bin/pg_dump from package postgresql-client-"
                    + server + ")";
            return client < server
                    ? "pg_dump " + client + " cannot dump server " + server + " (a newer major version): " + use
                    : "pg_dump " + client + " is newer than server " + server + ": the dump restores only with pg_restore " + client
                            + " or newer; to restore into Postgres " + server + ", " + use;
        }
    }

    private final BackupCatalog catalog;
    private final TenantId tenant;
    private final String snapshot;
    private final Target from;
    private final String password;
    private final Path bin;
    private final Clock clock;

    private LogicalDump(BackupCatalog catalog, TenantId tenant, String snapshot, Target from, String password, Path bin, Clock clock) {
        this.catalog = catalog;
        this.tenant = tenant;
        this.snapshot = snapshot;
        this.from = from;
        this.password = password;
        this.bin = bin;
        this.clock = clock;
    }

    /**
     * A dump of {@code from} recorded against {@code tenant}'s snapshot {@code snapshot}, with {@code pg_dump} from PATH.
     *
     * @param password the Postgres password (passed to pg_dump as {@code PGPASSWORD}), or null for none
     * @throws IllegalArgumentException if the catalog has no such snapshot
     */
    public static LogicalDump of(BackupCatalog catalog, TenantId tenant, String snapshot, Target from, String password) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(from, "from");
        CatalogEntry.checkName(snapshot);
        if (catalog.find(tenant, snapshot).isEmpty()) {
            throw new IllegalArgumentException("tenant " + tenant + " has no snapshot named " + snapshot + " in the " + catalog);
        }
        return new LogicalDump(catalog, tenant, snapshot, from, password, null, Clock.systemUTC());
    }

    /** Uses the {@code pg_dump} in {@code binDir} (e.g. {@code /usr/lib/postgresql/16/bin}) instead of PATH's. */
    public LogicalDump withBinaries(Path binDir) {
        return new LogicalDump(catalog, tenant, snapshot, from, password, Objects.requireNonNull(binDir, "binDir"), clock);
    }

    /** The clock the dump's time is read from. */
    public LogicalDump withClock(Clock clock) {
        return new LogicalDump(catalog, tenant, snapshot, from, password, bin, Objects.requireNonNull(clock, "clock"));
    }

    /** Compares {@code pg_dump --version} output with the server's {@code server_version}. */
    public static VersionCheck compare(String pgDumpVersion, String serverVersion) {
        Objects.requireNonNull(pgDumpVersion, "pgDumpVersion");
        Objects.requireNonNull(serverVersion, "serverVersion");
        return new VersionCheck(major("pg_dump --version", pgDumpVersion), major("server_version", serverVersion), pgDumpVersion.strip(),
                serverVersion.strip());
    }

    /** The major version in {@code text}: {@code 16} of {@code 16.4 (Debian …)}, {@code 9} of {@code 9.6.24}. */
    static int major(String what, String text) {
        String afterName = text.replaceFirst("^\\D*", "");
        Matcher m = MAJOR.matcher(afterName);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException(what + " has no version number, got '" + text.strip() + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Asks both versions (runs {@code pg_dump --version}; {@code SHOW server_version} over JDBC) and compares them. */
    public VersionCheck checkVersions() {
        return compare(run(List.of(tool("pg_dump").toString(), "--version"), null), serverVersion(from, password));
    }

    /**
     * Checks the versions, runs {@code pg_dump --format=custom} into {@code file} and records it against the snapshot.
     *
     * @throws IllegalStateException if pg_dump is older than the server (naming the pg_dump to use), or pg_dump fails
     */
    public DumpRecord to(Path file) {
        Objects.requireNonNull(file, "file");
        VersionCheck v = checkVersions();
        if (!v.compatible()) {
            throw new IllegalStateException(v.advice());
        }
        run(List.of(tool("pg_dump").toString(), "--format=custom", "--no-password", "--host=" + from.host(), "--port=" + from.port(),
                "--username=" + from.user(), "--file=" + file.toAbsolutePath(), from.database()), password);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("pg_dump wrote no file " + file, e);
        }
        DumpRecord dump = new DumpRecord(file.toAbsolutePath().toString(), from.database(), bytes, clock.instant(), v.clientText(), v.serverText());
        CatalogEntry e = catalog.find(tenant, snapshot).orElseThrow(() -> new IllegalStateException("snapshot " + snapshot
                + " left the catalog while it was dumped"));
        catalog.replace(e.withDump(dump));
        return dump;
    }

    /**
     * Loads a dump into {@code into} with {@code pg_restore --no-owner --exit-on-error} (from PATH, or from {@code binDir}
     * when not null). The database must exist and be empty.
     */
    public static void restore(Path dumpFile, Target into, String password, Path binDir) {
        Objects.requireNonNull(dumpFile, "dumpFile");
        Objects.requireNonNull(into, "into");
        if (!Files.isRegularFile(dumpFile)) {
            throw new IllegalArgumentException("dump file " + dumpFile + " does not exist");
        }
        Path tool = binDir == null ? Path.of("pg_restore") : binDir.resolve("pg_restore");
        run(List.of(tool.toString(), "--no-owner", "--exit-on-error", "--no-password", "--host=" + into.host(), "--port=" + into.port(),
                "--username=" + into.user(), "--dbname=" + into.database(), dumpFile.toAbsolutePath().toString()), password);
    }

    private Path tool(String name) {
        return bin == null ? Path.of(name) : bin.resolve(name);
    }

    static String serverVersion(Target t, String password) {
        Properties p = new Properties();
        p.setProperty("user", t.user());
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "neon-client dump");
        p.setProperty("connectTimeout", "10");
        String url = "jdbc:postgresql://" + t.host() + ":" + t.port() + "/" + t.database();
        try (Connection c = new org.postgresql.Driver().connect(url, p); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask " + t + " its version: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static String run(List<String> command, String password) {
        List<String> shown = new ArrayList<>(command);
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (password != null) {
                pb.environment().put("PGPASSWORD", password);
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", shown) + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", shown) + " exited " + p.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " cannot be run (" + e.getMessage() + "): install the PostgreSQL client"
                    + " (Debian: apt-get install postgresql-client) or give its directory", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", shown) + " was interrupted", e);
        }
    }
}
