package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook's HTTP contract without a cluster: tokens, JWTs, health, metrics, import outcomes, bodies; and its stores. */
class ComputeHookTest {
    static final TenantId TENANT = TenantId.parse("1f359dd625e519a1a4e8d7509690f6fc");
    static final TimelineId TIMELINE = TimelineId.parse("de200bd42b49cc1814412c7e592dd6e9");
    static final String IMPORT = "{\"tenant_id\":\"" + TENANT + "\",\"timeline_id\":\"" + TIMELINE + "\",\"error\":null}";

    @TempDir
    Path dir;

    static ComputeHook.Builder hook() {
        return ComputeHook.builder().storageController(() -> {
            throw new IllegalStateException("no controller in this test");
        });
    }

    static HttpResponse<String> send(URI hook, String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(hook.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String jwt(KeyPair key, long exp) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"scope\":\"admin\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update((head + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return head + "." + claims + "." + b64.encodeToString(s.sign());
    }

    @Test
    void staticToken_missingOrWrongTokenIsRefusedWith401_rightTokenIsServed() throws Exception {
        try (ComputeHook h = hook().token("cp-token-1").start()) {
            HttpResponse<String> missing = send(h.uri(), "PUT", "/import_complete", IMPORT, null);
            assertEquals(401, missing.statusCode());
            assertFalse(missing.body().contains("cp-token-1"));
            assertEquals(401, send(h.uri(), "PUT", "/notify-attach", "{}", "Bearer wrong").statusCode());
            assertEquals(401, send(h.uri(), "PUT", "/notify-safekeepers", "{}", "Basic cp-token-1").statusCode());
            assertEquals(200, send(h.uri(), "PUT", "/import_complete", IMPORT, "Bearer cp-token-1").statusCode());
            assertTrue(h.scrape().contains("neon_compute_hook_notifications_total{kind=\"attach\",result=\"unauthorized\"} 1.0"), h.scrape());
        }
    }

    @Test
    void jwt_signedByTheConfiguredKeyIsServed_otherKeysExpiredAndGarbageAre401() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
        KeyPair controller = gen.generateKeyPair();
        KeyPair stranger = gen.generateKeyPair();
        Path pem = dir.resolve("cp.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(controller.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        long future = Instant.now().getEpochSecond() + 3600;
        try (ComputeHook h = hook().jwtPublicKeys(pem).start()) {
            assertEquals(200, send(h.uri(), "PUT", "/import_complete", IMPORT, "Bearer " + jwt(controller, future)).statusCode());
            assertEquals(401, send(h.uri(), "PUT", "/import_complete", IMPORT, "Bearer " + jwt(stranger, future)).statusCode());
            assertEquals(401, send(h.uri(), "PUT", "/import_complete", IMPORT, "Bearer " + jwt(controller, 1000)).statusCode());
            assertEquals(401, send(h.uri(), "PUT", "/import_complete", IMPORT, "Bearer not.a.jwt").statusCode());
            assertEquals(401, send(h.uri(), "PUT", "/import_complete", IMPORT, null).statusCode());
        }
    }

    @Test
    void jwtPublicKeys_notAPemKey_namesTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.pem"), "hello");
        var e = assertThrows(IllegalArgumentException.class, () -> hook().jwtPublicKeys(bad));
        assertTrue(e.getMessage().contains("bad.pem") && e.getMessage().contains("Ed25519"), e.getMessage());
    }

