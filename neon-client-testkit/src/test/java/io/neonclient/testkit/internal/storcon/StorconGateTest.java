package io.neonclient.testkit.internal.storcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.TenantId;
import io.neonclient.testkit.internal.cluster.Timing;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-tenant quota on a controlled clock: governor's GCRA with a burst of the rate, one quota per tenant. */
class StorconGateTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000_000 * MS);

    private StorconGate gate(int rate, double scale) {
        Duration s = Duration.ofSeconds(1);
        return new StorconGate(null, new Timing(scale, s, s, s, s, s, s), rate, now::get);
    }

    @Test
    void aBurstOfTheRatePasses_thenRequestsAreSpacedByTheInterval() {
        StorconGate g = gate(10, 1);
        TenantId t = TenantId.generate();
        for (int i = 0; i < 10; i++) {
            assertEquals(0, g.reserve(t), "request " + i + " is within the burst");
        }
        assertEquals(100 * MS, g.reserve(t));
        assertEquals(200 * MS, g.reserve(t), "queued requests reserve consecutive slots");
        now.addAndGet(1000 * MS);
        assertEquals(0, g.reserve(t), "after a quiet second the quota has refilled");
    }

    @Test
    void tenantsHaveTheirOwnQuota() {
        StorconGate g = gate(2, 1);
        TenantId a = TenantId.generate();
        TenantId b = TenantId.generate();
        g.reserve(a);
        g.reserve(a);
        assertTrue(g.reserve(a) > 0);
        assertEquals(0, g.reserve(b));
        assertEquals(0, g.reserve(b));
    }

    @Test
    void theIntervalRunsAtTheTimeScale() {
        StorconGate g = gate(10, 100);
        TenantId t = TenantId.generate();
        for (int i = 0; i < 10; i++) {
            g.reserve(t);
        }
        assertEquals(MS, g.reserve(t), "100 ms upstream at time scale 100");
    }

    @Test
    void routesOnTheListsMirrorUpstream() {
        assertTrue(StorconGate.RATE_LIMITED.contains("GET /v1/tenant/{tenant_id}/{*rest}"));
        java.util.Set<String> limited = new java.util.HashSet<>(StorconGate.RATE_LIMITED);
        // http.rs registers handle_tenant_import with named_request_span only, yet the handler calls maybe_rate_limit.
        assertTrue(limited.remove("POST /debug/v1/tenant/{tenant_id}/import"), "the debug import is rate limited");
        assertTrue(!StorconGate.TENANT_SERVICE.contains("POST /debug/v1/tenant/{tenant_id}/import"), "the import does not wait for readiness");
        assertTrue(StorconGate.TENANT_SERVICE.containsAll(limited), "every other rate-limited handler is a tenant service route");
        String heatmap = "POST /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers";
        assertTrue(StorconGate.TENANT_SERVICE.contains(heatmap) && StorconGate.RATE_LIMITED.contains(heatmap), "heatmap layers: both");
        assertTrue(StorconGate.TENANT_SERVICE.stream().noneMatch(r -> r.contains("metadata_health")), "metadata health routes answer at once");
        assertTrue(!StorconGate.RATE_LIMITED.contains("GET /control/v1/tenant/{tenant_id}"), "describe is not rate limited upstream");
        assertTrue(!StorconGate.TENANT_SERVICE.contains("PUT /control/v1/tenant/{tenant_id}/policy"), "policy does not wait for readiness");
    }
}
