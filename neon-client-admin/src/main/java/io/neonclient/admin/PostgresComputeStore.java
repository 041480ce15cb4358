package io.neonclient.admin;

import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ComputeStore} in PostgreSQL, next to the recipe journals ({@link PostgresJournal}, whose URL parsing and
 * connection settings it uses): {@code neon_client_computes} (one row per compute, the spec as JSON) and
 * {@code neon_client_import_outcomes} (one row per tenant and timeline, the first notification kept). One
 * connection, autocommit, opened on first use and opened again once when it broke.
 */
final class PostgresComputeStore implements ComputeStore {
    static final String COMPUTES = "neon_client_computes";
    static final String IMPORTS = "neon_client_import_outcomes";

    private final PostgresJournal target;
    private Connection connection;

    private PostgresComputeStore(PostgresJournal target) {
        this.target = target;
    }

    static PostgresComputeStore connectTo(String url, String password) {
        try {
            return new PostgresComputeStore(PostgresJournal.connectTo(url, password));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("journal URL", "registry URL"), e);
        }
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private synchronized <T> T sql(String what, Sql<T> work) {
        for (int attempt = 0; ; attempt++) {
            try {
                if (connection == null || connection.isClosed()) {
                    connection = target.connect();
                    createTables(connection);
                }
                return work.run(connection);
            } catch (SQLException e) {
                closeConnection();
                // a broken connection (the database restarted) is opened again once; anything else is reported
                String state = e.getSQLState();
                if (attempt > 0 || state == null || !state.startsWith("08")) {
                    throw new IllegalStateException("compute registry " + target.shown() + " cannot " + what + ": " + e.getMessage()
                            + " (SQLState " + e.getSQLState() + ")", e);
                }
            }
        }
    }

    private static void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + COMPUTES + " (compute_id text PRIMARY KEY, registered bigserial,"
                    + " tenant_id text NOT NULL, timeline_id text NOT NULL, compute_ctl_url text NOT NULL, spec text NOT NULL,"
                    + " last_error text, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE IF NOT EXISTS " + IMPORTS + " (tenant_id text NOT NULL, timeline_id text NOT NULL, error text,"
                    + " received_at timestamptz NOT NULL, PRIMARY KEY (tenant_id, timeline_id))");
        } catch (SQLException e) {
            // two first users creating the tables at once: the other one's catalog row won; the tables exist now
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static ComputeRecord row(ResultSet r) throws SQLException {
        return new ComputeRecord(r.getString("compute_id"), TenantId.parse(r.getString("tenant_id")),
                TimelineId.parse(r.getString("timeline_id")), URI.create(r.getString("compute_ctl_url")),
                Json.decode(r.getString("spec"), ComputeSpec.class), Optional.ofNullable(r.getString("last_error")));
    }

    private static final String COLUMNS = "compute_id, tenant_id, timeline_id, compute_ctl_url, spec, last_error";

    @Override
    public List<ComputeRecord> list() {
        return sql("list computes", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM " + COMPUTES + " ORDER BY registered")) {
                List<ComputeRecord> out = new ArrayList<>();
                while (r.next()) {
                    out.add(row(r));
                }
                return out;
            }
        });
    }

    @Override
    public Optional<ComputeRecord> find(String computeId) {
        Objects.requireNonNull(computeId, "computeId");
        return sql("read compute " + computeId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + COMPUTES + " WHERE compute_id = ?")) {
                s.setString(1, computeId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(row(r)) : Optional.<ComputeRecord>empty();
                }
            }
        });
    }

    @Override
    public void put(ComputeRecord record) {
        putAll(List.of(Objects.requireNonNull(record, "record")));
    }

    @Override
    public void putAll(List<ComputeRecord> records) {
        List<ComputeRecord> given = List.copyOf(records);
        if (given.isEmpty()) {
            return;
        }
        sql("record " + given.size() + " computes", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + COMPUTES + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (compute_id) DO UPDATE SET tenant_id = excluded.tenant_id, timeline_id = excluded.timeline_id,"
                    + " compute_ctl_url = excluded.compute_ctl_url, spec = excluded.spec, last_error = excluded.last_error, updated_at = now()")) {
                for (ComputeRecord record : given) {
                    s.setString(1, record.computeId());
                    s.setString(2, record.tenantId().toString());
                    s.setString(3, record.timelineId().toString());
                    s.setString(4, record.computeCtlUrl().toString());
                    s.setString(5, Json.encodeToString(record.spec()));
                    s.setString(6, record.lastError().orElse(null));
                    s.addBatch();
                }
                return s.executeBatch().length;
            }
        });
    }

    @Override
    public boolean remove(String computeId) {
        Objects.requireNonNull(computeId, "computeId");
        return sql("forget compute " + computeId, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + COMPUTES + " WHERE compute_id = ?")) {
                s.setString(1, computeId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void recordImport(ImportOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        sql("record an import outcome", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + IMPORTS + " (tenant_id, timeline_id, error, received_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, timeline_id) DO NOTHING")) {
                s.setString(1, outcome.tenantId().toString());
                s.setString(2, outcome.timelineId().toString());
                s.setString(3, outcome.error().orElse(null));
                s.setTimestamp(4, Timestamp.from(outcome.receivedAt()));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ImportOutcome> find(TenantId tenantId, TimelineId timelineId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(timelineId, "timelineId");
        return sql("read an import outcome", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT error, received_at FROM " + IMPORTS + " WHERE tenant_id = ? AND timeline_id = ?")) {
                s.setString(1, tenantId.toString());
                s.setString(2, timelineId.toString());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new ImportOutcome(tenantId, timelineId, Optional.ofNullable(r.getString(1)),
                            r.getTimestamp(2).toInstant())) : Optional.<ImportOutcome>empty();
                }
            }
        });
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // a broken connection: the server ends the session either way
        } finally {
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }

    @Override
    public String toString() {
        return "compute registry " + target.shown();
    }
}
