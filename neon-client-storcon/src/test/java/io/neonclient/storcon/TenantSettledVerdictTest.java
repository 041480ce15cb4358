package io.neonclient.storcon;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TenantDescription#settledVerdict()}: the judge the handles' waits use, on upstream-shaped describe bodies. */
class TenantSettledVerdictTest {
    static final String TENANT = "1f359dd625e519a1a4e8d7509690f6fc";
    static final TenantShardId S0 = TenantShardId.parse(TENANT + "-0002");
    static final TenantShardId S1 = TenantShardId.parse(TENANT + "-0102");

    static TenantDescription describe(String policy, String... shards) {
        return Json.decode(Describe.tenant(TENANT, policy, shards), TenantDescription.class);
    }

    @Test
    void settledVerdict_attachedWithItsSecondariesAndIdle_isDone() {
        var d = describe("{\"Attached\":1}", Describe.shard(S0, 1, List.of(2), "", false), Describe.shard(S1, 2, List.of(1), "", false));
        assertEquals(WaitVerdict.done(), d.settledVerdict());
    }

    @Test
    void settledVerdict_missingASecondaryOrReconciling_isPendingNamingTheShard() {
        var missing = describe("{\"Attached\":1}", Describe.shard(S0, 1, List.of(2), "", false), Describe.shard(S1, 2, List.of(), "", false));
        assertInstanceOf(WaitVerdict.Pending.class, missing.settledVerdict());
        assertTrue(missing.settledVerdict().toString().contains(S1.toString()), missing.settledVerdict().toString());
        var busy = describe("{\"Attached\":0}", Describe.shard(S0, 1, List.of(), "", true), Describe.shard(S1, 2, List.of(), "", false));
        assertTrue(busy.settledVerdict().toString().contains("reconciling"), busy.settledVerdict().toString());
    }

    @Test
    void settledVerdict_aLastError_failsAtOnce() {
        var d = describe("{\"Attached\":1}", Describe.shard(S0, 1, List.of(2), "", true), Describe.shard(S1, 2, List.of(1), "oops", false));
        assertInstanceOf(WaitVerdict.Failed.class, d.settledVerdict());
        assertTrue(d.settledVerdict().toString().contains("oops"), d.settledVerdict().toString());
    }

    @Test
    void settledVerdict_detached_isDoneOnlyWhenNothingIsPlaced() {
        var leaving = describe("\"Detached\"", Describe.shard(S0, 1, List.of(), "", true));
        assertInstanceOf(WaitVerdict.Pending.class, leaving.settledVerdict());
        assertEquals(WaitVerdict.done(), describe("\"Detached\"", Describe.shard(S0, null, List.of(), "", false)).settledVerdict());
    }
}
