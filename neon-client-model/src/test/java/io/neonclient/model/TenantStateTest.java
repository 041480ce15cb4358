package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantStateTest {

    private static TenantState decode(String json) {
        return Json.decode(json, TenantState.class);
    }

    @Test
    void everyUpstreamState_readsPrintsItsSlug_andEncodesAsUpstreamDoes() {
        record Case(String json, TenantState state, String slug) {}
        for (Case c : List.of(
                new Case("{\"slug\":\"Attaching\"}", new TenantState.Attaching(), "Attaching"),
                new Case("{\"slug\":\"Activating\",\"data\":\"Attaching\"}",
                        new TenantState.Activating(TenantState.ActivatingFrom.ATTACHING), "Activating"),
                new Case("{\"slug\":\"Active\"}", new TenantState.Active(), "Active"),
                new Case("{\"slug\":\"Stopping\",\"data\":{}}", new TenantState.Stopping(), "Stopping"),
                new Case("{\"slug\":\"Broken\",\"data\":{\"reason\":\"failed to load index_part\",\"backtrace\":\"bt\"}}",
                        new TenantState.Broken("failed to load index_part", "bt"), "Broken"))) {
            TenantState s = decode(c.json());
            assertEquals(c.state(), s, c.json());
            assertEquals(c.slug(), s.toString());
            assertEquals(Fixtures.parse(c.json()), Fixtures.encoded(s), c.json());
        }
        assertEquals(new TenantState.Stopping(), decode("{\"slug\":\"Stopping\"}"), "older servers may omit the empty data");
        assertTrue(decode("{\"slug\":\"Active\"}").isActive());
        assertTrue(decode("{\"slug\":\"Broken\",\"data\":{\"reason\":\"r\",\"backtrace\":\"\"}}").isBroken());
    }

    @Test
    void fixture_stateIsActive() {
        TenantState s = Json.convert(Fixtures.tree("pageserver.tenant_detail.response.json").get("state"), TenantState.class);
        assertEquals(new TenantState.Active(), s);
    }

    @Test
    void unknownSlugs_andUnknownActivatingOrigins_areKeptAsReceived() {
        String json = "{\"slug\":\"Hibernating\",\"data\":{\"since\":\"2025-01-01\"}}";
        TenantState s = decode(json);
        assertEquals(new TenantState.Unknown("Hibernating", Optional.of(Map.of("since", "2025-01-01"))), s);
        assertEquals("Hibernating", s.toString());
        assertEquals(Fixtures.parse(json), Fixtures.encoded(s));
        assertEquals(Fixtures.parse("{\"slug\":\"Frobnicating\"}"), Fixtures.encoded(decode("{\"slug\":\"Frobnicating\"}")));

        TenantState activating = decode("{\"slug\":\"Activating\",\"data\":\"Loading\"}");
        assertEquals(new TenantState.Activating(TenantState.ActivatingFrom.fromWire("Loading")), activating);
        assertEquals(Fixtures.parse("{\"slug\":\"Activating\",\"data\":\"Loading\"}"), Fixtures.encoded(activating));
    }

    @Test
    void knownSlugWithAPayloadThisSdkCannotRead_isKeptAsUnknown() {
        TenantState s = decode("{\"slug\":\"Broken\",\"data\":\"just text\"}");
        assertEquals(new TenantState.Unknown("Broken", Optional.of("just text")), s);
        assertEquals("Broken", s.toString());
    }

    @Test
    void valuesWithoutASlug_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> decode("\"Active\""));
        assertThrows(IllegalArgumentException.class, () -> decode("{\"data\":{}}"));
    }
}
