package io.neonclient.compute;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.neonclient.contract.Fixtures;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * check_writability, promote, LFC prewarm/offload, insights, database_schema and extensions
 * (compute_tools/src/http/routes/*.rs): request bytes and the answers upstream's serde types write.
 */
class ComputeOperatorRoutesTest extends ComputeTestBase {
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String error) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("{\"error\":\"" + error + "\"}");
    }

    @Test
    void checkWritability_postsAndAcceptsTrue_andReportsAFailedWrite() {
        server.stubFor(post("/check_writability").willReturn(okJson("true")));
        compute.checkWritability();
        server.verify(postRequestedFor(urlEqualTo("/check_writability")).withHeader("Authorization", equalTo("Bearer test-token")));
        server.stubFor(post("/check_writability").willReturn(error(412, "invalid compute status: init")));
        assertThrows(PreconditionFailedException.class, compute::checkWritability);
        server.stubFor(post("/check_writability").willReturn(error(500, "db error: ERROR: cannot execute INSERT in a read-only transaction")));
        ServerErrorException e = assertThrows(ServerErrorException.class, compute::checkWritability);
        assertTrue(e.serverMessage().contains("read-only"), e.serverMessage());
    }

    @Test
    void promote_sendsSpecAndFlushLsn_andReadsCompleted() {
        server.stubFor(post("/promote").willReturn(okJson(
                "{\"status\":\"completed\",\"lsn_wait_time_ms\":12,\"pg_promote_time_ms\":340,\"reconfigure_time_ms\":55}")));
        String fixture = Fixtures.load("compute.configure.request.json");
        ComputeSpec spec = Json.decode(Json.encodeToString(Json.tree(fixture.getBytes()).get("spec")), ComputeSpec.class);
        PromoteState state = compute.promote(spec, Lsn.parse("0/28F10D8"));
        assertEquals(new PromoteState.Completed(12, 340, 55), state);
        assertEquals("completed", state.toString());
        String sent = server.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertEquals("0/28F10D8", Json.tree(sent.getBytes()).path("wal_flush_lsn").asText());
        assertEquals(Json.tree(fixture.getBytes()).get("spec"), Json.tree(sent.getBytes()).get("spec"));
        assertThrows(NullPointerException.class, () -> compute.promote(spec, null));
    }

    @Test
    void promote_failure_isA500CarryingTheError() {
        server.stubFor(post("/promote").willReturn(error(500, "compute mode \\\"primary\\\" is not replica")
                .withBody("{\"status\":\"failed\",\"error\":\"compute mode \\\"primary\\\" is not replica\"}")));
        var spec = ComputeSpec.minimal(io.neonclient.core.TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c"), null);
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> compute.promote(spec, Lsn.parse("0/1")));
        assertEquals("compute mode \"primary\" is not replica", e.serverMessage());
    }

    @Test
    void promoteState_readsEveryStatus() {
        assertEquals(new PromoteState.NotPromoted(), Json.decode("{\"status\":\"not_promoted\"}", PromoteState.class));
        assertEquals(new PromoteState.Failed("x"), Json.decode("{\"status\":\"failed\",\"error\":\"x\"}", PromoteState.class));
        assertEquals(new PromoteState.Unknown("rolled_back"), Json.decode("{\"status\":\"rolled_back\"}", PromoteState.class));
    }

    @Test
    void lfcPrewarm_startsAndAwaitsCompleted() {
        server.stubFor(post(urlPathEqualTo("/lfc/prewarm")).willReturn(aResponse().withStatus(202)));
        server.stubFor(get("/lfc/prewarm").inScenario("prewarm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"status\":\"prewarming\"}")).willSetStateTo("done"));
        server.stubFor(get("/lfc/prewarm").inScenario("prewarm").whenScenarioStateIs("done").willReturn(okJson(
                "{\"status\":\"completed\",\"total\":1024,\"prewarmed\":1000,\"skipped\":24,\"state_download_time_ms\":7,"
                        + "\"uncompress_time_ms\":1,\"prewarm_time_ms\":90}")));
        LfcPrewarmState done = compute.lfc().prewarm("ep-primary-123").await(Duration.ofSeconds(5));
        assertEquals(new LfcPrewarmState.Completed(1024, 1000, 24, 7, 1, 90), done);
        server.verify(postRequestedFor(urlEqualTo("/lfc/prewarm?from_endpoint=ep-primary-123")));
        assertThrows(IllegalArgumentException.class, () -> compute.lfc().prewarm(" "));
    }

    @Test
    void lfcPrewarm_whenRunning_is429_andCancelledFailsTheWait() {
        server.stubFor(post("/lfc/prewarm").willReturn(error(429, "Multiple requests for prewarm are not allowed")));
        assertThrows(UnavailableException.class, () -> compute.lfc().prewarm());
        server.stubFor(post("/lfc/prewarm").willReturn(aResponse().withStatus(202)));
        server.stubFor(get("/lfc/prewarm").willReturn(okJson("{\"status\":\"cancelled\"}")));
        server.stubFor(delete("/lfc/prewarm").willReturn(aResponse().withStatus(202)));
        var prewarm = compute.lfc().prewarm();
        compute.lfc().cancelPrewarm();
        WaitFailedException e = assertThrows(WaitFailedException.class, () -> prewarm.await(Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }

    @Test
    void lfcOffload_startsAndAwaits_andReadsStates() {
        server.stubFor(post("/lfc/offload").willReturn(aResponse().withStatus(202)));
        server.stubFor(get("/lfc/offload").willReturn(okJson(
                "{\"status\":\"completed\",\"state_query_time_ms\":3,\"compress_time_ms\":2,\"state_upload_time_ms\":15}")));
        assertEquals(new LfcOffloadState.Completed(3, 2, 15), compute.lfc().offload().await(Duration.ofSeconds(5)));
        assertEquals(new LfcOffloadState.Skipped(), Json.decode("{\"status\":\"skipped\"}", LfcOffloadState.class));
        assertEquals("not_offloaded", Json.decode("{\"status\":\"not_offloaded\"}", LfcOffloadState.class).toString());
        assertEquals(new LfcPrewarmState.Failed("boom"), Json.decode("{\"status\":\"failed\",\"error\":\"boom\"}", LfcPrewarmState.class));
    }

    @Test
    void insights_readsRowsAsWritten() {
        server.stubFor(get("/insights").willReturn(okJson("""
                {"pg_stat_statements": [{"userid":10,"query":"SELECT $1","calls":3,"mean_exec_time":0.25,"toplevel":true,"queryid":null}]}""")));
        Insights insights = compute.insights();
        assertEquals(1, insights.pgStatStatements().size());
        Map<String, Object> row = insights.pgStatStatements().get(0);
        assertEquals("SELECT $1", row.get("query"));
        assertEquals(3, row.get("calls"));
        assertTrue(row.containsKey("queryid"));
    }

    @Test
    void databaseSchema_returnsTheDumpText_and404ForAMissingDatabase() {
        String dump = "--\n-- PostgreSQL database dump\n--\nCREATE TABLE public.t (id integer);\n";
        server.stubFor(get(urlPathEqualTo("/database_schema")).withQueryParam("database", equalTo("neondb"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(dump)));
        assertEquals(dump, compute.databaseSchema("neondb"));
        server.stubFor(get(urlPathEqualTo("/database_schema")).withQueryParam("database", equalTo("nope"))
                .willReturn(error(404, "database does not exist")));
        assertThrows(NotFoundException.class, () -> compute.databaseSchema("nope"));
        assertThrows(IllegalArgumentException.class, () -> compute.databaseSchema(""));
    }

    @Test
    void installExtension_sendsTheRequest_andReads201() {
        server.stubFor(post("/extensions").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"extension\":\"pg_session_jwt\",\"version\":\"0.3.1\"}")));
        assertEquals(new ExtensionInstallation("pg_session_jwt", "0.3.1"), compute.installExtension("pg_session_jwt", "neondb", "0.3.1"));
        server.verify(postRequestedFor(urlEqualTo("/extensions")).withRequestBody(equalToJson(
                "{\"extension\":\"pg_session_jwt\",\"database\":\"neondb\",\"version\":\"0.3.1\"}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compute.installExtension("x", " ", "1"));
        assertEquals("database must not be blank", e.getMessage());
        assertThrows(NullPointerException.class, () -> compute.installExtension(null, "db", "1"));
    }

    @Test
    void dbsAndRoles_readsTheCatalog_withoutPrintingPasswords() {
        server.stubFor(get("/dbs_and_roles").willReturn(okJson("""
                {"roles":[{"name":"neondb_owner","encrypted_password":"SCRAM-SHA-256$4096:abc","options":null}],
                 "databases":[{"name":"neondb","owner":"neondb_owner","options":null,"restrict_conn":false,"invalid":false}]}""")));
        CatalogObjects catalog = compute.dbsAndRoles();
        assertEquals(List.of(new CatalogObjects.Database("neondb", "neondb_owner", false, false)), catalog.databases());
        assertEquals("neondb_owner", catalog.roles().get(0).name());
        assertFalse(catalog.roles().get(0).toString().contains("SCRAM"));
    }

    @Test
    void lfcStates_printTheWireStatus() {
        assertEquals(List.of("not_prewarmed", "prewarming", "skipped"), List.of(new LfcPrewarmState.NotPrewarmed().toString(),
                new LfcPrewarmState.Prewarming().toString(), new LfcPrewarmState.Skipped().toString()));
    }
}
