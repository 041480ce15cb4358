package io.neonclient.admin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ComputeHookRestartIT} with the registry in PostgreSQL (a throwaway server started by {@link TestPostgres}). */
class ComputeHookRestartPostgresIT extends ComputeHookRestartIT {
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
    ComputeStore store() {
        return ComputeStore.postgres(pg.url(), TestPostgres.PASSWORD);
    }
}
