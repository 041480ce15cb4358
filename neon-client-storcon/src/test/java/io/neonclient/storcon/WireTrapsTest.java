package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.LocationConfig;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.model.SecondaryConf;
import io.neonclient.model.TenantConfig;
import io.neonclient.model.Timeline;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One test per known wire trap of the controller API (runbook mistakes, silent upstream behaviours), named for what the SDK does about it. */
class WireTrapsTest extends WireMockTestBase {

    // The branch point is ancestor_start_lsn: the untagged TimelineCreateRequestMode (libs/pageserver_api/src/models.rs)
    // ignores unknown fields, so an untyped body with "ancestor_start" would silently branch at the tip.
    @Test
    void branchPoint_isSentAsAncestorStartLsn_neverAncestorStart() throws Exception {
        server.stubFor(post("/v1/tenant/" + TENANT + "/timeline").willReturn(fixtureResponse(201, "storcon.timeline_create.response.json")));
        Timeline child = storcon.tenant(TENANT).timelines().create(CreateTimelineRequest.branch(CHILD, PARENT).at(Lsn.parse("0/1520CF8")));
        JsonNode body = PLAIN.readTree(onlyRequest().getBodyAsString());
        assertEquals("0/1520CF8", body.get("ancestor_start_lsn").asText());
        assertFalse(body.has("ancestor_start"));
        assertFalse(body.has("pg_version"), "pg_version is ignored for branches; not sent");
        assertEquals(Lsn.parse("0/1520CF8"), child.ancestorLsn().orElseThrow(), "check the branch point in the answer");
    }

    // The modes are a closed set of typed records; there is no free-form map to misspell (models.rs, untagged modes).
    @Test
    void createTimelineRequest_isSealedOverExactlyTheThreeUpstreamModes() {
        Set<String> permitted = Arrays.stream(CreateTimelineRequest.class.getPermittedSubclasses()).map(Class::getSimpleName).collect(Collectors.toSet());
        assertEquals(Set.of("Bootstrap", "Branch", "ImportPgdata"), permitted);
    }

    // Placement policy is tenant-level; each shard only has scheduling_policy (TenantDescribeResponse, controller_api.rs).
    @Test
    void policy_isReadFromTenantLevel_andShardsHaveNoPolicy() {
        server.stubFor(get("/control/v1/tenant/" + TENANT).willReturn(fixtureResponse(200, "storcon.tenant_describe.response.json")));
        TenantDescription d = storcon.tenant(TENANT).describe();
        assertEquals(PlacementPolicy.attached(1), d.policy());
        List<String> shardFields = Arrays.stream(ShardDescription.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertFalse(shardFields.contains("policy"), shardFields.toString());
        assertEquals(ShardSchedulingPolicy.ACTIVE, d.shards().get(0).schedulingPolicy());
        assertRequest(onlyRequest(), "GET", "/control/v1/tenant/" + TENANT, Scope.SCRUBBER);
    }

    // A detached tenant vanishes once quiesced (404, storage_controller/src/service.rs); waiting for Detached treats that as done.
    @Test
    void detach_await_treats404AsDone() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/policy").willReturn(nullBody(200)));
        server.stubFor(get("/control/v1/tenant/" + TENANT).willReturn(error(404, "NotFound: Tenant not found")));
        assertTrue(storcon.tenant(TENANT).updatePolicy(PlacementPolicy.detached()).await(Duration.ofSeconds(5)).isEmpty());
        LoggedRequestAssert.body(requests().get(0), "{\"placement\":\"Detached\"}");
    }

    // null, {} and empty bodies are success answers (json_response(StatusCode::OK, ()) in storage_controller/src/http.rs).
    @Test
    void nullEmptyAnd204Bodies_areAccepted() {
        server.stubFor(put("/control/v1/tenant/" + TENANT + "/policy").willReturn(nullBody(200)));
        server.stubFor(put("/control/v1/node/2/drain").willReturn(nullBody(202)));
        server.stubFor(delete("/control/v1/node/2/delete").willReturn(nullBody(202)));
        server.stubFor(post("/control/v1/safekeeper/1").willReturn(aResponse().withStatus(204)));
        server.stubFor(put("/control/v1/tenant/" + SHARD0 + "/migrate").willReturn(json(200, "{}")));
        server.stubFor(post("/control/v1/node").willReturn(aResponse().withStatus(200)));
        storcon.tenant(TENANT).updatePolicy(PlacementPolicy.attached(1));
        storcon.node(NodeId.of(2)).drain();
        storcon.node(NodeId.of(2)).cancelDelete();
        storcon.safekeeper(NodeId.of(1)).upsert(UpsertSafekeeperRequest.of(NodeId.of(1), "r", "h", 5454, 7676, "az"));
        storcon.shard(SHARD0).migrateTo(NodeId.of(2));
        storcon.nodes().register(RegisterNodeRequest.of(NodeId.of(3), "ps", 6400, "ps", 9898, "az"));
        assertEquals(6, requests().size());
    }

