package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.internal.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantConfigTest {

    @Test
    void decode_configViewFixture_readsOverridesAndEffectiveConfig() {
        TenantConfigView v = Json.decode(Fixtures.load("storcon.tenant_config_get.response.json"), TenantConfigView.class);
        assertEquals(Optional.of("1h"), v.tenantSpecificOverrides().get("gc_period"));
        assertEquals(Optional.of(Duration.ofDays(7)), v.effectiveConfig().duration("pitr_interval"));
        assertEquals(List.of("gc_period", "pitr_interval"), List.copyOf(v.tenantSpecificOverrides().settings().keySet()));
    }

    @Test
    void nullsFromTheServer_readAsUnset_andAMissingHalfReadsEmpty() {
        TenantConfigView v = Json.decode("{\"tenant_specific_overrides\":{\"gc_period\":\"1h\",\"sampling_ratio\":null}}",
                TenantConfigView.class);
        assertEquals(Map.of("gc_period", "1h"), v.tenantSpecificOverrides().settings());
        assertTrue(v.effectiveConfig().isEmpty());
    }

    @Test
    void with_writesDurationsInHumantime_andEncodesAsAFlatObject() {
        TenantConfig c = TenantConfig.empty().with("gc_period", Duration.ofHours(1)).with("pitr_interval", Duration.ofDays(7))
                .with("gc_horizon", 1024);
        assertEquals(Fixtures.parse("{\"gc_period\":\"1h\",\"pitr_interval\":\"7days\",\"gc_horizon\":1024}"), Fixtures.encoded(c));
        assertEquals(c, Json.decode(Json.encodeToString(c), TenantConfig.class));
        assertEquals("{gc_period=1h, pitr_interval=7days, gc_horizon=1024}", c.toString());
    }

    @Test
    void badKeysAndNullValues_areRefused() {
        var camel = assertThrows(IllegalArgumentException.class, () -> TenantConfig.empty().with("gcPeriod", "1h"));
        assertTrue(camel.getMessage().contains("snake_case") && camel.getMessage().contains("gcPeriod"), camel.getMessage());
        assertThrows(NullPointerException.class, () -> TenantConfig.empty().with("gc_period", (Object) null));
        Map<String, Object> bad = new HashMap<>();
        bad.put("Not A Key", 1);
        assertThrows(IllegalArgumentException.class, () -> TenantConfig.of(bad));
        assertThrows(IllegalArgumentException.class, () -> TenantConfig.requireKey(null));
        for (String key : new String[] {"", "1gc", "_gc", "gc-period", "gc period", "gc_p\u00e9riod", "Gc_period"}) {
            assertThrows(IllegalArgumentException.class, () -> TenantConfig.requireKey(key), key);
        }
        for (String key : new String[] {"g", "gc_period", "image_layer_creation_check_threshold", "l0_flush_delay_threshold", "a_"}) {
            assertEquals(key, TenantConfig.requireKey(key));
        }
    }
}
