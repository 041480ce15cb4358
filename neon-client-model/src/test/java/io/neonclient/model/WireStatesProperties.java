package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Laws of the sealed wire states and requests: what the SDK writes, it reads back unchanged. */
class WireStatesProperties {

    @Property
    void timelineState_encodeThenDecode_isIdentity(@ForAll("timelineStates") TimelineState state) {
        assertEquals(state, Json.decode(Json.encodeToString(state), TimelineState.class));
    }

    @Property
    void tenantState_encodeThenDecode_isIdentity(@ForAll("tenantStates") TenantState state) {
        assertEquals(state, Json.decode(Json.encodeToString(state), TenantState.class));
    }

    @Property
    void attachmentStatus_encodeThenDecode_isIdentity(@ForAll("attachmentStatuses") TenantAttachmentStatus status) {
        assertEquals(status, Json.decode(Json.encodeToString(status), TenantAttachmentStatus.class));
    }

    @Property
    void branchBody_alwaysNamesAncestorStartLsn(@ForAll @LongRange(min = 1) long lsn) {
        var request = CreateTimelineRequest.branch(TimelineId.generate(), TimelineId.generate()).at(Lsn.of(lsn));
        var tree = Json.tree(Json.encode(request));
        assertEquals(Lsn.of(lsn).toString(), tree.get("ancestor_start_lsn").asText());
        assertFalse(tree.has("read_only"));
        assertFalse(tree.has("pg_version"));
        assertEquals(3, tree.size());
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(40);
    }

    private static Arbitrary<String> unknownNames() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> "X" + s);
    }

    private static Arbitrary<Optional<Object>> payloads() {
        return Arbitraries.oneOf(Arbitraries.just(Optional.empty()), text().map(Optional::of),
                Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), Arbitraries.integers())
                        .as((k, v) -> Optional.of(Map.of(k, v))));
    }

    @Provide
    Arbitrary<TimelineState> timelineStates() {
        return Arbitraries.oneOf(Arbitraries.of(new TimelineState.Active(), new TimelineState.Loading(), new TimelineState.Stopping()),
                Combinators.combine(text(), text()).as(TimelineState.Broken::new),
                Combinators.combine(unknownNames(), payloads()).as(TimelineState.Unknown::new));
    }

    @Provide
    Arbitrary<TenantState> tenantStates() {
        return Arbitraries.oneOf(Arbitraries.of(new TenantState.Attaching(), new TenantState.Active(), new TenantState.Stopping(),
                        new TenantState.Activating(TenantState.ActivatingFrom.ATTACHING)),
                unknownNames().map(n -> new TenantState.Activating(TenantState.ActivatingFrom.fromWire(n))),
                Combinators.combine(text(), text()).as(TenantState.Broken::new),
                Combinators.combine(unknownNames(), payloads()).as(TenantState.Unknown::new));
    }

    @Provide
    Arbitrary<TenantAttachmentStatus> attachmentStatuses() {
        return Arbitraries.oneOf(Arbitraries.of(new TenantAttachmentStatus.Maybe(), new TenantAttachmentStatus.Attached()),
                text().map(TenantAttachmentStatus.Failed::new),
                Combinators.combine(unknownNames(), payloads()).as(TenantAttachmentStatus.Unknown::new));
    }
}
