package io.neonclient.samples;

import static io.neonclient.samples.NeonOpsIT.neonOps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.admin.ClusterBootstrap;
import io.neonclient.admin.Placements;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neon-ops compute register|list|forget}, {@code compute-hook}'s input checks, and {@code report --registry}. */
class ComputeCommandsIT {
    static final TenantId TENANT = TenantId.parse("1f359dd625e519a1a4e8d7509690f6fc");
    static final TimelineId TIMELINE = TimelineId.parse("de200bd42b49cc1814412c7e592dd6e9");

    @TempDir
    Path dir;

    @Test
    void registerListForget_roundTripThroughARegistryFile() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), ComputeSpec.minimal(TENANT, TIMELINE).toJsonText());
        String registry = dir.resolve("computes.json").toString();
        NeonOpsIT.Run reg = neonOps("compute", "register", "--registry", registry, "--id", "compute-1", "--url", "http://10.0.0.7:3080",
                "--spec", spec.toString());
        assertEquals(0, reg.exit(), reg.err());
        assertTrue(reg.out().startsWith("registered compute-1"), reg.out());
        NeonOpsIT.Run list = neonOps("compute", "list", "--registry", registry);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("compute-1") && list.out().contains(TENANT.toString()) && list.out().contains("http://10.0.0.7:3080"),
                list.out());
        assertTrue(list.out().contains("1 computes, 0 pending"), list.out());
        assertEquals(0, neonOps("compute", "forget", "--registry", registry, "--id", "compute-1").exit());
        NeonOpsIT.Run again = neonOps("compute", "forget", "--registry", registry, "--id", "compute-1");
        assertEquals(1, again.exit());
        assertTrue(again.out().contains("no compute compute-1"), again.out());
    }

    @Test
    void registerListForget_withOutputJson_printComputeCtlsWords_withoutTheSpecsToken() throws Exception {
        var withToken = (com.fasterxml.jackson.databind.node.ObjectNode) CliJson.MAPPER.readTree(
                ComputeSpec.minimal(TENANT, TIMELINE).withStorageAuthToken("secret-jwt-value").toJsonText());
        withToken.put("pageserver_connstring", "postgresql://no_user@ps-1:6400");
        Path spec = Files.writeString(dir.resolve("spec.json"), withToken.toString());
        String registry = dir.resolve("computes.json").toString();
        NeonOpsIT.Run reg = neonOps("compute", "register", "--registry", registry, "--id", "compute-1", "--url", "http://10.0.0.7:3080",
                "--spec", spec.toString(), "--output", "json");
        assertEquals(0, reg.exit(), reg.err());
        var json = CliJson.MAPPER.readTree(reg.out());
        assertEquals("compute register", json.path("command").asText());
        assertFalse(json.path("replaced").asBoolean());
        assertEquals("compute-1", json.path("compute").path("compute_id").asText());
        assertEquals(TENANT.toString(), json.path("compute").path("tenant_id").asText());
        assertEquals("postgresql://no_user@ps-1:6400", json.path("compute").path("pageserver_connstring").asText(), reg.out());
        assertTrue(json.path("compute").path("last_error").isNull(), reg.out());
        assertFalse(reg.out().contains("secret-jwt-value"), "no token in the output: " + reg.out());

        NeonOpsIT.Run list = neonOps("--output", "json", "compute", "list", "--registry", registry);
        assertEquals(0, list.exit(), list.err());
        var listed = CliJson.MAPPER.readTree(list.out());
        assertEquals(1, listed.path("computes").size(), list.out());
        assertEquals("http://10.0.0.7:3080", listed.path("computes").get(0).path("compute_ctl_url").asText());
        assertEquals(0, listed.path("pending").asInt());
        assertFalse(list.out().contains("secret-jwt-value"), list.out());

        NeonOpsIT.Run forget = neonOps("compute", "forget", "--registry", registry, "--id", "compute-1", "--output", "json");
        assertEquals(0, forget.exit());
        assertTrue(CliJson.MAPPER.readTree(forget.out()).path("removed").asBoolean(), forget.out());
        NeonOpsIT.Run none = neonOps("compute", "forget", "--registry", registry, "--id", "compute-1", "--output", "json");
        assertEquals(1, none.exit());
        assertFalse(CliJson.MAPPER.readTree(none.out()).path("removed").asBoolean(), none.out());
    }

    @Test
    void register_refusesASpecWithoutTenantOrABadUrl_beforeWriting() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), ComputeSpec.minimal(null, null).toJsonText());
        String registry = dir.resolve("computes.json").toString();
        NeonOpsIT.Run r = neonOps("compute", "register", "--registry", registry, "--id", "c1", "--url", "http://h:1", "--spec", spec.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--tenant"), r.err());
        Path good = Files.writeString(dir.resolve("good.json"), ComputeSpec.minimal(TENANT, TIMELINE).toJsonText());
        NeonOpsIT.Run url = neonOps("compute", "register", "--registry", registry, "--id", "c1", "--url", "10.0.0.7:3080", "--spec", good.toString());
        assertEquals(2, url.exit());
        assertTrue(url.err().contains("--url"), url.err());
        NeonOpsIT.Run ftp = neonOps("compute", "register", "--registry", registry, "--id", "c1", "--url", "ftp://h:1", "--spec", good.toString());
        assertEquals(2, ftp.exit());
        assertTrue(ftp.err().contains("computeCtlUrl must be an http(s) URL"), ftp.err());
        assertTrue(Files.notExists(dir.resolve("computes.json")));
    }

    @Test
    void computeHook_refusesBadOptionCombinations_beforeListening() throws Exception {
        Path token = Files.writeString(dir.resolve("t"), "x");
        NeonOpsIT.Run both = neonOps("--storcon", "http://127.0.0.1:9", "compute-hook", "--listen", "127.0.0.1:0", "--registry",
                dir.resolve("r.json").toString(), "--token-file", token.toString(), "--jwt-public-key", token.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("not both"), both.err());
        NeonOpsIT.Run tls = neonOps("--storcon", "http://127.0.0.1:9", "compute-hook", "--listen", "127.0.0.1:0", "--registry",
                dir.resolve("r.json").toString(), "--tls-keystore", token.toString());
        assertEquals(2, tls.exit());
        assertTrue(tls.err().contains("--tls-password-env"), tls.err());
        NeonOpsIT.Run listen = neonOps("--storcon", "http://127.0.0.1:9", "compute-hook", "--listen", "3000", "--registry",
                dir.resolve("r.json").toString());
        assertEquals(2, listen.exit());
        assertTrue(listen.err().contains("HOST:PORT"), listen.err());
        NeonOpsIT.Run key = neonOps("--storcon", "http://127.0.0.1:9", "compute-hook", "--listen", "127.0.0.1:0", "--registry",
                dir.resolve("r.json").toString(), "--jwt-public-key", token.toString());
        assertEquals(2, key.exit());
        assertTrue(key.err().contains("Ed25519"), key.err());
    }

    @Test
    void report_withRegistry_listsTheComputeWhoseSpecDisagreesWithPlacement() throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            StorageControllerClient storcon = StorageControllerClient.create(cluster.storageController().toString());
            TenantId tenant = TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            ClusterBootstrap.Builder b = ClusterBootstrap.builder(storcon);
            cluster.pageservers().forEach((id, uri) -> b.pageserver(RegisterNodeRequest.of(NodeId.of(id), uri.getHost(),
                    cluster.pageserverPgPort(id), uri.getHost(), uri.getPort(), "az-a")));
            b.tenant(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT)).timeline(timeline, 16).build().run(e -> { });
            ShardPlacement right = Placements.of(storcon, tenant);
            List<ShardPlacement.Shard> moved = right.shards().stream().map(s -> new ShardPlacement.Shard(s.shard(),
                    NodeId.of(s.node().value() == 1 ? 2 : 1), s.pgHost(), s.pgPort() + 1)).toList();
            ShardPlacement wrong = new ShardPlacement(right.stripeSize(), moved);
            String registry = dir.resolve("computes.json").toString();
            for (var c : List.of(List.of("in-place", right), List.of("stale-one", wrong))) {
                Path spec = Files.writeString(dir.resolve(c.get(0) + ".json"),
                        ComputeSpec.minimal(tenant, timeline).withPlacement((ShardPlacement) c.get(1)).toJsonText());
                assertEquals(0, neonOps("compute", "register", "--registry", registry, "--id", (String) c.get(0), "--url", "http://127.0.0.1:9",
                        "--spec", spec.toString()).exit());
            }
            NeonOpsIT.Run r = neonOps("--storcon", cluster.storageController().toString(), "report", "--no-pageservers", "--registry", registry);
            assertEquals(1, r.exit(), r.out() + r.err());
            String stale = r.out().lines().filter(l -> l.startsWith("stale-one")).findFirst().orElseThrow();
            assertTrue(stale.contains("STALE: controller has"), stale);
            String ok = r.out().lines().filter(l -> l.startsWith("in-place")).findFirst().orElseThrow();
            assertTrue(ok.endsWith("in place"), ok);
        }
    }
}
