package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auth as upstream does it (libs/utils/src/auth.rs): EdDSA JWTs verified against the public keys the servers are
 * given, so a token minted by the operator's own tooling with its own Ed25519 key works on the simulation.
 */
class EdDsaAuthIT {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What an operator's tooling does: sign {@code claims} with its Ed25519 private key ({@code alg: EdDSA}). */
    static String mint(PrivateKey key, String claims, String alg) throws Exception {
        String header = B64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + B64.encodeToString(s.sign());
    }

    static Path writePem(Path dir, String name, KeyPair pair) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return f;
    }

    @Test
    void tokensMintedWithTheOperatorsKey_areAccepted_othersRefused(@TempDir Path dir) throws Exception {
        KeyPair operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = writePem(dir, "auth_public_key.pem", operator);
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).authPublicKey(pem).build().start()) {
            RawHttp storcon = RawHttp.storcon(cluster.storageController(), null);
            assertEquals(200, storcon.withToken(mint(operator.getPrivate(), "{\"scope\":\"admin\"}", "EdDSA")).get("/control/v1/node").status());
            assertEquals(403, storcon.withToken(mint(stranger.getPrivate(), "{\"scope\":\"admin\"}", "EdDSA")).get("/control/v1/node").status());
            assertEquals(403, storcon.withToken(mint(operator.getPrivate(), "{\"scope\":\"admin\"}", "HS256")).get("/control/v1/node").status(),
                    "only EdDSA is accepted, as upstream validates");
            assertEquals(401, storcon.get("/control/v1/node").status());
            assertEquals(200, storcon.withToken(cluster.token(io.neonclient.core.Scope.ADMIN)).get("/control/v1/node").status(),
                    "the cluster's own tokens still work");
            RawHttp ps = RawHttp.storcon(cluster.pageserver(1), null); // not recorded: the 403 below is the point
            assertEquals(200, ps.withToken(mint(operator.getPrivate(), "{\"scope\":\"pageserverapi\"}", "EdDSA")).get("/v1/location_config").status());
            assertEquals(403, ps.withToken(mint(operator.getPrivate(), "{\"scope\":\"admin\"}", "EdDSA")).get("/v1/tenant").status(),
                    "pageservers refuse admin");
        }
    }

    @Test
    void aDirectoryOfKeys_isRead_andABadKeyFileIsNamed(@TempDir Path dir) throws Exception {
        KeyPair a = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair b = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path keys = Files.createDirectory(dir.resolve("keys"));
        writePem(keys, "a.pem", a);
        writePem(keys, "b.pem", b);
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).authPublicKey(keys).build().start()) {
            RawHttp storcon = RawHttp.storcon(cluster.storageController(), null);
            assertEquals(200, storcon.withToken(mint(b.getPrivate(), "{\"scope\":\"infra\"}", "EdDSA")).get("/control/v1/node").status());
        }
        Path bad = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeonTestCluster.builder().authPublicKey(bad));
        assertTrue(e.getMessage().contains("not-a-key.pem") && e.getMessage().contains("Ed25519"), e.getMessage());
    }

    @Test
    void theJarsLine_carriesReadyTokensForEveryScope_andTheKeyTheyVerifyWith() throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(1).auth(true).build().start()) {
            JsonNode line = RawHttp.JSON.readTree(cluster.describe());
            JsonNode tokens = line.path("tokens");
            for (String scope : new String[] {"admin", "infra", "scrubber", "pageserverapi", "safekeeperdata", "generations_api",
                    "compute_ctl:admin"}) {
                assertTrue(tokens.path(scope).asText().split("\\.").length == 3, scope + " token in " + line);
            }
            assertTrue(line.path("auth_public_key").asText().startsWith("-----BEGIN PUBLIC KEY-----"), line.toString());
            assertEquals(200, RawHttp.storcon(cluster.pageserver(1), tokens.path("pageserverapi").asText()).get("/v1/location_config").status());
            assertEquals(200, RawHttp.storcon(cluster.storageController(), tokens.path("infra").asText()).get("/control/v1/node").status());
        }
    }
}
