package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.BadRequestException;
import io.neonclient.core.ServerErrorException;
import io.neonclient.pageserver.PageserverClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/reload_auth_validation_keys} (pageserver/src/http/routes.rs {@code reload_auth_validation_keys_handler})
 * through the SDK: the pageserver reads its public key file again, so an operator rotates keys without a restart.
 */
class AuthKeyReloadIT {

    @Test
    void reload_picksUpARotatedKey_andKeepsTheOldKeysWhenTheFileIsBroken(@TempDir Path dir) throws Exception {
        KeyPair first = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair second = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = EdDsaAuthIT.writePem(dir, "auth_public_key.pem", first);
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).authPublicKey(pem).build().start()) {
            RawHttp ps = RawHttp.storcon(cluster.pageserver(1), null); // not recorded: the 403s are the point
            String byFirst = EdDsaAuthIT.mint(first.getPrivate(), "{\"scope\":\"pageserverapi\"}", "EdDSA");
            String bySecond = EdDsaAuthIT.mint(second.getPrivate(), "{\"scope\":\"pageserverapi\"}", "EdDSA");
            assertEquals(200, ps.withToken(byFirst).get("/v1/location_config").status());
            assertEquals(403, ps.withToken(bySecond).get("/v1/location_config").status());

            EdDsaAuthIT.writePem(dir, "auth_public_key.pem", second);
            PageserverClient client = cluster.pageserverClient(1);
            client.reloadAuthValidationKeys();
            assertEquals(200, ps.withToken(bySecond).get("/v1/location_config").status(), "the rotated key is accepted");
            assertEquals(403, ps.withToken(byFirst).get("/v1/location_config").status(), "the old key is gone");
            assertEquals(200, ps.withToken(cluster.token(io.neonclient.core.Scope.PAGESERVER_API)).get("/v1/location_config").status(),
                    "the cluster's own tokens still work");

            Files.writeString(pem, "not a key");
            ServerErrorException broken = assertThrows(ServerErrorException.class, client::reloadAuthValidationKeys);
            assertTrue(broken.serverMessage().contains("Error reloading public keys"), broken.serverMessage());
            assertEquals(200, ps.withToken(bySecond).get("/v1/location_config").status(), "a failed reload keeps the keys");
        }
    }

    @Test
    void reload_withoutAuth_is400() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).build().start()) {
            assertThrows(BadRequestException.class, () -> cluster.pageserverClient(1).reloadAuthValidationKeys());
        }
    }
}
