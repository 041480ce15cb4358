package io.neonclient.compute;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.contract.Fixtures;
import io.neonclient.core.NodeId;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComputeSpecTest {
    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");
    static final TimelineId TIMELINE = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");

    static JsonNode fixtureSpec() {
        return Json.tree(Fixtures.load("compute.configure.request.json").getBytes()).get("spec");
    }

    static ShardPlacement twoShards() {
        return ShardPlacement.sharded(StripeSize.DEFAULT, List.of(
                new ShardPlacement.Shard(TenantShardId.parse(TENANT + "-0102"), NodeId.of(2), "pageserver-2.storage.svc", 6400),
                new ShardPlacement.Shard(TenantShardId.parse(TENANT + "-0002"), NodeId.of(1), "pageserver-1.storage.svc", 6400)));
    }

    @Test
    void withPlacement_sharded_buildsConnectionInfoAndLegacyConnstringAsTheFixture() {
        ComputeSpec spec = ComputeSpec.minimal(TENANT, TIMELINE).withPlacement(twoShards())
                .withSafekeepers(List.of("safekeeper-1.storage.svc:5454", "safekeeper-2.storage.svc:5454", "safekeeper-3.storage.svc:5454"), 3);
        JsonNode produced = Json.tree(Json.encode(spec));
        JsonNode expected = fixtureSpec();
        for (String field : List.of("pageserver_connection_info", "pageserver_connstring", "shard_stripe_size", "safekeepers_generation",
                "safekeeper_connstrings", "tenant_id", "timeline_id", "mode", "storage_auth_token", "suspend_timeout_seconds")) {
            assertEquals(expected.get(field), produced.get(field), field);
        }
        var whole = (com.fasterxml.jackson.databind.node.ObjectNode) expected.deepCopy();
        whole.remove(List.of("operation_uuid", "delta_operations")); // control-plane fields minimal() does not invent
        assertEquals(whole, produced);
    }

    @Test
    void withPlacement_unsharded_usesKey0000AndNullStripe() {
        var placement = ShardPlacement.unsharded(TenantShardId.unsharded(TENANT), NodeId.of(1), "ps-1", 6400);
        ComputeSpec spec = ComputeSpec.minimal(TENANT, TIMELINE).withPlacement(placement);
        PageserverConnectionInfo info = spec.pageserverConnectionInfo().orElseThrow();
        assertEquals(0, info.shardCount());
        assertEquals(Optional.empty(), info.stripeSize());
        assertEquals(List.of("0000"), List.copyOf(info.shards().keySet()));
        assertEquals(Optional.of("postgresql://no_user@ps-1:6400"), info.shard(ShardIndex.UNSHARDED).orElseThrow().pageservers().get(0).libpqUrl());
        assertEquals(Optional.of("postgresql://no_user@ps-1:6400"), spec.pageserverConnstring());
        assertEquals(Optional.empty(), spec.shardStripeSize());
        JsonNode json = Json.tree(Json.encode(spec));
        assertTrue(json.get("pageserver_connection_info").get("stripe_size").isNull());
        assertTrue(json.get("shard_stripe_size").isNull());
    }

    @Test
    void withPlacement_singleShardCountOne_isTreatedAsUnsharded() {
        var placement = ShardPlacement.unsharded(TenantShardId.parse(TENANT + "-0001"), NodeId.of(1), "ps-1", 6400);
        var info = ComputeSpec.minimal(TENANT, TIMELINE).withPlacement(placement).pageserverConnectionInfo().orElseThrow();
        assertEquals(List.of("0000"), List.copyOf(info.shards().keySet()));
    }

    @Test
    void roundTrip_preservesUnknownFieldsAndChangesOnlyStorage() {
        ObjectNodeSpec previous = new ObjectNodeSpec();
        ComputeSpec spec = Json.decode(previous.json, ComputeSpec.class);
        assertEquals(Map.of("features", List.of("activity_monitor_experimental"), "endpoint_id", "ep-1", "operation_uuid", "op",
                "delta_operations", List.of()), spec.extra());
        ComputeSpec moved = spec.withPlacement(twoShards());
        JsonNode before = Json.tree(previous.json.getBytes());
        JsonNode after = Json.tree(Json.encode(moved));
        for (String k : List.of("features", "endpoint_id", "operation_uuid", "cluster", "storage_auth_token", "safekeeper_connstrings", "mode")) {
            assertEquals(before.get(k), after.get(k), k);
        }
        assertEquals("2048", after.get("shard_stripe_size").asText());
        assertEquals(new ComputeMode.Static(io.neonclient.core.Lsn.parse("0/16B5A50")), moved.mode());
    }

    @Test
    void toString_redactsTheStorageToken() {
        ComputeSpec spec = ComputeSpec.minimal(TENANT, TIMELINE).withStorageAuthToken("eyJhbGciOiJFZERTQSJ9.secret.sig");
        assertFalse(spec.toString().contains("secret"), spec.toString());
        assertTrue(spec.toString().contains("<redacted>"));
    }

    @Test
    void badPlacements_areRejected() {
        var s0 = new ShardPlacement.Shard(TenantShardId.parse(TENANT + "-0002"), NodeId.of(1), "ps-1", 6400);
        assertThrows(IllegalArgumentException.class, () -> ShardPlacement.sharded(StripeSize.DEFAULT, List.of(s0)), "missing shard 1");
        assertThrows(IllegalArgumentException.class, () -> new ShardPlacement(Optional.empty(), List.of(s0,
                new ShardPlacement.Shard(TenantShardId.parse(TENANT + "-0102"), NodeId.of(2), "ps-2", 6400))), "no stripe size");
        assertThrows(IllegalArgumentException.class, () -> new ShardPlacement.Shard(TenantShardId.parse(TENANT + "-0002"), NodeId.of(1), "user@ps", 6400));
        var other = ShardPlacement.unsharded(TenantShardId.unsharded(TenantId.generate()), NodeId.of(1), "ps-1", 6400);
        assertThrows(IllegalArgumentException.class, () -> ComputeSpec.minimal(TENANT, TIMELINE).withPlacement(other));
        assertThrows(IllegalArgumentException.class, () -> ComputeSpec.minimal(TENANT, TIMELINE).withSafekeepers(List.of("sk-1"), 1));
    }

    /** A previous spec as a control plane would have sent it, with fields this SDK does not model. */
    static final class ObjectNodeSpec {
        final String json = """
                {"format_version": 1.0, "operation_uuid": "op", "features": ["activity_monitor_experimental"],
                 "cluster": {"cluster_id": "c", "name": "n", "state": null, "roles": [{"name": "app", "encrypted_password": "x", "options": null}],
                             "databases": [], "postgresql_conf": null, "settings": [{"name": "neon.foo", "value": "1", "vartype": "string"}]},
                 "delta_operations": [], "tenant_id": "5187ddbeeda5e7bf3a699a26009f434c", "timeline_id": "a913eb80d57355a5ee645fbe9eb17572",
                 "pageserver_connstring": "postgresql://no_user@old:6400", "safekeeper_connstrings": ["sk-1:5454"],
                 "mode": {"Static": "0/16B5A50"}, "storage_auth_token": "tok", "endpoint_id": "ep-1", "suspend_timeout_seconds": 300}
                """;
    }
}
