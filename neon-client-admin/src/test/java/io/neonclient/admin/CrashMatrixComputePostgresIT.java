package io.neonclient.admin;

import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link CrashMatrixComputeIT}'s whole matrix with the journal in PostgreSQL ({@link Journal#postgres}, on a throwaway server started
 * by {@link TestPostgres}): each kill point's second run is a new connection that finds the first run's row by recipe
 * and subject and resumes from it.
 */
class CrashMatrixComputePostgresIT extends CrashMatrixComputeIT {
    static TestPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.start();
        // Open one journal before the matrix: the first one loads the JDBC driver and creates the table, which on a busy
        // machine outlasted the 600 ms secondary warm-up the shardRoutingRepair kill inside placement-settled relies on.
        Journal warm = pg.journal();
        try {
            warm.begin("Warmup", "connection", "{}");
            warm.recordCompleted();
        } finally {
            warm.close();
        }
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    Function<String, Journal> journals(Path dir) {
        return run -> pg.journal();
    }
}
