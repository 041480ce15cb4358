package io.neonclient.compute;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.ServerErrorException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /grants} (compute_tools/src/http/routes/grants.rs) and {@code GET /hadron_liveness_probe}
 * (hadron_liveness_probe.rs): request bytes and the answers upstream writes, validated against the compute spec.
 */
class ComputeGrantsTest extends ComputeTestBase {
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String error) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("{\"error\":\"" + error + "\"}");
    }

    @Test
    void grants_sendsSetRoleGrantsRequest_andReadsThe201Echo() {
        server.stubFor(post("/grants").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"database\":\"neondb\",\"schema\":\"public\",\"privileges\":[\"SELECT\",\"INSERT\"],\"role\":\"app\"}")));
        RoleGrants granted = compute.grants("neondb", "public", List.of(Privilege.SELECT, Privilege.INSERT), "app");
        assertEquals(new RoleGrants("neondb", "public", List.of(Privilege.SELECT, Privilege.INSERT), "app"), granted);
        server.verify(postRequestedFor(urlEqualTo("/grants")).withHeader("Authorization", equalTo("Bearer test-token"))
                .withRequestBody(equalToJson("{\"database\":\"neondb\",\"schema\":\"public\",\"privileges\":[\"SELECT\",\"INSERT\"],\"role\":\"app\"}")));
    }

    @Test
    void grants_aPrivilegeAddedUpstreamLater_isKeptAsReceived() {
        server.stubFor(post("/grants").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"database\":\"neondb\",\"schema\":\"public\",\"privileges\":[\"MAINTAIN\"],\"role\":\"app\"}")));
        RoleGrants granted = compute.grants("neondb", "public", List.of(Privilege.fromWire("MAINTAIN")), "app");
        assertEquals(new Privilege.Unknown("MAINTAIN"), granted.privileges().get(0));
        assertEquals("MAINTAIN", granted.privileges().get(0).toString());
        assertEquals(Privilege.TEMPORARY, Privilege.fromWire("TEMPORARY"));
    }

    @Test
    void grants_412WhenNotRunning_500WhenPostgresRefuses_eachSentOnce() {
        server.stubFor(post("/grants").willReturn(error(412, "invalid compute status: init")));
        assertThrows(PreconditionFailedException.class, () -> compute.grants("neondb", "public", List.of(Privilege.USAGE), "app"));
        server.stubFor(post("/grants").willReturn(error(500, "failed to grant role privileges to the schema: role \\\"app\\\" does not exist")));
        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> compute.grants("neondb", "public", List.of(Privilege.USAGE), "app"));
        assertTrue(e.serverMessage().contains("does not exist"), e.serverMessage());
        assertEquals(2, server.getAllServeEvents().size());
    }

    @Test
    void grants_rejectsBadInputBeforeAnyRequest() {
        var blank = assertThrows(IllegalArgumentException.class, () -> compute.grants("neondb", " ", List.of(Privilege.USAGE), "app"));
        assertEquals("schema must not be blank", blank.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> compute.grants("neondb", "public", List.of(), "app"));
        assertTrue(empty.getMessage().startsWith("privileges must name at least one privilege"), empty.getMessage());
        var noRole = assertThrows(NullPointerException.class, () -> compute.grants("neondb", "public", List.of(Privilege.USAGE), null));
        assertEquals("role", noRole.getMessage());
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void livenessProbe_readsOk_andReports500() {
        server.stubFor(get("/hadron_liveness_probe").willReturn(okJson("\"ok\"")));
        compute.livenessProbe();
        server.verify(getRequestedFor(urlEqualTo("/hadron_liveness_probe")).withHeader("Authorization", equalTo("Bearer test-token")));
        server.stubFor(get("/hadron_liveness_probe").willReturn(error(500, "pg_isready exited with 2")));
        ServerErrorException e = assertThrows(ServerErrorException.class, compute::livenessProbe);
        assertTrue(e.serverMessage().contains("pg_isready"), e.serverMessage());
    }
}