    @Test
    void healthzMetricsAndUnknownRoutes() throws Exception {
        try (ComputeHook h = hook().token("t").start()) {
            assertEquals(200, send(h.uri(), "GET", "/healthz", null, null).statusCode());
            HttpResponse<String> metrics = send(h.uri(), "GET", "/metrics", null, null);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("neon_compute_hook_pending_computes"), metrics.body());
            assertEquals(404, send(h.uri(), "GET", "/nothing", null, null).statusCode());
            assertEquals(405, send(h.uri(), "POST", "/notify-attach", "{}", "Bearer t").statusCode());
            assertEquals(405, send(h.uri(), "PUT", "/healthz", "{}", null).statusCode());
        }
    }

    @Test
    void badBodies_are400NamingTheField() throws Exception {
        try (ComputeHook h = hook().start()) {
            HttpResponse<String> r = send(h.uri(), "PUT", "/notify-attach", "{\"tenant_id\":\"" + TENANT + "\",\"shards\":[]}", null);
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("shards"), r.body());
            assertEquals(400, send(h.uri(), "PUT", "/notify-safekeepers", "not json", null).statusCode());
            assertEquals(400, send(h.uri(), "PUT", "/import_complete", "{\"tenant_id\":\"xyz\"}", null).statusCode());
        }
    }

    @Test
    void notifyAttach_whenTheControllerCannotBeRead_is503SoTheControllerRetries() throws Exception {
        try (ComputeHook h = hook().start()) {
            String body = "{\"tenant_id\":\"" + TENANT + "\",\"preferred_az\":null,\"stripe_size\":null,\"shards\":[{\"node_id\":1,\"shard_number\":0}]}";
            assertEquals(503, send(h.uri(), "PUT", "/notify-attach", body, null).statusCode());
        }
    }

    @Test
    void importComplete_isRecordedOnce_theFirstOutcomeCounts() throws Exception {
        ComputeStore store = ComputeStore.file(dir.resolve("registry.json"));
        try (ComputeHook h = hook().store(store).start()) {
            String failed = "{\"tenant_id\":\"" + TENANT + "\",\"timeline_id\":\"" + TIMELINE + "\",\"error\":\"bucket gone\"}";
            assertEquals(200, send(h.uri(), "PUT", "/import_complete", failed, null).statusCode());
            assertEquals(200, send(h.uri(), "PUT", "/import_complete", IMPORT, null).statusCode());
            ImportOutcome o = h.find(TENANT, TIMELINE).orElseThrow();
            assertEquals(Optional.of("bucket gone"), o.error());
            assertFalse(o.succeeded());
        }
        // a new process reads it from the file
        assertEquals(Optional.of("bucket gone"), ComputeStore.file(dir.resolve("registry.json")).find(TENANT, TIMELINE).orElseThrow().error());
    }

    @Test
    void tls_servesHttpsFromAPkcs12Keystore_andAWrongPasswordIsRefusedBeforeListening() throws Exception {
        Path ks = dir.resolve("hook.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "hook", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=IP:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        var e = assertThrows(IllegalArgumentException.class, () -> hook().tls(ks, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("hook.p12"), e.getMessage());
        try (ComputeHook h = hook().tls(ks, "changeit".toCharArray()).start()) {
            assertEquals("https", h.uri().getScheme());
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(ks)) {
                trust.load(in, "changeit".toCharArray());
            }
            var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            try (HttpClient http = HttpClient.newBuilder().sslContext(ctx).build()) {
                var r = http.send(HttpRequest.newBuilder(h.uri().resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
            }
        }
    }

    @Test
    void listen_rejectsWhatIsNotHostPort() {
        var e = assertThrows(IllegalArgumentException.class, () -> ComputeHook.builder().listen("3000"));
        assertTrue(e.getMessage().contains("HOST:PORT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ComputeHook.builder().listen("0.0.0.0:70000"));
        assertThrows(IllegalStateException.class, () -> ComputeHook.builder().start());
    }

    @Test
    void fileStore_putFindRemove_survivesReopen() {
        Path file = dir.resolve("computes.json");
        ComputeStore a = ComputeStore.file(file);
        ComputeRecord r = ComputeRecord.of("compute-1", URI.create("http://10.0.0.7:3080"), ComputeSpec.minimal(TENANT, TIMELINE));
        a.put(r);
        a.put(r.withError("connection refused"));
        ComputeStore b = ComputeStore.file(file);
        assertEquals(List.of(r.withError("connection refused")), b.list());
        assertTrue(b.remove("compute-1"));
        assertFalse(b.remove("compute-1"));
        assertTrue(a.list().isEmpty(), "the other store object sees the change");
    }

    @Test
    void computeRecord_validatesIdUrlAndSpec() {
        ComputeSpec spec = ComputeSpec.minimal(TENANT, TIMELINE);
        var id = assertThrows(IllegalArgumentException.class, () -> ComputeRecord.of("no spaces", URI.create("http://h:1"), spec));
        assertTrue(id.getMessage().contains("computeId"), id.getMessage());
        var url = assertThrows(IllegalArgumentException.class, () -> ComputeRecord.of("c", URI.create("ftp://h:1"), spec));
        assertTrue(url.getMessage().contains("computeCtlUrl"), url.getMessage());
        var tenant = assertThrows(IllegalArgumentException.class, () -> new ComputeRecord("c", TenantId.generate(), TIMELINE,
                URI.create("http://h:1"), spec, Optional.empty()));
        assertTrue(tenant.getMessage().contains("tenant"), tenant.getMessage());
        assertThrows(NullPointerException.class, () -> ComputeRecord.of("c", null, spec));
    }

    @Test
    void open_choosesPostgresForUrlsAndAFileOtherwise() {
        assertTrue(ComputeStore.open(dir.resolve("x.json").toString(), null) instanceof FileComputeStore);
        assertTrue(ComputeStore.open("postgresql://neon@127.0.0.1:5432/neon", null) instanceof PostgresComputeStore);
        var e = assertThrows(IllegalArgumentException.class, () -> ComputeStore.open("postgresql://neon:pw@h:5432/db", null));
        assertTrue(e.getMessage().contains("registry URL") && !e.getMessage().contains(":pw@"), e.getMessage());
    }
}
