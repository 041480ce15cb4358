package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class ClientConfigTest {
    static final String SECRET = "very-secret-token-123";

    @Test
    void defaults_areTheDocumentedOnes() {
        ClientConfig d = ClientConfig.defaults();
        assertSame(TokenProvider.none(), d.tokens());
        assertEquals(Duration.ofSeconds(10), d.connectTimeout());
        assertEquals(Duration.ofSeconds(60), d.requestTimeout());
        assertEquals(RetryPolicy.defaults(), d.retryPolicy());
        assertEquals(WaitPolicy.defaults(), d.waitPolicy());
        assertEquals(64L << 20, d.maxResponseBytes());
        assertTrue(d.userAgent().startsWith("neon-client/"), d.userAgent());
        assertTrue(d.sslContext().isEmpty());
        assertTrue(d.caCertificate().isEmpty());
        assertTrue(d.httpClient().isEmpty());
        assertEquals(ClientConfig.defaults(), d);
    }

    @Test
    void withX_changesOneSetting_andLeavesTheBaseAlone() {
        ClientConfig base = ClientConfig.defaults();
        ClientConfig derived = base.withRequestTimeout(Duration.ofSeconds(3)).withUserAgent("ops/1.0")
                .withRetryPolicy(RetryPolicy.none()).withWaitPolicy(WaitPolicy.defaults().withTimeout(Duration.ofMinutes(1)))
                .withConnectTimeout(Duration.ofSeconds(2)).withMaxResponseBytes(1024);
        assertEquals(Duration.ofSeconds(60), base.requestTimeout());
        assertEquals(Duration.ofSeconds(3), derived.requestTimeout());
        assertEquals(Duration.ofSeconds(2), derived.connectTimeout());
        assertEquals("ops/1.0", derived.userAgent());
        assertEquals(RetryPolicy.none(), derived.retryPolicy());
        assertEquals(Duration.ofMinutes(1), derived.waitPolicy().timeout());
        assertEquals(1024, derived.maxResponseBytes());
        assertNotEquals(base, derived);
        assertEquals(derived, base.withRequestTimeout(Duration.ofSeconds(3)).withUserAgent("ops/1.0")
                .withRetryPolicy(RetryPolicy.none()).withWaitPolicy(WaitPolicy.defaults().withTimeout(Duration.ofMinutes(1)))
                .withConnectTimeout(Duration.ofSeconds(2)).withMaxResponseBytes(1024));
        assertEquals(derived.hashCode(), derived.withUserAgent("ops/1.0").hashCode());
    }

    @Test
    void withBearerToken_sendsTheTokenForEveryScope() {
        ClientConfig c = ClientConfig.defaults().withBearerToken(SECRET);
        for (Scope s : Scope.values()) {
            assertEquals(SECRET, c.tokens().tokenFor(s).orElseThrow().value());
        }
    }

    @Test
    void badValues_areRejectedNamingTheSetting() {
        ClientConfig d = ClientConfig.defaults();
        assertMessage("ClientConfig connectTimeout must be positive, got PT0S", () -> d.withConnectTimeout(Duration.ZERO));
        assertMessage("ClientConfig requestTimeout must be positive, got PT-1S", () -> d.withRequestTimeout(Duration.ofSeconds(-1)));
        assertMessage("ClientConfig maxResponseBytes must be 1.." + ClientConfig.MAX_RESPONSE_BYTES_LIMIT + ", got 0",
                () -> d.withMaxResponseBytes(0));
        assertMessage("ClientConfig userAgent must be printable ASCII, got 'bad\nagent'", () -> d.withUserAgent("bad\nagent"));
        assertMessage("bearer token must not be blank", () -> d.withBearerToken(" "));
        assertEquals("requestTimeout", assertThrows(NullPointerException.class, () -> d.withRequestTimeout(null)).getMessage());
        assertEquals("tokens", assertThrows(NullPointerException.class, () -> d.withTokens(null)).getMessage());
        assertEquals("retryPolicy", assertThrows(NullPointerException.class, () -> d.withRetryPolicy(null)).getMessage());
        assertEquals("waitPolicy", assertThrows(NullPointerException.class, () -> d.withWaitPolicy(null)).getMessage());
        assertEquals("httpClient", assertThrows(NullPointerException.class, () -> d.withHttpClient(null)).getMessage());
    }

    @Test
    void httpClientAndTls_excludeEachOther() throws Exception {
        ClientConfig tls = ClientConfig.defaults().withSslContext(SSLContext.getDefault());
        var e = assertThrows(IllegalArgumentException.class, () -> tls.withHttpClient(HttpClient.newHttpClient()));
        assertTrue(e.getMessage().startsWith("ClientConfig httpClient and sslContext/caCertificate exclude each other"), e.getMessage());
        ClientConfig own = ClientConfig.defaults().withHttpClient(HttpClient.newHttpClient());
        assertThrows(IllegalArgumentException.class, () -> own.withSslContext(SSLContext.getDefault()));
    }

    @Test
    void caCertificate_thatIsNotPem_isRejectedWithThePath() throws Exception {
        var file = Files.createTempFile("ca", ".pem");
        Files.writeString(file, "not a certificate");
        var e = assertThrows(IllegalArgumentException.class, () -> ClientConfig.defaults().withCaCertificate(file));
        assertTrue(e.getMessage().startsWith("caCertificate " + file), e.getMessage());
    }

    @Test
    void toString_neverPrintsAToken() {
        ClientConfig none = ClientConfig.defaults();
        ClientConfig one = none.withBearerToken(SECRET);
        ClientConfig perScope = none.withTokens(TokenProvider.perScope(Map.of(Scope.ADMIN, SECRET)));
        assertTrue(none.toString().contains("tokens=<none>"), none.toString());
        for (ClientConfig c : new ClientConfig[] {one, perScope}) {
            assertTrue(c.toString().contains("tokens=<set>"), c.toString());
            assertFalse(c.toString().contains(SECRET), c.toString());
        }
        assertTrue(one.toString().contains("requestTimeout=PT1M"), one.toString());
        assertTrue(one.toString().contains("tls=<default>"), one.toString());
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
