package io.neonclient.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.contract.Fixtures;
import io.neonclient.core.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputeConfigTest {

    @Test
    void parse_thenToJson_keepsTheConfigureFixtureAsIs() {
        String fixture = Fixtures.load("compute.configure.request.json");
        ComputeConfig config = ComputeConfig.parse(fixture);
        assertTrue(config.spec().isPresent());
        assertEquals(Json.tree(fixture.getBytes()), Json.tree(config.toJson().getBytes()));
        assertEquals(config, ComputeConfig.parse(config.toJson()));
    }

    @Test
    void toJson_isTheFileComputeCtlReads_specThenComputeCtlConfig() {
        var spec = ComputeSpec.minimal(ComputeSpecTest.TENANT, ComputeSpecTest.TIMELINE).withPlacement(ComputeSpecTest.twoShards())
                .withSafekeepers(List.of("sk-1:5454", "sk-2:5454", "sk-3:5454"), 1).withStorageAuthToken("secret-jwt");
        String text = ComputeConfig.of(spec, ComputeCtlConfig.empty()).toJson();
        JsonNode tree = Json.tree(text.getBytes());
        assertEquals(List.of("spec", "compute_ctl_config"), iterable(tree.fieldNames()));
        assertEquals("postgresql://no_user@pageserver-1.storage.svc:6400,postgresql://no_user@pageserver-2.storage.svc:6400",
                tree.path("spec").path("pageserver_connstring").asText());
        assertEquals(3, tree.path("spec").path("safekeeper_connstrings").size());
        assertTrue(tree.path("compute_ctl_config").path("jwks").path("keys").isArray());
        assertTrue(tree.path("compute_ctl_config").has("tls"));
        assertTrue(text.contains("\n  \"spec\" : {"), text);
        assertFalse(ComputeConfig.of(spec, ComputeCtlConfig.empty()).toString().contains("secret-jwt"));
    }

    @Test
    void aConfigWithoutSpec_writesNullAndReadsBackEmpty() {
        var config = new ComputeConfig(Optional.empty(), ComputeCtlConfig.empty());
        JsonNode tree = Json.tree(config.toJson().getBytes());
        assertTrue(tree.has("spec") && tree.get("spec").isNull(), tree.toString());
        assertEquals(Optional.empty(), ComputeConfig.parse(config.toJson()).spec());
    }

    @Test
    void writeTo_replacesTheFileWithTheJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "old");
        var config = ComputeConfig.parse(Fixtures.load("compute.configure.request.json"));
        config.writeTo(file);
        assertEquals(config.toJson(), Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void parse_refusesWhatComputeCtlWouldRefuse() {
        var notJson = assertThrows(IllegalArgumentException.class, () -> ComputeConfig.parse("{spec"));
        assertTrue(notJson.getMessage().startsWith("compute config is not JSON"), notJson.getMessage());
        var noCtl = assertThrows(IllegalArgumentException.class, () -> ComputeConfig.parse("{\"spec\": null}"));
        assertTrue(noCtl.getMessage().contains("needs a compute_ctl_config object"), noCtl.getMessage());
        var array = assertThrows(IllegalArgumentException.class, () -> ComputeConfig.parse("[]"));
        assertTrue(array.getMessage().contains("must be a JSON object"), array.getMessage());
        assertThrows(NullPointerException.class, () -> ComputeConfig.of(null, ComputeCtlConfig.empty()));
        assertThrows(NullPointerException.class, () -> new ComputeConfig(Optional.empty(), null));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
