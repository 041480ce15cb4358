package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.backup.BackupCatalog;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.DumpRecord;
import io.neonclient.admin.backup.LogicalDump;
import io.neonclient.admin.backup.SnapshotManifest;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dump path with the real {@code pg_dump}/{@code pg_restore} against a real PostgreSQL started for the test
 * ({@link TestPostgres}), standing in for a compute's Postgres (the testkit's computes run none).
 */
class LogicalDumpIT {
    static final TenantId TENANT = TenantId.generate();

    static BackupCatalog catalogWithSnapshot() {
        BackupCatalog catalog = BackupCatalog.inMemory();
        TimelineId tl = TimelineId.generate();
        TimelineId source = TimelineId.generate();
        catalog.add(new CatalogEntry("nightly", TENANT, tl, source, Lsn.parse("0/16B5A50"), Instant.parse("2025-01-01T00:00:00Z"), "ops",
                Map.of(), false, false, CatalogEntry.SNAPSHOT, SnapshotManifest.of(TENANT, source, Lsn.parse("0/16B5A50"), tl), List.of()));
        return catalog;
    }

    static LogicalDump.Target target(TestPostgres pg, String db) {
        return LogicalDump.Target.parse("postgresql://" + TestPostgres.USER + "@127.0.0.1:" + pg.port + "/" + db);
    }

    @Test
    void dumpThenRestoreIntoAnEmptyDatabase_bringsTheRowsBack_andTheCatalogRecordsTheDump(@TempDir Path dir) throws Exception {
        try (TestPostgres pg = TestPostgres.start(); Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, item text)");
            s.execute("INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 250) g");
            s.execute("CREATE DATABASE restored");
            BackupCatalog catalog = catalogWithSnapshot();
            LogicalDump dump = LogicalDump.of(catalog, TENANT, "nightly", target(pg, "postgres"), TestPostgres.PASSWORD);
            LogicalDump.VersionCheck v = dump.checkVersions();
            assertTrue(v.compatible(), v.advice());

            Path file = dir.resolve("nightly.dump");
            DumpRecord d = dump.to(file);
            assertTrue(Files.size(file) > 0);
            assertEquals(Files.size(file), d.bytes());
            assertEquals("postgres", d.database());
            assertEquals(List.of(d), catalog.find(TENANT, "nightly").orElseThrow().dumps());

            LogicalDump.restore(file, target(pg, "restored"), TestPostgres.PASSWORD, null);
            try (Connection r = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port + "/restored", TestPostgres.USER,
                    TestPostgres.PASSWORD); Statement q = r.createStatement(); ResultSet rs = q.executeQuery("SELECT count(*), max(item) FROM orders")) {
                rs.next();
                assertEquals(250, rs.getInt(1));
                assertEquals("item 99", rs.getString(2));
            }
        }
    }

    @Test
    void anOlderPgDumpThanTheServer_isRefusedNamingThePgDumpToUse_andNothingIsRecorded(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = bin.resolve("pg_dump");
        Files.writeString(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestPostgres pg = TestPostgres.start()) {
            BackupCatalog catalog = catalogWithSnapshot();
            LogicalDump dump = LogicalDump.of(catalog, TENANT, "nightly", target(pg, "postgres"), TestPostgres.PASSWORD).withBinaries(bin);
            var e = assertThrows(IllegalStateException.class, () -> dump.to(dir.resolve("x.dump")));
            assertTrue(e.getMessage().startsWith("pg_dump 9 cannot dump server "), e.getMessage());
            assertTrue(e.getMessage().contains("/bin/pg_dump from package postgresql-client-"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("x.dump")));
            assertTrue(catalog.find(TENANT, "nightly").orElseThrow().dumps().isEmpty());
        }
    }

    @Test
    void compare_parsesBothVersionTexts_andSaysWhichPgDumpToUse() {
        var older = LogicalDump.compare("pg_dump (PostgreSQL) 15.8 (Debian 15.8-1.pgdg120+1)", "16.4 (Debian 16.4-1.pgdg120+1)");
        assertEquals(15, older.client());
        assertEquals(16, older.server());
        assertFalse(older.compatible());
        assertTrue(older.advice().contains("/usr/lib/postgresql/16/bin/pg_dump"), older.advice());
        var newer = LogicalDump.compare("pg_dump (PostgreSQL) 17.2", "16.4");
        assertTrue(newer.compatible());
        assertTrue(newer.advice().contains("restores only with pg_restore 17 or newer"), newer.advice());
        assertEquals("pg_dump 9 matches server 9", LogicalDump.compare("pg_dump (PostgreSQL) 9.6.24", "9.6.3").advice());
        var bad = assertThrows(IllegalArgumentException.class, () -> LogicalDump.compare("no digits here", "16.4"));
        assertTrue(bad.getMessage().contains("pg_dump --version has no version number"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogicalDump.Target.parse("postgresql://u:secret@h:5432/db"));
        assertThrows(IllegalArgumentException.class, () -> LogicalDump.of(catalogWithSnapshot(), TENANT, "other",
                LogicalDump.Target.parse("postgresql://u@h:5432/db"), null));
    }
}
