package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.TenantDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's view (describe + node list) → a compute's storage fields, as upstream's compute hook builds them. */
class PlacementsTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = PlacementsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void of_describeAndNodes_givesTheComputeFixturesStorageFields() throws IOException {
        TenantDescription tenant = Json.decode(fixture("storcon.tenant_describe.response.json"), TenantDescription.class);
        List<Node> nodes = Json.decode(fixture("storcon.node_list.response.json"), new TypeReference<List<Node>>() {});
        ShardPlacement placement = Placements.of(tenant, nodes);

        ComputeSpec spec = ComputeSpec.minimal(tenant.tenantId(), TimelineId.generate()).withPlacement(placement);
        JsonNode actual = Json.MAPPER.readTree(Json.encode(spec));
        JsonNode expected = Json.MAPPER.readTree(fixture("compute.configure.request.json")).get("spec");
        for (String field : new String[] {"pageserver_connection_info", "pageserver_connstring", "shard_stripe_size"}) {
            assertEquals(expected.get(field), actual.get(field), field);
        }
    }

    @Test
    void of_aShardWithoutAttachment_isRefusedNamingTheShard() throws IOException {
        String json = fixture("storcon.tenant_describe.response.json").replace("\"node_attached\": 2", "\"node_attached\": null");
        TenantDescription tenant = Json.decode(json, TenantDescription.class);
        List<Node> nodes = Json.decode(fixture("storcon.node_list.response.json"), new TypeReference<List<Node>>() {});
        var e = assertThrows(IllegalStateException.class, () -> Placements.of(tenant, nodes));
        assertTrue(e.getMessage().contains(tenant.tenantId() + "-0102"), e.getMessage());
    }

    @Test
    void of_anUnknownNode_isRefused() throws IOException {
        TenantDescription tenant = Json.decode(fixture("storcon.tenant_describe.response.json"), TenantDescription.class);
        var e = assertThrows(IllegalStateException.class, () -> Placements.of(tenant, List.of()));
        assertTrue(e.getMessage().contains("does not list"), e.getMessage());
    }
}
