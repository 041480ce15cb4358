package io.neonclient.admin;

import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link CrashMatrixIT}'s whole matrix with the journal in PostgreSQL ({@link Journal#postgres}, on a throwaway server started
 * by {@link TestPostgres}): each kill point's second run is a new connection that finds the first run's row by recipe
 * and subject and resumes from it.
 */
class CrashMatrixPostgresIT extends CrashMatrixIT {
    static TestPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.start();
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
