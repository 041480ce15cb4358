package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.internal.Json;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of the wire enums in the shared model: {@code fromWire(x.toString()) == x} for every known value, and a
 * spelling this SDK does not know is kept, printed and encoded exactly as received.
 */
class WireEnumsProperties {

    /** Each wire enum's parser, with its known values. */
    record WireEnum(String name, Function<String, Object> fromWire, Class<?> type, List<? extends Enum<?>> known) {}

    static final List<WireEnum> ENUMS = List.of(
            new WireEnum("TimelineArchivalState", TimelineArchivalState::fromWire, TimelineArchivalState.class,
                    List.of(TimelineArchivalState.Known.values())),
            new WireEnum("RelSizeMigration", RelSizeMigration::fromWire, RelSizeMigration.class, List.of(RelSizeMigration.Known.values())),
            new WireEnum("LocationConfigMode", LocationConfigMode::fromWire, LocationConfigMode.class,
                    List.of(LocationConfigMode.Known.values())),
            new WireEnum("LsnForTimestamp.Kind", LsnForTimestamp.Kind::fromWire, LsnForTimestamp.Kind.class,
                    List.of(LsnForTimestamp.Kind.Known.values())),
            new WireEnum("TenantState.ActivatingFrom", TenantState.ActivatingFrom::fromWire, TenantState.ActivatingFrom.class,
                    List.of(TenantState.ActivatingFrom.Known.values())));

    private static final Set<String> KNOWN_SPELLINGS = ENUMS.stream().flatMap(e -> e.known().stream()).map(Object::toString)
            .collect(Collectors.toSet());

    @Property
    void relSizeMigration_fromWireInvertsToString(@ForAll RelSizeMigration.Known value) {
        assertSame(value, RelSizeMigration.fromWire(value.toString()));
        assertSame(value, Json.decode(Json.encodeToString(value), RelSizeMigration.class));
    }

    @Property
    void locationConfigMode_fromWireInvertsToString(@ForAll LocationConfigMode.Known value) {
        assertSame(value, LocationConfigMode.fromWire(value.toString()));
        assertSame(value, Json.decode(Json.encodeToString(value), LocationConfigMode.class));
    }

    @Property
    void lsnKind_fromWireInvertsToString(@ForAll LsnForTimestamp.Kind.Known value) {
        assertSame(value, LsnForTimestamp.Kind.fromWire(value.toString()));
        assertSame(value, Json.decode(Json.encodeToString(value), LsnForTimestamp.Kind.class));
    }

    @Property
    void activatingFrom_fromWireInvertsToString(@ForAll TenantState.ActivatingFrom.Known value) {
        assertSame(value, TenantState.ActivatingFrom.fromWire(value.toString()));
        assertSame(value, Json.decode(Json.encodeToString(value), TenantState.ActivatingFrom.class));
    }

    @Property
    void timelineArchivalState_fromWireInvertsToString(@ForAll TimelineArchivalState.Known value) {
        assertSame(value, TimelineArchivalState.fromWire(value.toString()));
        assertSame(value, Json.decode(Json.encodeToString(value), TimelineArchivalState.class));
    }

    @Property
    void unknownSpellings_areKeptPrintedAndEncodedAsReceived(@ForAll("unknownSpellings") String wire) {
        for (WireEnum e : ENUMS) {
            Object value = e.fromWire().apply(wire);
            assertFalse(value instanceof Enum<?>, e.name() + " must not know " + wire);
            assertEquals(wire, value.toString(), e.name());
            assertEquals(Json.encodeToString(wire), Json.encodeToString(value), e.name());
            assertEquals(value, Json.decode(Json.encodeToString(value), e.type()), e.name());
        }
    }

    @Provide
    Arbitrary<String> unknownSpellings() {
        return Arbitraries.strings().alpha().numeric().withChars('_', '-', ' ').ofMinLength(1).ofMaxLength(24)
                .filter(s -> !s.isBlank() && !KNOWN_SPELLINGS.contains(s));
    }

    @Example
    void frobnicating_roundTripsThroughEveryWireEnum() {
        for (WireEnum e : ENUMS) {
            Object value = e.fromWire().apply("Frobnicating");
            assertEquals("Frobnicating", value.toString(), e.name());
            assertEquals("\"Frobnicating\"", Json.encodeToString(value), e.name());
        }
    }

    @Example
    void spellingsAreNeons() {
        assertEquals(List.of("legacy", "migrating", "migrated"), names(RelSizeMigration.Known.values()));
        assertEquals(List.of("AttachedSingle", "AttachedMulti", "AttachedStale", "Secondary", "Detached"),
                names(LocationConfigMode.Known.values()));
        assertEquals(List.of("present", "future", "past", "nodata"), names(LsnForTimestamp.Kind.Known.values()));
        assertEquals(List.of("Attaching"), names(TenantState.ActivatingFrom.Known.values()));
        assertSame(LocationConfigMode.ATTACHED_MULTI, LocationConfigMode.Known.ATTACHED_MULTI);
        assertTrue(Stream.of(LocationConfigMode.ATTACHED_SINGLE, LocationConfigMode.ATTACHED_MULTI, LocationConfigMode.ATTACHED_STALE)
                .allMatch(LocationConfigMode::isAttached));
        assertFalse(LocationConfigMode.SECONDARY.isAttached() || LocationConfigMode.DETACHED.isAttached());
    }

    @Example
    void blankSpellings_areRefusedNamingTheType() {
        for (WireEnum e : ENUMS) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.fromWire().apply(" "));
            assertTrue(x.getMessage().contains(e.name()), x.getMessage());
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Stream.of(values).map(Object::toString).toList();
    }
}
