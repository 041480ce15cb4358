package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import io.neonclient.core.ConflictException;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.Scope;
import io.neonclient.core.TimelineDeletion;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TransportException;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.WaitTimeoutException;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.RelSizeMigration;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.model.TimelineState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelinesTest extends WireMockTestBase {
    static final String TIMELINES = "/v1/tenant/5187ddbeeda5e7bf3a699a26009f434c/timeline";
    static final String CHILD_PATH = TIMELINES + "/0dd025d5b5a8ca0c2f584e72764e5814";
    static final String PARENT_PATH = TIMELINES + "/a913eb80d57355a5ee645fbe9eb17572";

    @Test
    void create_branchAtLsn_sendsFixtureBody_andDecodesResponse() {
        server.stubFor(post(TIMELINES).willReturn(fixtureResponse(201, "storcon.timeline_create.response.json")));
        Timeline child = storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.branch(CHILD, PARENT).at(Lsn.parse("0/1520CF8")));
        assertRequest(onlyRequest(), "POST", TIMELINES, Scope.PAGESERVER_API);
        assertBodyIsFixture(onlyRequest(), "storcon.timeline_create.branch.request.json");
        assertEquals(SHARD0, child.tenantShardId());
        assertEquals(TENANT, child.tenantId());
        assertEquals(CHILD, child.timelineId());
        assertEquals(Optional.of(PARENT), child.ancestorTimelineId());
        assertEquals(Optional.of(Lsn.parse("0/1520CF8")), child.ancestorLsn());
        assertEquals(Lsn.parse("0/1520CF8"), child.lastRecordLsn());
        assertEquals(Lsn.ZERO, child.appliedGcCutoffLsn());
        assertEquals(16, child.pgVersion());
        assertInstanceOf(TimelineState.Active.class, child.state());
        Timeline.Safekeepers sks = child.safekeepers().orElseThrow();
        assertEquals(1, sks.generation());
        assertEquals(List.of(new Timeline.Safekeepers.Member(NodeId.of(1), "safekeeper-1.storage.svc"),
                new Timeline.Safekeepers.Member(NodeId.of(2), "safekeeper-2.storage.svc"),
                new Timeline.Safekeepers.Member(NodeId.of(3), "safekeeper-3.storage.svc")), sks.safekeepers());
    }

    @Test
    void create_bootstrap_sendsFixtureBody() {
        server.stubFor(post(TIMELINES).willReturn(fixtureResponse(201, "pageserver.timeline_info.response.json")));
        storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.bootstrap(PARENT, 16));
        assertBodyIsFixture(onlyRequest(), "storcon.timeline_create.bootstrap.request.json");
    }

    @Test
    void create_importPgdata_sendsFixtureBody() {
        server.stubFor(post(TIMELINES).willReturn(fixtureResponse(201, "pageserver.timeline_info.response.json")));
        storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.importPgdata(TimelineId.parse("73c1bc429617f57419c72b4f45346c31"),
                "q8HgkX2mZpR4sT7vW1yB", new CreateTimelineRequest.S3Location("us-east-1", "neon-imports", "imports/73c1bc429617f57419c72b4f45346c31/")));
        assertBodyIsFixture(onlyRequest(), "storcon.timeline_create.import_pgdata.request.json");
    }

    @Test
    void create_bootstrapFromAPreservedInitdb_sendsExistingInitdbTimelineId() {
        server.stubFor(post(TIMELINES).willReturn(fixtureResponse(201, "storcon.timeline_create.response.json")));
        storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.bootstrap(CHILD, 16).fromInitdbOf(PARENT));
        assertRequest(onlyRequest(), "POST", TIMELINES, Scope.PAGESERVER_API);
        LoggedRequestAssert.body(onlyRequest(), "{\"new_timeline_id\":\"" + CHILD + "\",\"existing_initdb_timeline_id\":\""
                + PARENT + "\",\"pg_version\":16}");
    }

    @Test
    void create_bootstrapWithAPgVersionUpstreamRefuses_isRejectedNamingPgVersion() {
        for (int version : List.of(13, 18)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.bootstrap(PARENT, version)));
            assertTrue(e.getMessage().contains("pg_version") && e.getMessage().contains(String.valueOf(version)), e.getMessage());
        }
        assertNothingSent();
    }

    @Test
    void create_branchWithoutLsn_andReadOnly() {
        server.stubFor(post(TIMELINES).willReturn(fixtureResponse(201, "pageserver.timeline_info.response.json")));
        storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.branch(CHILD, PARENT).asReadOnly());
        LoggedRequestAssert.body(onlyRequest(), "{\"new_timeline_id\":\"" + CHILD + "\",\"ancestor_timeline_id\":\"" + PARENT + "\",\"read_only\":true}");
    }

    @Test
    void create_retries503_shardNotYetAttached() {
        stubSequence(() -> post(urlEqualTo(TIMELINES)), List.of(error(503, "One or more shards in tenant is not yet attached"),
                fixtureResponse(201, "pageserver.timeline_info.response.json")));
        storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.bootstrap(PARENT));
        assertEquals(2, requests().size());
    }

    @Test
    void create_branchWithoutLsn_afterATransportFailure_isNotResentWhenNothingIsThere() {
        server.stubFor(post(TIMELINES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(CHILD_PATH).willReturn(error(404, "timeline not found")));
        assertThrows(TransportException.class, () -> storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.branch(CHILD, PARENT)));
        assertEquals(List.of("POST " + TIMELINES, "GET " + CHILD_PATH), sent(), "the first attempt may still be running");
        server.resetRequests();
        assertThrows(TransportException.class, () -> storcon.tenant(TENANT).timelines()
                .create(CreateTimelineRequest.branch(CHILD, PARENT).at(Lsn.parse("0/1520CF8"))));
        assertTrue(requests().size() > 1, "a branch at an explicit LSN is safe to repeat");
    }

    @Test
    void create_branchWithoutLsn_whoseAnswerWasLost_isResentPinnedAtTheLsnShardZeroChose() {
        // Shard 0 created the branch at 0/1520CF8, then another shard answered 503: a blind repeat would pick a newer LSN.
        server.stubFor(post(TIMELINES).willReturn(error(503, "One or more shards in tenant is not yet attached")));
        server.stubFor(post(TIMELINES).withRequestBody(containing("\"ancestor_start_lsn\":\"0/1520CF8\""))
                .atPriority(1).willReturn(fixtureResponse(201, "pageserver.timeline_info.response.json")));
        server.stubFor(get(CHILD_PATH).willReturn(fixtureResponse(200, "pageserver.timeline_info.response.json")));
        Timeline t = storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.branch(CHILD, PARENT));
        assertEquals(Optional.of(Lsn.parse("0/1520CF8")), t.ancestorLsn());
        assertEquals(List.of("POST " + TIMELINES, "GET " + CHILD_PATH, "POST " + TIMELINES), sent());
        LoggedRequestAssert.body(requests().get(2), "{\"new_timeline_id\":\"" + CHILD + "\",\"ancestor_timeline_id\":\"" + PARENT
                + "\",\"ancestor_start_lsn\":\"0/1520CF8\"}");
    }

    @Test
    void create_branchWithoutLsn_after503WithNothingCreated_isSentAgainAsItWas() {
        stubSequence(() -> post(urlEqualTo(TIMELINES)), List.of(error(503, "One or more shards in tenant is not yet attached"),
                fixtureResponse(201, "pageserver.timeline_info.response.json")));
        server.stubFor(get(CHILD_PATH).willReturn(error(404, "timeline not found")));
        storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.branch(CHILD, PARENT));
        assertEquals(List.of("POST " + TIMELINES, "GET " + CHILD_PATH, "POST " + TIMELINES), sent());
        LoggedRequestAssert.body(requests().get(2), "{\"new_timeline_id\":\"" + CHILD + "\",\"ancestor_timeline_id\":\"" + PARENT + "\"}");
    }

    @Test
    void create_branchWithoutLsn_whenTheIdHoldsAnotherTimeline_reportsTheOriginalFailure() {
        server.stubFor(post(TIMELINES).willReturn(error(503, "not yet")));
        server.stubFor(get(CHILD_PATH).willReturn(json(200, fixture("pageserver.timeline_info.response.json")
                .replace("a913eb80d57355a5ee645fbe9eb17572", "0000000000000000000000000000000a"))));
        assertThrows(UnavailableException.class, () -> storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.branch(CHILD, PARENT)));
        assertEquals(List.of("POST " + TIMELINES, "GET " + CHILD_PATH), sent());
    }

    List<String> sent() {
        return requests().stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
    }

    @Test
    void create_detachedTenant_isConflict() {
        server.stubFor(post(TIMELINES).willReturn(fixtureResponse(409, "storcon.error.response.json")));
        ConflictException e = assertThrows(ConflictException.class,
                () -> storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.bootstrap(PARENT)));
        assertTrue(e.serverMessage().contains("policy Detached"));
    }

    @Test
    void create_badInput_rejectedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.bootstrap(PARENT, 13));
        assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.bootstrap(PARENT, 18));
        assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.branch(PARENT, PARENT));
        assertThrows(NullPointerException.class, () -> CreateTimelineRequest.branch(CHILD, null));
        assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.branch(CHILD, PARENT).at(Lsn.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.importPgdata(CHILD, "", new CreateTimelineRequest.S3Location("r", "b", "k")));
        assertThrows(IllegalArgumentException.class, () -> new CreateTimelineRequest.S3Location("r", " ", "k"));
        assertThrows(NullPointerException.class, () -> storcon.tenant(TENANT).timelines().create(null));
        assertNothingSent();
    }

    @Test
    void list_decodesArray() {
        server.stubFor(get(TIMELINES).willReturn(json(200, "[" + fixture("pageserver.timeline_info.response.json") + "]")));
        List<Timeline> all = storcon.tenant(TENANT).timelines().list();
        assertRequest(onlyRequest(), "GET", TIMELINES, Scope.PAGESERVER_API);
        assertEquals(1, all.size());
    }

    @Test
    void describe_decodesPageserverFixture() {
        server.stubFor(get(CHILD_PATH).willReturn(fixtureResponse(200, "pageserver.timeline_info.response.json")));
        Timeline t = storcon.tenant(TENANT).timeline(CHILD).describe();
        assertRequest(onlyRequest(), "GET", CHILD_PATH, Scope.PAGESERVER_API);
        assertEquals(Lsn.parse("0/1520CF8"), t.diskConsistentLsn());
        assertEquals(Lsn.parse("0/1520CF8"), t.remoteConsistentLsn());
        assertEquals(Lsn.parse("0/1520CF8"), t.minReadableLsn());
        assertEquals(Optional.of(Lsn.parse("0/1520CC0")), t.prevRecordLsn());
        assertEquals(Lsn.parse("0/14EE150"), t.initdbLsn());
        assertEquals(23781376, t.currentLogicalSize());
        assertEquals(Optional.of(0L), t.currentPhysicalSize());
        assertEquals("Not active", t.walreceiverStatus());
        assertEquals(Optional.of(false), t.isArchived());
        assertEquals(Optional.of(RelSizeMigration.LEGACY), t.relSizeMigration());
        assertEquals(Optional.empty(), t.imageConsistentLsn());
        assertEquals(Optional.empty(), t.safekeepers());
        assertFalse(t.isBroken());
    }

    @Test
    void describe_brokenAndUnknownStates() {
        String body = fixture("pageserver.timeline_info.response.json");
        server.stubFor(get(CHILD_PATH).willReturn(json(200, body.replace("\"state\": \"Active\"",
                "\"state\": {\"Broken\": {\"reason\": \"layer map corrupt\", \"backtrace\": \"bt\"}}"))));
        Timeline t = storcon.tenant(TENANT).timeline(CHILD).describe();
        assertEquals(new TimelineState.Broken("layer map corrupt", "bt"), t.state());
        assertTrue(t.isBroken());
        server.stubFor(get(CHILD_PATH).willReturn(json(200, body.replace("\"state\": \"Active\"", "\"state\": \"Offloaded\""))));
        assertEquals(new TimelineState.Unknown("Offloaded"), storcon.tenant(TENANT).timeline(CHILD).describe().state());
    }

    @Test
    void describe_missingTimeline_isNotFound() {
        server.stubFor(get(CHILD_PATH).willReturn(error(404, "NotFound: Timeline not found")));
        assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).timeline(CHILD).describe());
    }

    @Test
    void describeAllShards_usesControlRoute_withScrubberScope() {
        server.stubFor(get("/control/v1/tenant/" + TENANT + "/timeline/" + CHILD).willReturn(json(200, "{\"shards\":["
                + fixture("pageserver.timeline_info.response.json") + "],\"image_consistent_lsn\":\"0/1520000\"}")));
        TimelineShards s = storcon.tenant(TENANT).timeline(CHILD).describeAllShards();
        assertRequest(onlyRequest(), "GET", "/control/v1/tenant/" + TENANT + "/timeline/" + CHILD, Scope.SCRUBBER);
        assertEquals(1, s.shards().size());
        assertEquals(Optional.of(Lsn.parse("0/1520000")), s.imageConsistentLsn());
    }

    @Test
    void locate_readsTheSafekeeperSetAndGeneration_withAdminScope() {
        String path = "/debug/v1/tenant/" + TENANT + "/timeline/" + CHILD + "/locate";
        server.stubFor(get(path).willReturn(json(200, "{\"generation\":3,\"sk_set\":[1,2,3],\"new_sk_set\":null}")));
        TimelineSafekeepers l = storcon.tenant(TENANT).timeline(CHILD).locate();
        assertRequest(onlyRequest(), "GET", path, Scope.ADMIN);
        assertEquals(3, l.generation());
        assertEquals(List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3)), l.skSet());
        assertFalse(l.isMigrating());
    }

    @Test
    void locate_duringAMigration_namesTheNewSet_andA404MeansNotManaged() {
        String path = "/debug/v1/tenant/" + TENANT + "/timeline/" + CHILD + "/locate";
        server.stubFor(get(path).willReturn(json(200, "{\"generation\":4,\"sk_set\":[1,2,3],\"new_sk_set\":[2,3,4]}")));
        TimelineSafekeepers l = storcon.tenant(TENANT).timeline(CHILD).locate();
        assertTrue(l.isMigrating());
        assertEquals(Optional.of(List.of(NodeId.of(2), NodeId.of(3), NodeId.of(4))), l.newSkSet());
        server.stubFor(get(path).willReturn(json(404, "{\"msg\":\"Timeline not found\"}")));
        assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).timeline(CHILD).locate());
    }

    @Test
    void delete_200IsDoneAtOnce() {
        server.stubFor(delete(CHILD_PATH).willReturn(nullBody(200)));
        TimelineDeletion d = storcon.tenant(TENANT).timeline(CHILD).delete();
        assertTrue(d.isDone());
        assertEquals(CHILD, d.await(Duration.ofSeconds(5)));
        assertRequest(onlyRequest(), "DELETE", CHILD_PATH, Scope.PAGESERVER_API);
    }

    @Test
    void delete_409StillDeleting_isRepeatedUntil200() {
        stubSequence(() -> delete(urlEqualTo(CHILD_PATH)), List.of(nullBody(409), nullBody(409), nullBody(200)));
        TimelineDeletion d = storcon.tenant(TENANT).timeline(CHILD).delete();
        assertFalse(d.isDone());
        d.await(Duration.ofSeconds(5));
        assertTrue(d.isDone());
        assertEquals(3, requests().size());
    }

    @Test
    void delete_await_timesOutWhileStill409() {
        server.stubFor(delete(CHILD_PATH).willReturn(nullBody(409)));
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> storcon.tenant(TENANT).timeline(CHILD).delete().await(Duration.ofMillis(30)));
        assertEquals(Optional.of(Boolean.FALSE), e.lastState(Boolean.class));
        assertTrue(e.lastReason().contains("409"));
    }

    @Test
    void archivalConfig_sendsFixtureBody() {
        server.stubFor(put(CHILD_PATH + "/archival_config").willReturn(nullBody(200)));
        storcon.tenant(TENANT).timeline(CHILD).archivalConfig(TimelineArchivalState.ARCHIVED);
        assertRequest(onlyRequest(), "PUT", CHILD_PATH + "/archival_config", Scope.PAGESERVER_API);
        assertBodyIsFixture(onlyRequest(), "storcon.timeline_archival_config.request.json");
    }

    @Test
    void archivalConfig_precondition_isPassedThrough() {
        server.stubFor(put(CHILD_PATH + "/archival_config").willReturn(error(412, "Precondition failed: ancestor is archived")));
        assertThrows(PreconditionFailedException.class,
                () -> storcon.tenant(TENANT).timeline(CHILD).archivalConfig(TimelineArchivalState.UNARCHIVED));
    }

    @Test
    void detachAncestor_decodesFixture() {
        server.stubFor(put(CHILD_PATH + "/detach_ancestor").willReturn(fixtureResponse(200, "storcon.timeline_detach_ancestor.response.json")));
        assertEquals(List.of(), storcon.tenant(TENANT).timeline(CHILD).detachAncestor().reparentedTimelines());
        assertRequest(onlyRequest(), "PUT", CHILD_PATH + "/detach_ancestor", Scope.PAGESERVER_API);
        server.stubFor(put(CHILD_PATH + "/detach_ancestor").willReturn(json(200, "{\"reparented_timelines\":[\"" + PARENT + "\"]}")));
        assertEquals(List.of(PARENT), storcon.tenant(TENANT).timeline(CHILD).detachAncestor().reparentedTimelines());
    }

    @Test
    void detachAncestorMultiLevel_sendsDetachBehavior() {
        server.stubFor(put(urlPathEqualTo(CHILD_PATH + "/detach_ancestor")).willReturn(fixtureResponse(200, "storcon.timeline_detach_ancestor.response.json")));
        storcon.tenant(TENANT).timeline(CHILD).detachAncestorMultiLevel();
        assertRequest(onlyRequest(), "PUT", CHILD_PATH + "/detach_ancestor?detach_behavior=multi_level_and_no_reparent", Scope.PAGESERVER_API);
    }

    @Test
    void detachAncestor_noAncestor_isConflict() {
        server.stubFor(put(CHILD_PATH + "/detach_ancestor").willReturn(error(409, "Conflict: no ancestor")));
        assertThrows(ConflictException.class, () -> storcon.tenant(TENANT).timeline(CHILD).detachAncestor());
    }

    @Test
    void blockAndUnblockGc_post_withPageserverApi() {
        server.stubFor(post(CHILD_PATH + "/block_gc").willReturn(nullBody(200)));
        server.stubFor(post(CHILD_PATH + "/unblock_gc").willReturn(nullBody(200)));
        storcon.tenant(TENANT).timeline(CHILD).blockGc();
        storcon.tenant(TENANT).timeline(CHILD).unblockGc();
        assertRequest(requests().get(0), "POST", CHILD_PATH + "/block_gc", Scope.PAGESERVER_API);
        assertRequest(requests().get(1), "POST", CHILD_PATH + "/unblock_gc", Scope.PAGESERVER_API);
    }

    @Test
    void migrateSafekeepers_sendsNewSkSet_andAbortPosts() {
        server.stubFor(post(CHILD_PATH + "/safekeeper_migrate").willReturn(nullBody(200)));
        server.stubFor(post(CHILD_PATH + "/safekeeper_migrate_abort").willReturn(nullBody(200)));
        storcon.tenant(TENANT).timeline(CHILD).migrateSafekeepers(List.of(NodeId.of(1), NodeId.of(2), NodeId.of(4)));
        assertRequest(requests().get(0), "POST", CHILD_PATH + "/safekeeper_migrate", Scope.PAGESERVER_API);
        LoggedRequestAssert.body(requests().get(0), "{\"new_sk_set\":[1,2,4]}");
        storcon.tenant(TENANT).timeline(CHILD).abortSafekeeperMigration();
        assertRequest(requests().get(1), "POST", CHILD_PATH + "/safekeeper_migrate_abort", Scope.PAGESERVER_API);
    }

    @Test
    void migrateSafekeepers_badSets_rejectedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT).timeline(CHILD).migrateSafekeepers(List.of()));
        assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT).timeline(CHILD)
                .migrateSafekeepers(List.of(NodeId.of(1), NodeId.of(1))));
        assertNothingSent();
    }

    @Test
    void lsnLease_sendsFixtureBody_andAcceptsNull() {
        server.stubFor(post(CHILD_PATH + "/lsn_lease").willReturn(nullBody(200)));
        storcon.tenant(TENANT).timeline(CHILD).lsnLease(Lsn.parse("0/1520CF8"));
        assertRequest(onlyRequest(), "POST", CHILD_PATH + "/lsn_lease", Scope.PAGESERVER_API);
        assertBodyIsFixture(onlyRequest(), "storcon.timeline_lsn_lease.request.json");
    }

    @Test
    void lsnByTimestamp_sendsRfc3339Query_andDecodesFixture() {
        server.stubFor(get(urlPathEqualTo(PARENT_PATH + "/get_lsn_by_timestamp")).willReturn(fixtureResponse(200, "storcon.get_lsn_by_timestamp.response.json")));
        LsnForTimestamp at = storcon.tenant(TENANT).timeline(PARENT).lsnByTimestamp(Instant.parse("2024-05-01T12:00:00Z"));
        assertRequest(onlyRequest(), "GET", PARENT_PATH + "/get_lsn_by_timestamp?timestamp=2024-05-01T12%3A00%3A00Z", Scope.PAGESERVER_API);
        assertEquals(new LsnForTimestamp(Lsn.parse("0/16B5A50"), LsnForTimestamp.Kind.PRESENT, Optional.empty()), at);
    }

    @Test
    void lsnByTimestamp_withLease_decodesValidUntil() {
        server.stubFor(get(urlPathEqualTo(PARENT_PATH + "/get_lsn_by_timestamp")).willReturn(fixtureResponse(200,
                "storcon.get_lsn_by_timestamp.with_lease.response.json")));
        LsnForTimestamp at = storcon.tenant(TENANT).timeline(PARENT).lsnByTimestamp(Instant.parse("2024-05-01T12:00:00.250Z"), true);
        assertEquals(PARENT_PATH + "/get_lsn_by_timestamp?timestamp=2024-05-01T12%3A00%3A00.250Z&with_lease=true", onlyRequest().getUrl());
        assertEquals(Optional.of(Instant.parse("2024-05-01T12:01:00Z")), at.validUntil());
    }

    @Test
    void lsnByTimestamp_readsAllFourKinds() {
        for (String kind : List.of("present", "past", "future", "nodata", "sometime")) {
            server.stubFor(get(urlPathEqualTo(PARENT_PATH + "/get_lsn_by_timestamp"))
                    .willReturn(json(200, "{\"lsn\":\"0/16B5A50\",\"kind\":\"" + kind + "\"}")));
            LsnForTimestamp.Kind k = storcon.tenant(TENANT).timeline(PARENT).lsnByTimestamp(Instant.EPOCH.plusSeconds(1)).kind();
            assertEquals(switch (kind) {
                case "present" -> LsnForTimestamp.Kind.PRESENT;
                case "past" -> LsnForTimestamp.Kind.PAST;
                case "future" -> LsnForTimestamp.Kind.FUTURE;
                case "nodata" -> LsnForTimestamp.Kind.NODATA;
                default -> LsnForTimestamp.Kind.fromWire("sometime");
            }, k);
        }
    }

    @Test
    void lsnByTimestamp_rejectsNullAndOutOfRangeBeforeSending() {
        assertThrows(NullPointerException.class, () -> storcon.tenant(TENANT).timeline(PARENT).lsnByTimestamp(null));
        assertThrows(IllegalArgumentException.class, () -> storcon.tenant(TENANT).timeline(PARENT).lsnByTimestamp(Instant.parse("1969-12-31T23:59:59Z")));
        assertNothingSent();
    }

    @Test
    void timestampOfLsn_decodesString_and412IsEmpty() {
        server.stubFor(get(urlPathEqualTo(PARENT_PATH + "/get_timestamp_of_lsn")).willReturn(json(200, "\"2024-05-01T12:00:00.123456+00:00\"")));
        Optional<Instant> t = storcon.tenant(TENANT).timeline(PARENT).timestampOfLsn(Lsn.parse("0/16B5A50"));
        assertEquals(PARENT_PATH + "/get_timestamp_of_lsn?lsn=0%2F16B5A50", onlyRequest().getUrl());
        assertEquals(Optional.of(Instant.parse("2024-05-01T12:00:00.123456Z")), t);
        server.stubFor(get(urlPathEqualTo(PARENT_PATH + "/get_timestamp_of_lsn")).willReturn(error(412, "Precondition failed: no timestamp")));
        assertEquals(Optional.empty(), storcon.tenant(TENANT).timeline(PARENT).timestampOfLsn(Lsn.parse("0/1")));
    }
}
