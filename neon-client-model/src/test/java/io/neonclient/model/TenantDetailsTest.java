package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.Generation;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantDetailsTest {
    private static final TenantShardId SHARD0 = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0002");

    @Test
    void decode_fixture_readsTenantInfoFlattenedWithWalRedoAndTimelines() {
        TenantDetails d = Json.decode(Fixtures.load("pageserver.tenant_detail.response.json"), TenantDetails.class);
        assertEquals(SHARD0, d.id());
        assertEquals(SHARD0.tenantId(), d.tenantId());
        assertEquals(new TenantState.Active(), d.state());
        assertEquals(Optional.of(48635904L), d.currentPhysicalSize());
        assertEquals(new TenantAttachmentStatus.Attached(), d.attachmentStatus());
        assertEquals(Generation.of(3), d.generation());
        assertEquals(Optional.empty(), d.gcBlocking());
        assertEquals(new TenantDetails.WalRedo(Optional.of(Instant.parse("2025-06-01T10:00:00.123456Z")),
                Optional.of(new TenantDetails.Process(4242))), d.walredo().orElseThrow());
        assertEquals(List.of(TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572"), TimelineId.parse("0dd025d5b5a8ca0c2f584e72764e5814")),
                d.timelines());
        assertEquals(new TenantInfo(SHARD0, new TenantState.Active(), Optional.of(48635904L), new TenantAttachmentStatus.Attached(),
                Generation.of(3), Optional.empty()), d.info());
    }

    @Test
    void decode_tenantList_readsTenantInfo_withBrokenStateAndFailedAttach() {
        List<TenantInfo> list = Json.decode("[{\"id\":\"" + SHARD0 + "\",\"state\":{\"slug\":\"Broken\",\"data\":"
                + "{\"reason\":\"disk full\",\"backtrace\":\"\"}},\"current_physical_size\":null,\"attachment_status\":"
                + "{\"slug\":\"failed\",\"data\":{\"reason\":\"disk full\"}},\"generation\":3}]", new TypeReference<>() {});
        TenantInfo info = list.get(0);
        assertEquals(new TenantState.Broken("disk full", ""), info.state());
        assertEquals(new TenantAttachmentStatus.Failed("disk full"), info.attachmentStatus());
        assertEquals(Optional.empty(), info.currentPhysicalSize());
        assertEquals(Optional.empty(), info.gcBlocking());
    }

    @Test
    void decode_withoutState_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.decode("{\"id\":\"" + SHARD0 + "\",\"attachment_status\":"
                + "{\"slug\":\"attached\"},\"generation\":3,\"timelines\":[]}", TenantDetails.class));
    }
}
