package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ExtensionInstallation;
import io.neonclient.compute.Privilege;
import io.neonclient.compute.RoleGrants;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * compute_ctl's internal listener ({@code POST /extensions}, {@code POST /grants}, compute_tools/src/http/server.rs) and
 * the external liveness probe on simulated computes, through the SDK's {@link ComputeClient}; auth is on, and the
 * internal listener takes no token, as upstream's.
 */
@NeonCluster(pageservers = 1, safekeepers = 1, auth = true)
class ComputeInternalRoutesIT {

    /** A configure request from the shared fixture with a role {@code app} owning database {@code neondb}. */
    private static String spec(NeonTestCluster cluster, TenantId tenant, TimelineId tl, String mode) {
        ObjectNode request = (ObjectNode) Shapes.fixture("compute.configure.request.json");
        ObjectNode spec = (ObjectNode) request.get("spec");
        spec.put("tenant_id", tenant.toString());
        spec.put("timeline_id", tl.toString());
        spec.remove("pageserver_connection_info");
        spec.putNull("shard_stripe_size");
        spec.put("pageserver_connstring", "postgresql://no_user@127.0.0.1:" + cluster.pageserverPgPort(1));
        spec.put("mode", mode);
        ObjectNode clusterSpec = (ObjectNode) spec.get("cluster");
        clusterSpec.putArray("roles").addObject().put("name", "app").putNull("encrypted_password").putNull("options");
        clusterSpec.putArray("databases").addObject().put("name", "neondb").put("owner", "app").putNull("options");
        return request.toString();
    }

    private static TestCompute configured(NeonTestCluster cluster, String mode) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        TestCompute compute = cluster.newCompute();
        RawHttp.Resp configured = RawHttp.compute(compute.uri()).withToken(cluster.computeToken(compute))
                .post("/configure", spec(cluster, tenant, tl, mode));
        assertEquals(200, configured.status(), configured.body());
        return compute;
    }

    private static ComputeClient internal(TestCompute compute) {
        return ComputeClient.create(compute.internalUri());
    }

    @Test
    void installExtension_createsThenUpdates_andNeedsAnExistingDatabase(NeonTestCluster cluster) {
        TestCompute compute = configured(cluster, "Primary");
        ComputeClient c = internal(compute);
        assertEquals(new ExtensionInstallation("pg_session_jwt", "0.3.1"), c.installExtension("pg_session_jwt", "neondb", "0.3.1"));
        assertEquals(new ExtensionInstallation("pg_session_jwt", "0.3.1"), c.installExtension("pg_session_jwt", "neondb", "0.3.1"));
        assertEquals(new ExtensionInstallation("pg_session_jwt", "0.3.2"), c.installExtension("pg_session_jwt", "neondb", "0.3.2"));
        ServerErrorException noDb = assertThrows(ServerErrorException.class, () -> c.installExtension("hstore", "nope", "1.8"));
        assertTrue(noDb.serverMessage().contains("Failed to connect to the database"), noDb.serverMessage());

        TestCompute empty = cluster.newCompute();
        assertThrows(PreconditionFailedException.class, () -> internal(empty).installExtension("hstore", "neondb", "1.8"));
    }

    @Test
    void grants_grantOnPublicToAKnownRole_andRefuseUnknownRolesAndSchemas(NeonTestCluster cluster) {
        TestCompute compute = configured(cluster, "Primary");
        ComputeClient c = internal(compute);
        RoleGrants granted = c.grants("neondb", "public", List.of(Privilege.USAGE, Privilege.CREATE), "app");
        assertEquals(new RoleGrants("neondb", "public", List.of(Privilege.USAGE, Privilege.CREATE), "app"), granted);
        assertEquals(granted, c.grants("neondb", "public", List.of(Privilege.USAGE, Privilege.CREATE), "app"), "granting again is a no-op");
        ServerErrorException role = assertThrows(ServerErrorException.class,
                () -> c.grants("neondb", "public", List.of(Privilege.USAGE), "ghost"));
        assertTrue(role.serverMessage().contains("GRANT USAGE ON SCHEMA \"public\" TO \"ghost\""), role.serverMessage());
        assertThrows(ServerErrorException.class, () -> c.grants("neondb", "analytics", List.of(Privilege.USAGE), "app"));
    }

    @Test
    void aReplica_refusesNewGrantsAndExtensions_andTheLivenessProbeFollowsPostgres(NeonTestCluster cluster) {
        TestCompute replica = configured(cluster, "Replica");
        ServerErrorException ext = assertThrows(ServerErrorException.class,
                () -> internal(replica).installExtension("hstore", "neondb", "1.8"));
        assertTrue(ext.serverMessage().contains("CREATE EXTENSION"), ext.serverMessage());
        assertThrows(ServerErrorException.class, () -> internal(replica).grants("neondb", "public", List.of(Privilege.USAGE), "app"));

        ComputeClient external = ComputeClient.builder().baseUri(replica.uri())
                .configure(cfg -> cfg.withBearerToken(cluster.computeToken(replica))).build();
        external.livenessProbe();
        ComputeClient emptyExternal = ComputeClient.builder().baseUri(cluster.newCompute().uri())
                .configure(cfg -> cfg.withBearerToken(cluster.token(io.neonclient.core.Scope.COMPUTE_CTL_ADMIN))).build();
        assertThrows(ServerErrorException.class, emptyExternal::livenessProbe, "Postgres is not running before a spec");
    }
}
