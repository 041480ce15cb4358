package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The README's main job, as CI runs it: {@code neon-ops demo} on the embedded cluster, and the CLI's input checks. */
class NeonOpsIT {

    record Run(int exit, String out, String err) {}

    static Run neonOps(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void demo_runsTheRunbooksExampleRunEndToEnd() {
        Run r = neonOps("demo");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (String section : new String[] {"Bootstrap", "docker stop pageserver1", "Restart pageserver1", "Migrate shard 0102",
                "Time travel", "Point-in-time recovery", "Drain pageserver2", "Cluster report"}) {
            assertTrue(r.out().contains(section), "missing section " + section + ":\n" + r.out());
        }
        assertTrue(r.out().contains("none: every node Active, every shard placed and idle"), r.out());
        assertTrue(r.out().contains("every step of the Example Run passed"), r.out());
    }

    @Test
    void dryRun_printsThePlanWithoutAController() {
        Run r = neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "drain", "--node", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("NodeEvacuation plan (nothing sent):"), r.out());
        assertTrue(r.out().contains("PUT /control/v1/node/{node_id}/drain"), r.out());
    }

    @Test
    void badShardId_isRejectedBeforeAnythingIsSent() {
        Run r = neonOps("--storcon", "http://127.0.0.1:9", "migrate", "--shard", "not-a-shard", "--node", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("TenantShardId"), r.err());
    }

    @Test
    void missingController_isAUsageError() {
        Run r = neonOps("status");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--storcon"), r.err());
    }
}
