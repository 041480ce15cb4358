package io.neonclient.pageserver;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.neonclient.contract.Fixtures;
import io.neonclient.core.BadRequestException;
import io.neonclient.core.ConflictException;
import io.neonclient.core.Lsn;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.TimelineDeletion;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitTimeoutException;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.RelSizeMigration;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.model.TimelineState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageserverTimelineTest extends PageserverTestBase {

    static String error(String msg) {
        return "{\"msg\":\"" + msg + "\"}";
    }

    @Test
    void describe_decodesEveryTimelineInfoField() {
        server.stubFor(get(tl(SHARD0, BRANCH)).willReturn(okJson(Fixtures.load("pageserver.timeline_info.response.json"))));
        Timeline t = ps.timeline(SHARD0, BRANCH).describe();
        assertEquals(SHARD0, t.tenantShardId());
        assertEquals(SHARD0.tenantId(), t.tenantId());
        assertEquals(Optional.of(MAIN), t.ancestorTimelineId());
        assertEquals(Lsn.parse("0/1520CF8"), t.lastRecordLsn());
        assertEquals(Lsn.parse("0/1520CF8"), t.minReadableLsn());
        assertEquals(Lsn.ZERO, t.appliedGcCutoffLsn());
        assertEquals(Lsn.parse("0/14EE150"), t.initdbLsn());
        assertEquals(List.of(1L, 0L, 286L, 0L, 1L, 1L, 1L, 0L), t.directoryEntriesCounts());
        assertEquals(16, t.pgVersion());
        assertTrue(t.state().isActive());
        assertEquals("Not active", t.walreceiverStatus());
        assertEquals(Optional.of(RelSizeMigration.LEGACY), t.relSizeMigration());
        assertEquals(Optional.of(false), t.isArchived());
        assertEquals(Optional.empty(), t.imageConsistentLsn());
        assertEquals(Optional.empty(), t.currentLogicalSizeNonIncremental());
    }

    @Test
    void describe_readsBrokenStateWithReason() {
        String json = Fixtures.load("pageserver.timeline_info.response.json")
                .replace("\"state\": \"Active\"", "\"state\": {\"Broken\": {\"reason\": \"layer map corrupt\", \"backtrace\": \"at foo\"}}");
        server.stubFor(get(tl(SHARD0, BRANCH)).willReturn(okJson(json)));
        TimelineState state = ps.timeline(SHARD0, BRANCH).describe().state();
        assertEquals(new TimelineState.Broken("layer map corrupt", "at foo"), state);
        String text = switch (state) {
            case TimelineState.Broken b -> b.reason();
            case TimelineState.Active a -> "active";
            case TimelineState.Loading l -> "loading";
            case TimelineState.Stopping s -> "stopping";
            case TimelineState.Unknown u -> u.name();
        };
        assertEquals("layer map corrupt", text);
    }

    @Test
    void list_decodesTimelines_andUnknownStateStaysReadable() {
        String json = Fixtures.load("pageserver.timeline_info.response.json").replace("\"state\": \"Active\"", "\"state\": \"Hibernating\"");
        server.stubFor(get("/v1/tenant/" + SHARD0 + "/timeline").willReturn(okJson("[" + json + "]")));
        List<Timeline> list = ps.tenant(SHARD0).timelines().list();
        assertEquals(new TimelineState.Unknown("Hibernating"), list.get(0).state());
    }

    @Test
    void create_branchAtLsn_sendsAncestorStartLsnAndReturns201Body() {
        server.stubFor(post("/v1/tenant/" + SHARD0 + "/timeline").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.load("pageserver.timeline_info.response.json"))));
        Timeline t = ps.tenant(SHARD0).timelines().create(CreateTimelineRequest.branch(BRANCH, MAIN).at(Lsn.parse("0/1520CF8")));
        assertEquals(BRANCH, t.timelineId());
        server.verify(postRequestedFor(urlEqualTo("/v1/tenant/" + SHARD0 + "/timeline"))
                .withRequestBody(equalToJson(Fixtures.load("storcon.timeline_create.branch.request.json"))));
    }

    @Test
    void create_bootstrapAndImport_matchFixtures() {
        server.stubFor(post("/v1/tenant/" + SHARD0 + "/timeline").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.load("pageserver.timeline_info.response.json"))));
        var timelines = ps.tenant(SHARD0).timelines();
        timelines.create(CreateTimelineRequest.bootstrap(MAIN, 16));
        TimelineId imported = TimelineId.parse("73c1bc429617f57419c72b4f45346c31");
        timelines.create(CreateTimelineRequest.importPgdata(imported, "q8HgkX2mZpR4sT7vW1yB",
                new CreateTimelineRequest.S3Location("us-east-1", "neon-imports", "imports/73c1bc429617f57419c72b4f45346c31/")));
        server.verify(postRequestedFor(anyUrl()).withRequestBody(equalToJson(Fixtures.load("storcon.timeline_create.bootstrap.request.json"))));
        server.verify(postRequestedFor(anyUrl()).withRequestBody(equalToJson(Fixtures.load("storcon.timeline_create.import_pgdata.request.json"))));
    }

    @Test
    void create_rejectsBadInputBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.bootstrap(MAIN, 9));
        var tooNew = assertThrows(IllegalArgumentException.class, () -> ps.tenant(SHARD0).timelines().create(CreateTimelineRequest.bootstrap(MAIN, 18)));
        assertTrue(tooNew.getMessage().contains("pg_version"), tooNew.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.branch(MAIN, MAIN));
        assertThrows(NullPointerException.class, () -> CreateTimelineRequest.branch(BRANCH, MAIN).at(null));
        assertThrows(NullPointerException.class, () -> ps.tenant(SHARD0).timelines().create(null));
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void create_when429CreationInFlight_retriesUntil201() {
        String url = "/v1/tenant/" + SHARD0 + "/timeline";
        server.stubFor(post(url).inScenario("c").whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(error("Already creating"))).willSetStateTo("done"));
        server.stubFor(post(url).inScenario("c").whenScenarioStateIs("done").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.load("pageserver.timeline_info.response.json"))));
        Timeline t = ps.tenant(SHARD0).timelines().create(CreateTimelineRequest.branch(BRANCH, MAIN).at(Lsn.parse("0/1520CF8")));
        assertEquals(BRANCH, t.timelineId());
        server.verify(2, postRequestedFor(urlEqualTo(url)));
    }

    @Test
    void create_branchWithoutLsn_whenItsFirstAttemptLanded_isResentPinnedAtItsLsn_notRepeatedBlindly() {
        // The pageserver picks the ancestor's last record LSN on every attempt: a blind repeat would get 409.
        String url = "/v1/tenant/" + SHARD0 + "/timeline";
        server.stubFor(post(url).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(error("Already creating"))));
        server.stubFor(post(url).withRequestBody(containing("\"ancestor_start_lsn\":\"0/1520CF8\"")).atPriority(1)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.load("pageserver.timeline_info.response.json"))));
        server.stubFor(get(url + "/" + BRANCH).willReturn(okJson(Fixtures.load("pageserver.timeline_info.response.json"))));
        Timeline t = ps.tenant(SHARD0).timelines().create(CreateTimelineRequest.branch(BRANCH, MAIN));
        assertEquals(Optional.of(Lsn.parse("0/1520CF8")), t.ancestorLsn());
        server.verify(2, postRequestedFor(urlEqualTo(url)));
        server.verify(1, postRequestedFor(urlEqualTo(url)).withRequestBody(notContaining("ancestor_start_lsn")));
        server.verify(1, getRequestedFor(urlEqualTo(url + "/" + BRANCH)));
    }

    @Test
    void create_when409_throwsConflictWithoutRetry() {
        server.stubFor(post("/v1/tenant/" + SHARD0 + "/timeline").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(error("Conflict: Timeline already exists with different parameters"))));
        var e = assertThrows(ConflictException.class,
                () -> ps.tenant(SHARD0).timelines().create(CreateTimelineRequest.bootstrap(MAIN)));
        assertEquals(1, e.attempts());
        assertTrue(e.getMessage().contains("POST /v1/tenant/{tenant_shard_id}/timeline"), e.getMessage());
    }

    @Test
    void create_when406BadAncestorLsn_throwsBadRequestCarrying406AndMessage() {
        server.stubFor(post("/v1/tenant/" + SHARD0 + "/timeline").willReturn(aResponse().withStatus(406)
                .withHeader("Content-Type", "application/json").withBody(error("invalid branch start lsn: less than latest GC cutoff 0/2000000"))));
        var e = assertThrows(BadRequestException.class,
                () -> ps.tenant(SHARD0).timelines().create(CreateTimelineRequest.branch(BRANCH, MAIN).at(Lsn.parse("0/1000000"))));
        assertEquals(406, e.status());
        assertTrue(e.serverMessage().contains("GC cutoff"), e.serverMessage());
        assertEquals(1, e.attempts());
    }

    @Test
    void delete_accepted202_thenAwaitPollsUntil404() {
        String url = tl(SHARD0, BRANCH);
        server.stubFor(delete(url).willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("null")));
        String stopping = Fixtures.load("pageserver.timeline_info.response.json").replace("\"state\": \"Active\"", "\"state\": \"Stopping\"");
        server.stubFor(get(url).inScenario("d").whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(stopping)).willSetStateTo("gone"));
        server.stubFor(get(url).inScenario("d").whenScenarioStateIs("gone").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(error("NotFound: Timeline not found"))));
        TimelineDeletion deletion = ps.timeline(SHARD0, BRANCH).delete();
        assertFalse(deletion.isDone());
        assertEquals(SHARD0.tenantId(), deletion.tenantId());
        assertEquals(BRANCH, deletion.await(Duration.ofSeconds(5)));
        assertTrue(deletion.isDone());
        server.verify(1, deleteRequestedFor(urlEqualTo(url)));
        server.verify(2, getRequestedFor(urlEqualTo(url)));
    }

    @Test
    void delete_awaitTimesOutWithLastState() {
        String url = tl(SHARD0, BRANCH);
        server.stubFor(delete(url).willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("null")));
        server.stubFor(get(url).willReturn(okJson(Fixtures.load("pageserver.timeline_info.response.json"))));
        var e = assertThrows(WaitTimeoutException.class, () -> ps.timeline(SHARD0, BRANCH).delete().await(Duration.ofMillis(30)));
        assertTrue(e.getMessage().contains("still present"), e.getMessage());
        assertTrue(e.lastState(Timeline.class).isPresent(), "the timeline last seen");
    }

    @Test
    void delete_409AlreadyRunning_isAwaitable_and404MeansAlreadyGone() {
        String url = tl(SHARD0, BRANCH);
        server.stubFor(delete(url).inScenario("x").whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(error("Conflict: Timeline deletion is already in progress")))
                .willSetStateTo("gone"));
        server.stubFor(delete(url).inScenario("x").whenScenarioStateIs("gone").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(error("NotFound: timeline not found"))));
        server.stubFor(get(url).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(error("NotFound: Timeline not found"))));
        TimelineDeletion running = ps.timeline(SHARD0, BRANCH).delete();
        assertFalse(running.isDone());
        running.await(Duration.ofSeconds(5));
        TimelineDeletion gone = ps.timeline(SHARD0, BRANCH).delete();
        assertTrue(gone.isDone());
        assertEquals(BRANCH, gone.await(Duration.ofSeconds(5)));
        server.verify(1, getRequestedFor(urlEqualTo(url)));
    }

    @Test
    void delete_whenTenantMissing_throwsPreconditionFailed() {
        server.stubFor(delete(tl(SHARD0, BRANCH)).willReturn(aResponse().withStatus(412)
                .withHeader("Content-Type", "application/json").withBody(error("Precondition failed: Requested tenant is missing"))));
        assertThrows(PreconditionFailedException.class, () -> ps.timeline(SHARD0, BRANCH).delete());
    }

    @Test
    void lsnByTimestamp_withLease_sendsRfc3339AndReadsValidUntil() {
        server.stubFor(get(urlPathEqualTo(tl(SHARD0, MAIN) + "/get_lsn_by_timestamp"))
                .willReturn(okJson(Fixtures.load("storcon.get_lsn_by_timestamp.with_lease.response.json"))));
        LsnForTimestamp r = ps.timeline(SHARD0, MAIN).lsnByTimestamp(Instant.parse("2024-05-01T12:00:00Z"), true);
        assertEquals(LsnForTimestamp.Kind.PRESENT, r.kind());
        assertEquals(Lsn.parse("0/16B5A50"), r.lsn());
        assertEquals(Optional.of(Instant.parse("2024-05-01T12:01:00Z")), r.validUntil());
        server.verify(getRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/get_lsn_by_timestamp?timestamp=2024-05-01T12%3A00%3A00Z&with_lease=true")));
    }

    @Test
    void lsnByTimestamp_withoutLease_andNonZeroShardRejected() {
        server.stubFor(get(urlPathEqualTo(tl(SHARD0, MAIN) + "/get_lsn_by_timestamp"))
                .willReturn(okJson(Fixtures.load("storcon.get_lsn_by_timestamp.response.json"))));
        assertEquals(Optional.empty(), ps.timeline(SHARD0, MAIN).lsnByTimestamp(Instant.parse("2024-05-01T12:00:00Z")).validUntil());
        assertThrows(IllegalArgumentException.class, () -> ps.timeline(SHARD1, MAIN).lsnByTimestamp(Instant.now()));
    }

    @Test
    void timestampOfLsn_readsJsonString() {
        server.stubFor(get(urlPathEqualTo(tl(SHARD0, MAIN) + "/get_timestamp_of_lsn")).willReturn(okJson("\"2024-05-01T11:59:58.123456Z\"")));
        assertEquals(Instant.parse("2024-05-01T11:59:58.123456Z"), ps.timeline(SHARD0, MAIN).timestampOfLsn(Lsn.parse("0/16B5A50")));
        server.verify(getRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/get_timestamp_of_lsn?lsn=0%2F16B5A50")));
    }

    @Test
    void lsnLease_returnsValidUntil() {
        server.stubFor(post(tl(SHARD0, MAIN) + "/lsn_lease").willReturn(okJson("{\"valid_until\":\"2024-05-01T12:10:00.000Z\"}")));
        assertEquals(Instant.parse("2024-05-01T12:10:00Z"), ps.timeline(SHARD0, MAIN).lsnLease(Lsn.parse("0/1520CF8")).validUntil());
        server.verify(postRequestedFor(urlEqualTo(tl(SHARD0, MAIN) + "/lsn_lease"))
                .withRequestBody(equalToJson(Fixtures.load("storcon.timeline_lsn_lease.request.json"))));
    }

    @Test
    void maintenanceCalls_sendTheirRoutesBodiesAndFlags() {
        String base = tl(SHARD0, BRANCH);
        server.stubFor(post(base + "/preserve_initdb_archive").willReturn(okJson("null")));
        server.stubFor(put(urlPathEqualTo(base + "/detach_ancestor")).willReturn(okJson(Fixtures.load("storcon.timeline_detach_ancestor.response.json"))));
        server.stubFor(put(base + "/archival_config").willReturn(okJson("null")));
        server.stubFor(put(base + "/do_gc").willReturn(okJson("{\"layers_total\":10,\"layers_needed_by_cutoff\":1,\"layers_needed_by_pitr\":2,"
                + "\"layers_needed_by_branches\":0,\"layers_needed_by_leases\":0,\"layers_not_updated\":3,\"layers_removed\":4,\"elapsed\":12}")));
        server.stubFor(put(urlPathEqualTo(base + "/compact")).willReturn(okJson("null")));
        server.stubFor(put(urlPathEqualTo(base + "/checkpoint")).willReturn(okJson("null")));
        var t = ps.timeline(SHARD0, BRANCH);
        t.preserveInitdbArchive();
        assertEquals(List.of(), t.detachAncestor().reparentedTimelines());
        t.detachAncestor(DetachBehavior.MULTI_LEVEL_AND_NO_REPARENT);
        t.archivalConfig(TimelineArchivalState.ARCHIVED);
        assertEquals(4, t.gc().layersRemoved());
        t.compact(CompactOptions.defaults().withForceImageLayerCreation(true).withWaitUntilUploaded(true));
        t.checkpoint(CheckpointOptions.defaults().withCompact(false));
        server.verify(putRequestedFor(urlEqualTo(base + "/detach_ancestor?detach_behavior=multi_level_and_no_reparent")));
        server.verify(putRequestedFor(urlEqualTo(base + "/archival_config"))
                .withRequestBody(equalToJson(Fixtures.load("storcon.timeline_archival_config.request.json"))));
        server.verify(putRequestedFor(urlEqualTo(base + "/do_gc")).withRequestBody(equalToJson("{}")));
        server.verify(putRequestedFor(urlEqualTo(base + "/compact?force_image_layer_creation=true&wait_until_uploaded=true")));
        server.verify(putRequestedFor(urlEqualTo(base + "/checkpoint?compact=false")));
    }

    @Test
    void importBasebackup_streamsTheTarWithLsnsAndVersion(@TempDir Path dir) throws Exception {
        Path tar = dir.resolve("base.tar");
        byte[] bytes = new byte[3 * 1024 * 1024 + 7];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(tar, bytes);
        String path = tl(UNSHARDED, MAIN) + "/import_basebackup";
        server.stubFor(put(urlPathEqualTo(path)).willReturn(okJson("null")));
        ps.timeline(UNSHARDED, MAIN).importBasebackup(new ImportBasebackupRequest(tar, Lsn.parse("0/2000028"), Lsn.parse("0/2000100"), 16));
        var req = server.getAllServeEvents().get(0).getRequest();
        assertEquals(path + "?base_lsn=0%2F2000028&end_lsn=0%2F2000100&pg_version=16", req.getUrl());
        assertArrayEquals(bytes, req.getBody());
        assertEquals("Bearer test-token", req.getHeader("Authorization"));
        assertEquals("application/x-tar", req.getHeader("Content-Type"));
    }

    @Test
    void importBasebackup_rejectsShardedTenantsAndBadLsns(@TempDir Path dir) throws Exception {
        Path tar = Files.write(dir.resolve("base.tar"), new byte[] {1});
        var request = new ImportBasebackupRequest(tar, Lsn.parse("0/1"), Lsn.parse("0/2"), 16);
        assertThrows(IllegalArgumentException.class, () -> ps.timeline(SHARD0, MAIN).importBasebackup(request));
        assertThrows(IllegalArgumentException.class, () -> new ImportBasebackupRequest(tar, Lsn.parse("0/2"), Lsn.parse("0/1"), 16));
        var version = assertThrows(IllegalArgumentException.class, () -> new ImportBasebackupRequest(tar, Lsn.parse("0/1"), Lsn.parse("0/2"), 18));
        assertTrue(version.getMessage().contains("pg_version"), version.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImportBasebackupRequest(dir.resolve("missing.tar"), Lsn.parse("0/1"), Lsn.parse("0/2"), 16));
    }

    @Test
    void importBasebackup_mapsErrorStatus(@TempDir Path dir) throws Exception {
        Path tar = Files.write(dir.resolve("base.tar"), new byte[] {1, 2, 3});
        server.stubFor(put(urlPathMatching(".*/import_basebackup")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(error("Conflict: timeline already exists"))));
        var e = assertThrows(ConflictException.class, () -> ps.timeline(UNSHARDED, MAIN)
                .importBasebackup(new ImportBasebackupRequest(tar, Lsn.parse("0/1"), Lsn.parse("0/2"), 17)));
        assertEquals("Conflict: timeline already exists", e.serverMessage());
    }
}
