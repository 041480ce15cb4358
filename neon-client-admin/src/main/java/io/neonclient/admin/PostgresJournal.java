package io.neonclient.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@link Journal} kept in a PostgreSQL table, one row per recipe and subject, so operators on several machines share
 * runs: {@code neon_client_journal(id, recipe, subject, journal, held_by, held_since, updated_at)}, created if absent.
 * The {@code journal} column holds the same JSON document a journal file does ({@link JournalDocument}), rewritten
 * (autocommit) on every change, so it is durable when each call returns.
 *
 * <p>A run holds its row with a session-level advisory lock ({@code pg_try_advisory_lock(class, row id)}) on a
 * connection it keeps for the whole run. Chosen over {@code SELECT … FOR UPDATE NOWAIT} in an open transaction: a
 * transaction open for the hours a drain can take would hold back vacuum on the database the storage controller uses,
 * could be ended by {@code idle_in_transaction_session_timeout}, and would keep every write of the run uncommitted
 * (or block the run's own writes on a second connection). The advisory lock needs no open transaction, is released
 * when the session ends (the process died or its connection was killed), and keys on the row's id, so two rows never
 * share a lock. The row records the holder ({@code user@host pid N since T}) for the run that is refused.
 */
final class PostgresJournal extends DocumentJournal {
    static final String TABLE = "neon_client_journal";
    /** First key of the two-key advisory locks this journal takes ("NCJN"), so they do not meet other users' locks. */
    static final int LOCK_CLASS = 0x4e434a4e;
    private static final Pattern JDBC_PASSWORD = Pattern.compile("(?i)[?&]password=");

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String shown;
    private Connection connection;
    private int rowId;
    private String row = "(no run yet)";

    private PostgresJournal(String jdbcUrl, String user, String password, String shown) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.shown = shown;
        this.doc = JournalDocument.empty(shown);
    }

    /**
     * Parses {@code postgresql://user@host:port/db} (or {@code postgres://}) and {@code jdbc:postgresql://…}; sends nothing.
     *
     * @param password null for none
     */
    static PostgresJournal connectTo(String url, String password) {
        String expected = "expected postgresql://user@host:5432/db or jdbc:postgresql://host:5432/db?user=NAME";
        if (url.startsWith("jdbc:postgresql:")) {
            if (JDBC_PASSWORD.matcher(url).find()) {
                throw new IllegalArgumentException("journal URL must not hold a password (it would be printed back); give it"
                        + " separately, got '" + redact(url) + "'");
            }
            return new PostgresJournal(url, null, password, url);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("journal URL is not a URL (" + e.getReason() + "), " + expected + ", got '" + redact(url) + "'");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("journal URL has scheme '" + uri.getScheme() + "', " + expected + ", got '" + redact(url) + "'");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("journal URL must not hold a password (it would be printed back); use PGPASSWORD,"
                    + " got '" + redact(url) + "'");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2 || uri.getPath().indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("journal URL needs a host and a database name, " + expected + ", got '" + redact(url) + "'");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("journal URL port must be 1..65535, got " + uri.getPort());
        }
        if (uri.getRawQuery() != null && JDBC_PASSWORD.matcher("?" + uri.getRawQuery()).find()) {
            throw new IllegalArgumentException("journal URL must not hold a password (it would be printed back); use PGPASSWORD,"
                    + " got '" + redact(url) + "'");
        }
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String jdbc = "jdbc:postgresql://" + host + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PostgresJournal(jdbc, uri.getUserInfo(), password, url);
    }

    /** The URL as given (it holds no password). */
    String shown() {
        return shown;
    }

    /** {@code url} with anything that may be a password replaced by {@code ***}. */
    static String redact(String url) {
        return url.replaceAll("(//[^/@:]*):[^/@]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public synchronized void begin(String recipe, String subject, String inputs) {
        if (connection != null) {
            throw new IllegalStateException("journal " + shown + " is held by another run in this process (row " + row + "): wait for it to end");
        }
        row = "recipe '" + recipe + "', subject '" + subject + "'";
        connection = connect();
        try {
            createTable();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                    + " (recipe, subject) VALUES (?, ?) ON CONFLICT (recipe, subject) DO NOTHING")) {
                insert.setString(1, recipe);
                insert.setString(2, subject);
                insert.executeUpdate();
            }
            rowId = queryInt("SELECT id FROM " + TABLE + " WHERE recipe = ? AND subject = ?", recipe, subject);
            if (!lock()) {
                throw new IllegalStateException("journal " + shown + " (" + TABLE + " " + row + ") is held by " + holder()
                        + ": wait for that run to end or stop it; the lock is released when its process or connection ends");
            }
            String afresh = "delete that row (DELETE FROM " + TABLE + " WHERE id = " + rowId + ") and run the recipe again"
                    + " (every step checks the cluster before it acts)";
            String stored = queryText("SELECT journal FROM " + TABLE + " WHERE id = ?");
            JournalDocument read = stored == null ? JournalDocument.empty(shown + " " + row)
                    : JournalDocument.parse(shown + " (" + TABLE + " " + row + ")", stored.getBytes(UTF_8), afresh);
            if (!read.isNew() && read.isCompleted()) {
                // The last run on this subject finished: this is a new run, even with the same inputs (an operator who
                // evacuates a node again next week must not get last week's run back as a silent no-op). Every step
                // checks the cluster before it acts, so a fresh run repeats nothing that is already true.
                read = JournalDocument.empty(shown + " " + row);
            }
            read.begin(recipe, subject, inputs, "that run has not finished: resume it with the same inputs, or if it was"
                    + " abandoned, " + afresh);
            doc = read;
            JournalHolder holder = JournalHolder.current();
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                    + " SET journal = ?, held_by = ?, held_since = ?, updated_at = now() WHERE id = ?")) {
                update.setString(1, new String(doc.toJson(), UTF_8));
                update.setString(2, holder.toString());
                update.setTimestamp(3, Timestamp.from(holder.since()));
                update.setInt(4, rowId);
                update.executeUpdate();
            }
        } catch (SQLException e) {
            closeConnection();
            throw failed("cannot begin a run", e);
        } catch (RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    /** A new autocommit connection to the journal's database (also used by {@link PostgresComputeStore}). */
    Connection connect() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "neon-client journal");
        props.setProperty("connectTimeout", "10");
        try {
            Connection c = new org.postgresql.Driver().connect(jdbcUrl, props);
            if (c == null) {
                throw new IllegalArgumentException("journal URL '" + redact(shown) + "' is not a PostgreSQL JDBC URL");
            }
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw failed("cannot connect", e);
        }
    }

    private void createTable() throws SQLException {
        String ddl = "CREATE TABLE IF NOT EXISTS " + TABLE + " (id serial UNIQUE, recipe text NOT NULL, subject text NOT NULL,"
                + " journal text, held_by text, held_since timestamptz, updated_at timestamptz NOT NULL DEFAULT now(),"
                + " PRIMARY KEY (recipe, subject))";
        try (Statement s = connection.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            // Two first runs creating the table at once: one of them sees the other's catalog row; the table exists now.
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private boolean lock() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, LOCK_CLASS);
            s.setInt(2, rowId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private String holder() throws SQLException {
        String who = queryText("SELECT held_by FROM " + TABLE + " WHERE id = ?");
        return who == null ? "another run (it has not said who yet)" : who;
    }

    private int queryInt(String sql, String a, String b) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, a);
            s.setString(2, b);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("journal " + shown + ": the row for " + row + " vanished while beginning; try again");
                }
                return r.getInt(1);
            }
        }
    }

    private String queryText(String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, rowId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private IllegalStateException failed(String what, SQLException e) {
        // The driver's messages name the server, user and database, never the password.
        return new IllegalStateException("journal " + shown + " " + what + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }

    @Override
    void save() {
        if (connection == null) {
            throw new IllegalStateException("journal " + shown + " is not held by a run: call begin(recipe, subject, inputs) first");
        }
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + TABLE + " SET journal = ?, updated_at = now() WHERE id = ?")) {
            s.setString(1, new String(doc.toJson(), UTF_8));
            s.setInt(2, rowId);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("journal " + shown + ": the row for " + row + " was deleted during the run");
            }
        } catch (SQLException e) {
            throw failed("cannot record progress (the run no longer holds " + row + "; re-run to resume from what was recorded)", e);
        }
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + TABLE + " SET held_by = NULL, held_since = NULL WHERE id = ?");
             PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            s.setInt(1, rowId);
            s.executeUpdate();
            // Released here, synchronously: the server ends a closed session (and drops its locks) only some time after
            // the client hung up, and a run that begins right after this one must not find the row still locked.
            unlock.setInt(1, LOCK_CLASS);
            unlock.setInt(2, rowId);
            unlock.execute();
        } catch (SQLException e) {
            // The connection is gone: so is the lock. Nothing to release.
        } finally {
            closeConnection(); // ends the session, which releases its advisory lock
        }
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // Closing a broken connection: the server ends the session (and its lock) either way.
        } finally {
            connection = null;
        }
    }

    @Override
    public synchronized String toString() {
        return "journal " + shown + " (" + TABLE + " " + row + ", " + doc.summary() + ")";
    }
}
