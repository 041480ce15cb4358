package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.Failpoint;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import while the tenant splits: the controller refuses it (409, storage_controller/src/service.rs), and the recipe
 * says so at its check instead of failing obscurely. The split is held open with upstream's own pausable failpoint
 * {@code shard-split-pre-complete-pause}, as upstream's sharding tests hold it.
 */
class PgdataImportSplitIT {

    @Test
    void aTenantMidSplit_isRefusedAtTheCheck_nothingStarted_andTheImportRunsOnceTheSplitIsDone(@TempDir Path dir) throws Exception {
        try (PgdataImportIT.Env env = new PgdataImportIT.Env(dir)) {
            env.upload(true, true);
            env.storcon.configureFailpoints(List.of(new Failpoint("shard-split-pre-complete-pause", "pause")));
            CompletableFuture<?> split = CompletableFuture.runAsync(() -> env.storcon.tenant(env.tenant).split(4).await(Duration.ofMinutes(1)));
            Waiter.await("the split under way", RecipeHarness.WAIT, () -> env.storcon.tenant(env.tenant).describe(),
                    d -> d.shards().stream().anyMatch(s -> s.isSplitting()) ? WaitVerdict.done() : WaitVerdict.pending(d.toString()), p -> { });

            RecipeFailedException refused = assertThrows(RecipeFailedException.class, () -> env.recipe("key-1").run(e -> { }));
            assertEquals("check", refused.step());
            assertTrue(refused.getCause().getMessage().contains("is splitting: the controller refuses an import during a shard split (409)"),
                    refused.getCause().getMessage());
            assertTrue(env.storcon.tenant(env.tenant).timelines().list().stream().noneMatch(t -> t.timelineId().equals(env.imported)),
                    "nothing was started");

            env.storcon.configureFailpoints(List.of(new Failpoint("shard-split-pre-complete-pause", "off")));
            split.get();
            assertEquals(4, env.storcon.tenant(env.tenant).describe().shardCount());
            RecipeResult r = env.recipe("key-1").run(e -> { });
            assertEquals(4, r.value(PgdataImport.VERIFY).shards());
        }
    }
}