    // Timeline delete 409 has a null body (not {msg}) and means "call again" (tenant_timeline_delete, storage_controller/src/http.rs).
    @Test
    void timelineDelete_409WithNullBody_meansCallAgain() {
        stubSequence(() -> delete(urlEqualTo("/v1/tenant/" + TENANT + "/timeline/" + CHILD)), List.of(nullBody(409), nullBody(200)));
        storcon.tenant(TENANT).timeline(CHILD).delete().await(Duration.ofSeconds(5));
        assertEquals(2, requests().size());
    }

    // Tuple lists ([id, config|null], LocationConfigListResponse in libs/pageserver_api/src/models.rs) — LocationConfig reads the elements.
    @Test
    void locationConfigTuples_decodeAsPairs() throws Exception {
        JsonNode list = PLAIN.readTree(getClass().getResourceAsStream("/fixtures/pageserver.location_config_list.response.json")).get("tenant_shards");
        List<String> seen = new ArrayList<>();
        for (JsonNode tuple : list) {
            assertTrue(tuple.isArray() && tuple.size() == 2, "each element is a 2-element array");
            TenantShardId id = TenantShardId.parse(tuple.get(0).asText());
            LocationConfig conf = tuple.get(1).isNull() ? null : Json.decode(tuple.get(1).toString(), LocationConfig.class);
            seen.add(id + "=" + (conf == null ? "null" : conf.mode() + "/" + conf.shardNumber() + "/" + conf.secondaryConf().map(SecondaryConf::warm).orElse(false)));
        }
        assertEquals(List.of(SHARD0 + "=AttachedSingle/0/false", SHARD1 + "=Secondary/1/true", UNSHARDED + "=null"), seen);
    }

