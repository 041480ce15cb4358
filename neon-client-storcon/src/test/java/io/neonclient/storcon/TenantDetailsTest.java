package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.ConflictException;
import io.neonclient.core.Generation;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Scope;
import io.neonclient.model.TenantAttachmentStatus;
import io.neonclient.model.TenantDetails;
import io.neonclient.model.TenantState;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/tenant/{tenant_id}}: the pageserver passthrough answering with shard 0's TenantDetails. */
class TenantDetailsTest extends WireMockTestBase {
    static final String PATH = "/v1/tenant/5187ddbeeda5e7bf3a699a26009f434c";

    /** The fixture with one change applied. */
    static String fixtureWith(Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) PLAIN.readTree(fixture("pageserver.tenant_detail.response.json"));
            change.accept(node);
            return PLAIN.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    TenantDetails detailsAnswering(String body) {
        server.stubFor(get(PATH).willReturn(json(200, body)));
        return storcon.tenant(TENANT).details();
    }

    @Test
    void details_getsPassthroughWithPageserverApiScope_andDecodesFixture() {
        server.stubFor(get(PATH).willReturn(fixtureResponse(200, "pageserver.tenant_detail.response.json")));
        TenantDetails d = storcon.tenant(TENANT).details();
        assertRequest(onlyRequest(), "GET", PATH, Scope.PAGESERVER_API);
        assertEquals(SHARD0, d.id());
        assertEquals(TENANT, d.tenantId());
        assertEquals(new TenantState.Active(), d.state());
        assertEquals(Optional.of(48635904L), d.currentPhysicalSize());
        assertEquals(new TenantAttachmentStatus.Attached(), d.attachmentStatus());
        assertEquals(Generation.of(3), d.generation());
        assertEquals(Optional.empty(), d.gcBlocking());
        TenantDetails.WalRedo walredo = d.walredo().orElseThrow();
        assertEquals(Optional.of(Instant.parse("2025-06-01T10:00:00.123456Z")), walredo.lastRedoAt());
        assertEquals(Optional.of(new TenantDetails.Process(4242)), walredo.process());
        assertEquals(List.of(PARENT, CHILD), d.timelines());
    }

    @Test
    void details_optionalFields_nullOrPresent() {
        TenantDetails d = detailsAnswering(fixtureWith(n -> {
            n.putNull("walredo");
            n.putNull("current_physical_size");
            n.put("gc_blocking", "BlockingReasons { timelines: 1, reasons: EnumSet(Manual) }");
            n.putArray("timelines");
        }));
        assertEquals(Optional.empty(), d.walredo());
        assertEquals(Optional.empty(), d.currentPhysicalSize());
        assertEquals(Optional.of("BlockingReasons { timelines: 1, reasons: EnumSet(Manual) }"), d.gcBlocking());
        assertEquals(List.of(), d.timelines());
        TenantDetails idle = detailsAnswering(fixtureWith(n -> ((ObjectNode) n.get("walredo")).putNull("process").putNull("last_redo_at")));
        assertEquals(new TenantDetails.WalRedo(Optional.empty(), Optional.empty()), idle.walredo().orElseThrow());
    }

    @Test
    void details_readsEveryTenantState_andUnknownSlugs() {
        assertEquals(new TenantState.Attaching(), stateOf("{\"slug\":\"Attaching\"}"));
        assertEquals(new TenantState.Activating(TenantState.ActivatingFrom.ATTACHING), stateOf("{\"slug\":\"Activating\",\"data\":\"Attaching\"}"));
        assertEquals(new TenantState.Stopping(), stateOf("{\"slug\":\"Stopping\",\"data\":{}}"));
        assertEquals(new TenantState.Stopping(), stateOf("{\"slug\":\"Stopping\"}"));
        assertEquals(new TenantState.Broken("failed to load index_part", "bt"),
                stateOf("{\"slug\":\"Broken\",\"data\":{\"reason\":\"failed to load index_part\",\"backtrace\":\"bt\"}}"));
        TenantState unknown = stateOf("{\"slug\":\"Hibernating\"}");
        assertEquals(new TenantState.Unknown("Hibernating"), unknown);
        assertEquals("Hibernating", unknown.toString());
    }

    private TenantState stateOf(String stateJson) {
        server.resetAll();
        return detailsAnswering(fixtureWith(n -> n.set("state", readTree(stateJson)))).state();
    }

    @Test
    void details_readsEveryAttachmentStatus() {
        assertEquals(new TenantAttachmentStatus.Maybe(), attachmentOf("{\"slug\":\"maybe\"}"));
        assertEquals(new TenantAttachmentStatus.Attached(), attachmentOf("{\"slug\":\"attached\"}"));
        assertEquals(new TenantAttachmentStatus.Failed("remote storage unreachable"),
                attachmentOf("{\"slug\":\"failed\",\"data\":{\"reason\":\"remote storage unreachable\"}}"));
        TenantAttachmentStatus unknown = attachmentOf("{\"slug\":\"pending\"}");
        assertEquals(new TenantAttachmentStatus.Unknown("pending"), unknown);
        assertEquals("pending", unknown.toString());
        assertFalse(attachmentOf("{\"slug\":\"Attached\"}") instanceof TenantAttachmentStatus.Attached, "slugs are snake_case");
    }

    private TenantAttachmentStatus attachmentOf(String statusJson) {
        server.resetAll();
        return detailsAnswering(fixtureWith(n -> n.set("attachment_status", readTree(statusJson)))).attachmentStatus();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void details_unknownTenant_isNotFound() {
        server.stubFor(get(PATH).willReturn(error(404, "NotFound: Tenant " + TENANT + " not found")));
        assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).details());
    }

    @Test
    void details_shardZeroNotAttached_isConflict() {
        server.stubFor(get(PATH).willReturn(error(409, "Cannot call timeline API on non-attached tenant")));
        ConflictException e = assertThrows(ConflictException.class, () -> storcon.tenant(TENANT).details());
        assertTrue(e.serverMessage().contains("non-attached"), e.serverMessage());
    }

    @Test
    void details_503WhileMigrating_isRetried() {
        stubSequence(() -> get(urlEqualTo(PATH)), List.of(
                error(503, "Pageserver 1 returned tenant 404 due to ongoing migration, retry later"),
                fixtureResponse(200, "pageserver.tenant_detail.response.json")));
        assertEquals(SHARD0, storcon.tenant(TENANT).details().id());
        assertEquals(2, requests().size());
    }

    @Test
    void details_isNotTheControllersView_describeHasThePolicy() {
        // a runbook reads .shards[0].policy from GET /v1/tenant/{id}; only describe() has a policy.
        server.stubFor(get(PATH).willReturn(fixtureResponse(200, "pageserver.tenant_detail.response.json")));
        server.stubFor(get("/control/v1/tenant/" + TENANT).willReturn(fixtureResponse(200, "storcon.tenant_describe.response.json")));
        storcon.tenant(TENANT).details();
        TenantDescription description = storcon.tenant(TENANT).describe();
        assertRequest(requests().get(0), "GET", PATH, Scope.PAGESERVER_API);
        assertRequest(requests().get(1), "GET", "/control/v1/tenant/" + TENANT, Scope.SCRUBBER);
        assertEquals(PlacementPolicy.attached(1), description.policy());
        List<String> detailFields = Arrays.stream(TenantDetails.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertFalse(detailFields.contains("policy") || detailFields.contains("shards"), detailFields.toString());
    }
}
