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
        // The first journal of a fresh server creates the table and loads the driver: done here, so that the first kill
        // point's run reaches its wait while the shard move it waits for (600 ms of warm-up) is still under way, even on
        // a loaded machine.
        try (Journal warm = pg.journal()) {
            warm.begin("warm-up", "warm-up", "{}");
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
