package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.internal.Json;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineStateTest {

    private static TimelineState decode(String json) {
        return Json.decode(json, TimelineState.class);
    }

    @Test
    void unitStates_readFromNamesAndPrintNeonsSpelling() {
        assertEquals(new TimelineState.Loading(), decode("\"Loading\""));
        assertEquals(new TimelineState.Active(), decode("\"Active\""));
        assertEquals(new TimelineState.Stopping(), decode("\"Stopping\""));
        for (String name : new String[] {"Loading", "Active", "Stopping"}) {
            assertEquals(name, decode("\"" + name + "\"").toString());
            assertEquals(Fixtures.parse("\"" + name + "\""), Fixtures.encoded(decode("\"" + name + "\"")));
        }
        assertTrue(decode("\"Active\"").isActive());
        assertFalse(decode("\"Loading\"").isActive());
    }

    @Test
    void broken_keepsReasonAndBacktrace_printsBroken_andEncodesBack() {
        String json = "{\"Broken\":{\"reason\":\"layer map corrupt\",\"backtrace\":\"at foo\"}}";
        TimelineState s = decode(json);
        assertEquals(new TimelineState.Broken("layer map corrupt", "at foo"), s);
        assertEquals("Broken", s.toString());
        assertTrue(s.isBroken());
        assertEquals(Fixtures.parse(json), Fixtures.encoded(s));
    }

    @Test
    void unknownStates_areKeptAsReceived_andEncodeBack() {
        TimelineState name = decode("\"Frobnicating\"");
        assertEquals(new TimelineState.Unknown("Frobnicating"), name);
        assertEquals("Frobnicating", name.toString());
        assertEquals(Fixtures.parse("\"Frobnicating\""), Fixtures.encoded(name));

        String withData = "{\"Offloading\":{\"progress\":3,\"why\":\"archived\"}}";
        TimelineState object = decode(withData);
        assertEquals(new TimelineState.Unknown("Offloading", Optional.of(Map.of("progress", 3, "why", "archived"))), object);
        assertEquals("Offloading", object.toString());
        assertEquals(Fixtures.parse(withData), Fixtures.encoded(object));
        assertFalse(object.isActive() || object.isBroken());
    }

    @Test
    void badShapes_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> decode("42"));
        assertThrows(IllegalArgumentException.class, () -> decode("{\"A\":1,\"B\":2}"));
        assertThrows(IllegalArgumentException.class, () -> new TimelineState.Unknown(" "));
    }
}