    // Stripe sizes are 8 KiB pages (ShardStripeSize, libs/pageserver_api/src/shard.rs); bytes are converted, non-powers of two (65558) refused.
    @Test
    void stripeSize_isSentInPages() {
        server.stubFor(post("/v1/tenant").willReturn(json(201, "{\"shards\":[]}")));
        storcon.tenants().create(CreateTenantRequest.sharded(TENANT, 2, StripeSize.ofBytes(16L << 20)));
        LoggedRequestAssert.body(onlyRequest(), "{\"new_tenant_id\":\"" + TENANT + "\",\"shard_parameters\":{\"count\":2,\"stripe_size\":2048}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CreateTenantRequest.sharded(TENANT, 2, StripeSize.ofPages(65558)));
        assertTrue(e.getMessage().contains("8 KiB pages"), e.getMessage());
    }

    // Count 1 is not the unsharded layout (ShardCount, libs/utils/src/shard.rs); unsharded sends no shard_parameters at all.
    @Test
    void unshardedAndSingleShard_areDifferentRequests() {
        server.stubFor(post("/v1/tenant").willReturn(json(201, "{\"shards\":[]}")));
        storcon.tenants().create(CreateTenantRequest.unsharded(TENANT));
        storcon.tenants().create(CreateTenantRequest.sharded(TENANT, 1, StripeSize.DEFAULT));
        assertFalse(requests().get(0).getBodyAsString().contains("shard_parameters"));
        assertTrue(requests().get(1).getBodyAsString().contains("\"count\":1"));
    }

    // Timestamps: RFC 3339 UTC, '+' never sent raw (the server's query parser reads it as a space; humantime/url decoding upstream).
    @Test
    void timestamps_inQueries_neverCarryARawPlus() {
        server.stubFor(get(urlPathEqualTo("/v1/tenant/" + TENANT + "/timeline/" + PARENT + "/get_lsn_by_timestamp"))
                .willReturn(fixtureResponse(200, "storcon.get_lsn_by_timestamp.response.json")));
        server.stubFor(put(urlPathEqualTo("/v1/tenant/" + TENANT + "/time_travel_remote_storage")).willReturn(nullBody(200)));
        Instant t = Instant.parse("2024-05-01T12:00:00.123456789Z");
        storcon.tenant(TENANT).timeline(PARENT).lsnByTimestamp(t);
        storcon.tenant(TENANT).timeTravelRemoteStorage(t, t.plusSeconds(60), List.of(0, 2));
        for (var r : requests()) {
            String query = r.getUrl().substring(r.getUrl().indexOf('?') + 1);
            assertFalse(query.contains("+") || query.contains(" "), query);
        }
        assertEquals("2024-05-01T12:00:00.123456789Z", requests().get(0).queryParameter("timestamp").firstValue());
        assertEquals("2024-05-01T12:01:00.123456789Z", requests().get(1).queryParameter("done_if_after").firstValue());
    }

    // Migrate defaults to prewarm (MigrationConfig in controller_api.rs: returns once started); await waits for the cut-over.
    @Test
    void migrate_defaultIsPrewarm_andAwaitWaitsForCutOver() {
        server.stubFor(put("/control/v1/tenant/" + SHARD0 + "/migrate").willReturn(json(200, "{}")));
        stubSequence(() -> get(urlEqualTo("/control/v1/tenant/" + TENANT)), List.of(
                json(200, Describe.tenant(TENANT.toString(), "{\"Attached\":1}", Describe.shard(SHARD0, 1, List.of(2), "", false))),
                json(200, Describe.tenant(TENANT.toString(), "{\"Attached\":1}", Describe.shard(SHARD0, 2, List.of(1), "", false)))));
        ShardMigration m = storcon.shard(SHARD0).migrateTo(NodeId.of(2));
        assertTrue(requests().get(0).getBodyAsString().contains("\"prewarm\":true"));
        assertEquals(NodeId.of(2), m.await(Duration.ofSeconds(5)).attachedNode().orElseThrow());
    }

    // Scopes match exactly except admin on the controller (check_permissions, storage_controller/src/http.rs); each route asks for its own.
    @Test
    void scopes_areTheExactOnesTheControllerChecks() {
        server.stubFor(get("/control/v1/tenant/" + TENANT).willReturn(fixtureResponse(200, "storcon.tenant_describe.response.json")));
        server.stubFor(post("/control/v1/safekeeper/1/scheduling_policy").willReturn(nullBody(200)));
        server.stubFor(post("/control/v1/safekeeper/1").willReturn(aResponse().withStatus(204)));
        storcon.tenant(TENANT).describe();
        storcon.safekeeper(NodeId.of(1)).schedulingPolicy(SkSchedulingPolicy.ACTIVE);
        storcon.safekeeper(NodeId.of(1)).upsert(UpsertSafekeeperRequest.of(NodeId.of(1), "r", "h", 5454, 7676, "az"));
        assertEquals("Bearer tok-scrubber", requests().get(0).getHeader("Authorization"));
        assertEquals("Bearer tok-admin", requests().get(1).getHeader("Authorization"));
        assertEquals("Bearer tok-infra", requests().get(2).getHeader("Authorization"));
    }

    // location_config always sends tenant_conf: it replaces the stored config (tenant_location_config, storage_controller/src/service.rs).
    @Test
    void locationConfig_alwaysSendsTenantConf() {
        server.stubFor(put("/v1/tenant/" + UNSHARDED + "/location_config").willReturn(fixtureResponse(200, "storcon.tenant_location_config.response.json")));
        storcon.tenant(UNSHARDED).locationConfig(LocationConfig.of(LocationConfigMode.DETACHED, TenantConfig.empty()));
        assertTrue(onlyRequest().getBodyAsString().contains("\"tenant_conf\":{}"));
    }

    // lsn_lease through the controller answers null (it discards valid_until; storage_controller/src/http.rs).
    @Test
    void lsnLease_nullAnswer_isSuccess() {
        server.stubFor(post("/v1/tenant/" + TENANT + "/timeline/" + CHILD + "/lsn_lease").willReturn(nullBody(200)));
        storcon.tenant(TENANT).timeline(CHILD).lsnLease(Lsn.parse("0/1520CF8"));
        assertEquals(1, requests().size());
    }
}
